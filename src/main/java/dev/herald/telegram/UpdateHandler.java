package dev.herald.telegram;

import dev.herald.store.FeedbackStore;
import dev.herald.text.VisibleText;
import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.chat.ChatCommands;
import dev.herald.chat.QuestionService;
import dev.herald.chat.Reply;
import dev.herald.library.ContentLibrary;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.article.ArticleRef;
import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Receives updates from long polling and answers them.
 *
 * <p>Updates are handled concurrently across conversations but strictly in order within one (one serial queue per
 * user in a chat). Commands run on their own threads; a question's answering step (retrieval, the model call) runs
 * on the answering pool, and its queue waits for it without holding a command thread, so /help, /start and other
 * readers' messages never wait behind someone else's slow model call (five questions on a hanging endpoint kept
 * /help waiting ~38 s when both shared one pool). Every update is handled in isolation: whatever goes wrong is
 * logged and answered with an apology, and polling carries on. Edited messages are ignored (they would be answered twice), and an update id seen before is
 * skipped.
 */
public final class UpdateHandler implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

    static final String ASK_IN_WORDS = "Please ask a question in words, for example: Who controls Goma?";
    static final String APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment.";
    static final String TEXT_ONLY = "I can only read text questions.";
    static final String PRIVATE = "This bot is private.";
    static final String ADMINS_ONLY = "This command is for admins.";
    static final String RELOAD_BUSY = "A reload is already running.";
    static final String THANKS = "Thanks for the feedback";
    private static final Duration PRIVATE_NOTICE_EVERY = Duration.ofHours(1);
    private static final int MAX_LATEST = 50;

    /** The question-answering step (normally {@link QuestionService#ask(String, String, Instant)}). */
    @FunctionalInterface
    public interface Asker {
        Reply ask(String conversation, String question, Instant asOf);
    }

    private final ReliableSender sender;
    private final QuestionService questions;
    private final Asker asker;
    private final ContentLibrary library;
    private final ArticleStore store;
    private final FeedbackStore feedback;
    private final BotOptions options;
    private final Clock clock;
    private final String token;
    private final RateLimiter limiter;
    private final BotStats stats = new BotStats();

    private final ExecutorService pool;
    private final ExecutorService commands;
    private final ExecutorService background;
    private final Map<QueueKey, CompletableFuture<Void>> tails = new HashMap<>();
    private final Set<CompletableFuture<?>> adminWork = ConcurrentHashMap.newKeySet();
    private final Set<Integer> seen = new LinkedHashSet<>();
    private final Map<Long, Instant> privateNotices = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private volatile long botId;
    private volatile String username = "";
    private volatile Pattern mention = Pattern.compile("(?!)");

    /**
     * @param questions used for conversations (reset on /new)
     * @param asker     answers questions; normally {@code questions::ask}, replaceable to observe or break it
     * @param clock     "now" for answers (as-of date), rate limits and stats
     * @param token     only to scrub it from logged errors
     */
    public UpdateHandler(ReliableSender sender, QuestionService questions, Asker asker, ContentLibrary library,
                         ArticleStore store, FeedbackStore feedback, BotOptions options, Clock clock, int threads,
                         String token) {
        this.sender = sender;
        this.questions = questions;
        this.asker = asker;
        this.library = library;
        this.store = store;
        this.feedback = feedback;
        this.options = options;
        this.clock = clock;
        this.token = token;
        this.limiter = new RateLimiter(options.ratePerMinute(), clock);
        this.pool = Executors.newFixedThreadPool(threads, daemon("herald-answer-"));
        this.commands = Executors.newFixedThreadPool(Math.max(2, threads), daemon("herald-chat-"));
        this.background = Executors.newCachedThreadPool(daemon("herald-admin-"));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Who the bot is (from getMe): needed to notice mentions and replies in groups. */
    public void identity(long id, String name) {
        this.botId = id;
        this.username = name == null ? "" : name;
        this.mention = username.isEmpty() ? Pattern.compile("(?!)")
                : Pattern.compile("(?i)(?<![\\w@])@" + Pattern.quote(username) + "\\b");
    }

    public BotStats stats() {
        return stats;
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    public void consume(List<Update> updates) {
        for (Update u : updates) {
            try {
                if (u == null || !firstTime(u.getUpdateId())) continue;
                if (u.getMessage() == null && u.getCallbackQuery() == null) continue; // edits, channel posts, …
                enqueue(queueKey(u), () -> safely(u));
            } catch (RuntimeException e) {
                log.error("update {} could not be dispatched: {}", u == null ? null : u.getUpdateId(),
                        Redact.describe(e, token));
            }
        }
    }

    private synchronized boolean firstTime(Integer updateId) {
        if (updateId == null) return true;
        if (!seen.add(updateId)) return false;
        if (seen.size() > 10_000) {
            var it = seen.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** One serial queue per user per chat: a reader's updates stay in order, nobody waits for anyone else's. */
    private record QueueKey(long chat, long user) {
    }

    private static QueueKey queueKey(Update u) {
        if (u.hasCallbackQuery()) {
            long user = u.getCallbackQuery().getFrom().getId();
            return new QueueKey(user, user); // buttons are under answers in the user's private chat
        }
        Long user = userId(u.getMessage());
        return new QueueKey(u.getMessage().getChatId(), user == null ? 0 : user);
    }

    /** Runs the task after the key's previous one has finished, including any answer it was still waiting for. */
    private void enqueue(QueueKey key, java.util.function.Supplier<CompletableFuture<Void>> task) {
        synchronized (tails) {
            if (closed) {
                log.warn("update for chat {} arrived while shutting down; not handled", key.chat());
                return;
            }
            CompletableFuture<Void> prev = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> next = prev.thenComposeAsync(ignored -> task.get(), commands);
            tails.put(key, next);
            next.whenComplete((r, e) -> {
                synchronized (tails) {
                    tails.remove(key, next);
                }
            });
        }
    }

    /** Handles the update; the future completes when it is fully answered. Never completes exceptionally. */
    private CompletableFuture<Void> safely(Update u) {
        try {
            return handle(u).exceptionally(e -> {
                failed(u, e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
                return null;
            });
        } catch (Throwable e) {
            failed(u, e);
            return DONE;
        }
    }

    private void failed(Update u, Throwable e) {
        try {
            log.error("update {} failed: {}", u.getUpdateId(), Redact.describe(e, token));
            Long chat = u.hasMessage() ? u.getMessage().getChatId() : null;
            if (chat != null) sender.sendPlain(chat, APOLOGY, null, replyTo(u.getMessage()));
            else if (u.hasCallbackQuery()) answerCallback(u.getCallbackQuery().getId(), APOLOGY);
        } catch (RuntimeException again) {
            log.error("update {}: the apology failed too: {}", u.getUpdateId(), Redact.describe(again, token));
        }
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Handles one update on the calling thread (the per-user queue), except a question's answering step, which
     * runs on the answering pool: the returned future completes when the update is fully handled.
     */
    CompletableFuture<Void> handle(Update u) {
        if (u.hasCallbackQuery()) onCallback(u.getCallbackQuery());
        else if (u.getMessage() != null) return onMessage(u.getMessage());
        return DONE;
    }

    // ------------------------------------------------------------------ messages

    private CompletableFuture<Void> onMessage(Message m) {
        long chatId = m.getChatId();
        User from = m.getFrom();
        if (from != null && Boolean.TRUE.equals(from.getIsBot())) return DONE;
        if (!options.chatAllowed(chatId)) {
            Instant now = clock.instant();
            Instant last = privateNotices.get(chatId);
            if (last == null || !now.isBefore(last.plus(PRIVATE_NOTICE_EVERY))) {
                privateNotices.put(chatId, now);
                sender.sendPlain(chatId, PRIVATE, null, null);
            }
            return DONE;
        }
        boolean isPrivate = Boolean.TRUE.equals(m.getChat().isUserChat());
        boolean replyToBot = m.getReplyToMessage() != null && m.getReplyToMessage().getFrom() != null
                && m.getReplyToMessage().getFrom().getId() == botId;
        if (!m.hasText()) {
            String caption = m.getCaption() == null ? "" : m.getCaption();
            if (isPrivate || replyToBot || mention.matcher(caption).find()) reply(m, TelegramHtml.escape(TEXT_ONLY));
            return DONE;
        }
        m.getEntities(); // telegrambots computes isCommand()/getCommand() lazily from here
        String text = m.getText().strip();
        if (text.isEmpty()) return DONE;
        if (text.startsWith("/")) return command(m, text, isPrivate);
        String question;
        Matcher at = mention.matcher(text);
        if (isPrivate) question = at.replaceAll(" ");
        else if (at.find()) question = mention.matcher(text).replaceAll(" ");
        else if (replyToBot) question = text;
        else return DONE; // group chatter not meant for the bot
        question = question.replaceAll("[ \\t]+", " ").strip();
        if (question.startsWith(",") || question.startsWith(":")) question = question.substring(1).strip();
        return answer(m, question);
    }

    /** Runs a command; only /ask returns a future that is not already done (its answer). */
    private CompletableFuture<Void> command(Message m, String text, boolean isPrivate) {
        String[] split = text.split("\\s+", 2);
        String head = split[0].substring(1);
        String args = split.length > 1 ? split[1].strip() : "";
        String target = null;
        int at = head.indexOf('@');
        if (at >= 0) {
            target = head.substring(at + 1);
            head = head.substring(0, at);
        }
        if (target != null && !target.equalsIgnoreCase(username)) return DONE; // for another bot
        String cmd = head.toLowerCase(Locale.ROOT);
        if (cmd.equals("ask") && !args.isEmpty()) return answer(m, args);
        switch (cmd) {
            case "start" -> reply(m, greeting());
            case "help" -> reply(m, help(isAdmin(m)));
            case "new", "reset" -> {
                questions.conversations().reset(conversation(m));
                reply(m, "Started a new conversation. Ask me anything.");
            }
            case "latest" -> reply(m, latest(args));
            case "sources" -> reply(m, sources());
            case "ask" -> reply(m, "Ask me a question after /ask, for example: /ask Who controls Goma?"); // no args
            case "reload", "add", "remove", "stats" -> {
                if (!isAdmin(m)) {
                    log.warn("user {} is not an admin but sent /{} in chat {}", userId(m), cmd, m.getChatId());
                    reply(m, ADMINS_ONLY);
                    return DONE;
                }
                switch (cmd) {
                    case "reload" -> reload(m);
                    case "add" -> add(m, args);
                    case "remove" -> remove(m, args);
                    default -> reply(m, statsText());
                }
            }
            default -> {
                if (isPrivate || target != null) reply(m, "I don't know that command. Send /help to see what I can do.");
            }
        }
        return DONE;
    }

    private boolean isAdmin(Message m) {
        return options.isAdmin(userId(m));
    }

    private static Long userId(Message m) {
        return m.getFrom() == null ? null : m.getFrom().getId();
    }

    /** One conversation per user per chat, so follow-ups in a group do not mix people up. */
    static String conversation(Message m) {
        Long user = userId(m);
        return "tg:" + m.getChatId() + ":" + (user == null ? 0 : user);
    }

    private Integer replyTo(Message m) {
        return m != null && !Boolean.TRUE.equals(m.getChat().isUserChat()) ? m.getMessageId() : null;
    }

    private void reply(Message m, String html) {
        sender.sendHtml(m.getChatId(), html, null, replyTo(m));
    }

    // ------------------------------------------------------------------ questions

    /** Checks the question here; answers it on the answering pool (the returned future). */
    private CompletableFuture<Void> answer(Message m, String question) {
        if (question.isBlank()) return DONE;
        if (!VisibleText.has(question)) { // only zero-width or no-break spaces: nothing to search for
            reply(m, ASK_IN_WORDS);
            return DONE;
        }
        int max = options.maxQuestionChars();
        if (question.length() > max) {
            reply(m, "That question is too long (" + question.length() + " characters). Please keep questions under "
                    + max + " characters.");
            return DONE;
        }
        Long user = userId(m);
        long wait = limiter.tryAcquire(user == null ? m.getChatId() : user);
        if (wait > 0) {
            reply(m, "You're asking questions faster than I can keep up. Please try again in " + wait
                    + (wait == 1 ? " second." : " seconds."));
            return DONE;
        }
        return CompletableFuture.runAsync(() -> answerNow(m, question), pool);
    }

    private void answerNow(Message m, String question) {
        typing(m.getChatId());
        Instant now = clock.instant();
        Reply r = asker.ask(conversation(m), question, now);
        Answer a = r.answer();
        String sources = a.citations().stream()
                .map(c -> "[" + c.n() + "] " + PlainTextFormatter.describe(c.article()))
                .collect(Collectors.joining("\n"));
        String key = feedback.remember(new FeedbackStore.Answered(m.getChatId(), question, a.text(), sources));
        sender.sendHtml(m.getChatId(), TelegramHtml.answer(a), keyboard(key), replyTo(m));
        stats.record(r.tookMillis(), a.abstained(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        log.info("chat {}: answered in {} ms ({}{} citations)", m.getChatId(), r.tookMillis(),
                a.abstained() ? "abstained, " : "", a.citations().size());
    }

    static InlineKeyboardMarkup keyboard(String key) {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("👍").callbackData("fb:up:" + key).build(),
                InlineKeyboardButton.builder().text("👎").callbackData("fb:down:" + key).build())));
    }

    private void typing(long chatId) {
        try {
            sender.callOnce(new SendChatAction(String.valueOf(chatId), ActionType.TYPING.toString()));
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("chat {}: typing action failed: {}", chatId, Redact.describe(e, token));
        }
    }

    // ------------------------------------------------------------------ feedback

    private void onCallback(CallbackQuery q) {
        String data = q.getData() == null ? "" : q.getData();
        String[] parts = data.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("fb") || !(parts[1].equals("up") || parts[1].equals("down"))) {
            answerCallback(q.getId(), null);
            return;
        }
        FeedbackStore.Result result = feedback.vote(parts[2], q.getFrom().getId(), parts[1].equals("up") ? 1 : -1,
                clock.instant());
        answerCallback(q.getId(), switch (result) {
            case STORED -> THANKS;
            case ALREADY_VOTED -> "You already rated this answer.";
            case UNKNOWN -> "Sorry, this answer is too old to rate.";
        });
    }

    private void answerCallback(String id, String text) {
        try {
            sender.call(AnswerCallbackQuery.builder().callbackQueryId(id).text(text).build());
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("callback {} could not be answered: {}", id, Redact.describe(e, token));
        }
    }

    // ------------------------------------------------------------------ reader commands

    String greeting() {
        int articles = store.articleCount();
        StringBuilder sb = new StringBuilder("Hello! I'm Herald. I answer questions about the news from the ")
                .append(articles).append(articles == 1 ? " article" : " articles")
                .append(" I've read, and I cite my sources.");
        List<String> examples = exampleQuestions(store.latest(20, clock.instant()));
        if (articles == 0) {
            sb.append("\n\nI have no articles yet; an admin can load some with /reload.");
        } else if (!examples.isEmpty()) {
            sb.append("\n\nTry asking:");
            for (String q : examples) sb.append("\n• ").append(TelegramHtml.escape(q));
        }
        sb.append("\n\nSend /help to see everything I can do.");
        return sb.toString();
    }

    /** Up to three questions about distinct subjects of the newest headlines. */
    static List<String> exampleQuestions(List<ArticleRef> latest) {
        Map<String, String> bySubject = new LinkedHashMap<>();
        for (ArticleRef r : latest) {
            String s = subject(r.title());
            if (s != null) bySubject.putIfAbsent(s.toLowerCase(Locale.ROOT), "What happened with " + s + "?");
            if (bySubject.size() == 3) break;
        }
        return new ArrayList<>(bySubject.values());
    }

    /** The leading proper noun(s) of a headline ("M23", "Ruto and Rubio"), or null. */
    static String subject(String title) {
        if (title == null) return null;
        String[] words = title.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length && out.size() < 4; i++) {
            String w = words[i].replaceAll("^[\"'“‘(\\[]+", "");
            String clean = w.replaceAll("[\"'”’)\\],.:;!?]+$", "");
            if (clean.isEmpty()) break;
            int first = clean.codePointAt(0);
            if (Character.isUpperCase(first) || Character.isDigit(first)) {
                out.add(clean);
                if (!clean.equals(w)) break; // punctuation ends the phrase
            } else if (!out.isEmpty() && (clean.equals("and") || clean.equals("of")) && i + 1 < words.length
                    && Character.isUpperCase(words[i + 1].codePointAt(0))) {
                out.add(clean);
            } else {
                break;
            }
        }
        if (out.isEmpty()) return null;
        String s = String.join(" ", out);
        return s.length() > 60 ? null : s;
    }

    String help(boolean admin) {
        List<ArticleStore.SourceSummary> sources = store.sources();
        int articles = sources.stream().mapToInt(ArticleStore.SourceSummary::articles).sum();
        StringBuilder sb = new StringBuilder("I'm Herald, a news bot. ");
        if (articles == 0) {
            sb.append("I have no articles yet.");
        } else {
            sb.append("I answer questions from ").append(articles).append(articles == 1 ? " article" : " articles")
                    .append(" by ").append(TelegramHtml.escape(outlets(sources)));
            String range = range(sources);
            if (!range.isEmpty()) sb.append(", published ").append(range);
            sb.append(". Every answer cites its sources; when my articles don't cover something, I say so.");
        }
        sb.append("\n\nIn a private chat, just send a question. In a group, mention me (@")
                .append(TelegramHtml.escape(username)).append(" your question), reply to one of my messages, or use /ask.")
                .append("\n\n<b>Commands</b>");
        for (ChatCommands.Command c : ChatCommands.telegram()) {
            sb.append('\n').append(TelegramHtml.escape(c.usage())).append(" — ").append(TelegramHtml.escape(c.description()));
        }
        if (admin) {
            sb.append("\n\n<b>Admin commands</b>")
                    .append("\n/reload — reload the configured content")
                    .append("\n/add &lt;URL or path&gt; — add a feed, web page, file or folder")
                    .append("\n/remove &lt;article id or URL&gt; — remove an article")
                    .append("\n/stats — usage and store statistics");
        }
        return sb.toString();
    }

    private static String outlets(List<ArticleStore.SourceSummary> sources) {
        List<String> names = sources.stream().map(ArticleStore.SourceSummary::source).limit(5).toList();
        String s = String.join(", ", names);
        return sources.size() > 5 ? s + " and " + (sources.size() - 5) + " more" : s;
    }

    private static String range(List<ArticleStore.SourceSummary> sources) {
        Instant first = null;
        Instant last = null;
        for (ArticleStore.SourceSummary s : sources) {
            if (s.first() != null && (first == null || s.first().isBefore(first))) first = s.first();
            if (s.last() != null && (last == null || s.last().isAfter(last))) last = s.last();
        }
        if (first == null) return "";
        return "between " + day(first) + " and " + day(last);
    }

    private static String day(Instant i) {
        return PlainTextFormatter.day(new ArticleRef("", "", "", null, i));
    }

    /** {@code /latest [topic]}: the briefing the console gives too; {@code /latest N} lists the N newest headlines. */
    String latest(String args) {
        if (!args.strip().matches("\\d{1,9}")) return TelegramHtml.answer(questions.latest(args, clock.instant()));
        int n = Math.max(1, Math.min(MAX_LATEST, Integer.parseInt(args.strip())));
        List<ArticleRef> refs = store.latest(n, clock.instant());
        if (refs.isEmpty()) return "I have no articles yet.";
        StringBuilder sb = new StringBuilder("<b>Latest headlines</b>");
        for (int i = 0; i < refs.size(); i++) sb.append("\n\n").append(i + 1).append(". ").append(TelegramHtml.headline(refs.get(i)));
        return sb.toString();
    }

    String sources() {
        List<ArticleStore.SourceSummary> sources = store.sources();
        if (sources.isEmpty()) return "I have no articles yet.";
        int total = sources.stream().mapToInt(ArticleStore.SourceSummary::articles).sum();
        StringBuilder sb = new StringBuilder("<b>Sources</b> (").append(total).append(total == 1 ? " article" : " articles");
        String range = range(sources);
        if (!range.isEmpty()) sb.append(", ").append(range);
        sb.append(")");
        for (ArticleStore.SourceSummary s : sources) {
            sb.append("\n• ").append(TelegramHtml.escape(s.source())).append(" — ").append(s.articles())
                    .append(s.articles() == 1 ? " article" : " articles");
            if (s.first() != null) {
                sb.append(", ").append(day(s.first()));
                if (!day(s.first()).equals(day(s.last()))) sb.append(" – ").append(day(s.last()));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ admin commands

    private void reload(Message m) {
        runContentOperation(m, "Reloading…", () -> "Reload " + summary(library.reload(IngestProgress.NONE)));
    }

    private void add(Message m, String args) {
        if (args.isEmpty()) {
            reply(m, "Give a web page or feed URL, or a file or folder path on the server: /add https://example.org/feed.xml");
            return;
        }
        String lower = args.toLowerCase(Locale.ROOT);
        boolean url = lower.startsWith("http://") || lower.startsWith("https://");
        if (!url && !Files.exists(Path.of(args))) {
            reply(m, "No such file or folder on the server: " + TelegramHtml.escape(args));
            return;
        }
        runContentOperation(m, "Adding " + TelegramHtml.escape(args) + "…",
                () -> "Add " + summary(library.add(args, IngestProgress.NONE)));
    }

    private void remove(Message m, String args) {
        if (args.isEmpty()) {
            reply(m, "Give an article id or URL: /remove &lt;id or URL&gt;");
            return;
        }
        boolean removed = library.remove(args);
        reply(m, removed ? "Removed " + TelegramHtml.escape(args) + "."
                : "No article has the id or URL " + TelegramHtml.escape(args) + ".");
    }

    /** Runs a content operation in the background so the chat and everyone else keep getting answers. */
    private void runContentOperation(Message m, String started, java.util.function.Supplier<String> work) {
        if (library.busy()) {
            reply(m, RELOAD_BUSY);
            return;
        }
        reply(m, started);
        CompletableFuture<?> f = CompletableFuture.runAsync(() -> {
            String outcome;
            try {
                outcome = work.get();
                log.info("{}", TelegramHtml.toPlain(outcome).replace('\n', ' '));
            } catch (ContentLibrary.BusyException e) { // another operation started since busy() said no
                outcome = RELOAD_BUSY;
            } catch (RuntimeException e) {
                log.error("content operation failed: {}", Redact.describe(e, token));
                outcome = "That failed: " + TelegramHtml.escape(Redact.scrub(String.valueOf(e.getMessage()), token));
            }
            reply(m, outcome);
        }, background);
        adminWork.add(f);
        f.whenComplete((r, e) -> adminWork.remove(f));
    }

    static String summary(IngestSummary s) {
        StringBuilder sb = new StringBuilder(s.interrupted() ? "stopped early" : "done")
                .append(String.format(Locale.ROOT, " in %.1f s: %d added, %d updated, %d unchanged, %d failed.",
                        s.took().toMillis() / 1000.0, s.added(), s.updated(), s.unchanged(), s.skipped().size()));
        s.skipped().stream().limit(5).forEach(k -> sb.append("\n• ").append(TelegramHtml.escape(String.valueOf(k))));
        if (s.skipped().size() > 5) sb.append("\n… and ").append(s.skipped().size() - 5).append(" more");
        return sb.toString();
    }

    String statsText() {
        long[] votes = feedback.counts();
        long p50 = stats.percentileMillis(50);
        long p95 = stats.percentileMillis(95);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return "<b>Herald stats</b>"
                + "\nArticles: " + store.articleCount()
                + "\nChunks: " + store.chunkCount()
                + "\nDatabase: " + String.format(Locale.ROOT, "%.1f MB", store.database().sizeBytes() / 1_000_000.0)
                + "\nQuestions answered today: " + stats.answeredOn(today) + " (since start: " + stats.answered() + ")"
                + "\nAbstention rate: " + String.format(Locale.ROOT, "%.0f%%", stats.abstentionRate() * 100)
                + "\nAnswer time: " + (p50 < 0 ? "no answers yet" : "p50 " + p50 + " ms, p95 " + p95 + " ms")
                + "\nFeedback: 👍 " + votes[0] + " / 👎 " + votes[1]
                + (questions.answerer().statistics().isEmpty() ? ""
                        : "\n" + TelegramHtml.escape(questions.answerer().statistics()))
                + failingSources();
    }

    /** Sources whose last fetch failed, with the reason, so an admin sees a broken feed without reading logs. */
    private String failingSources() {
        StringBuilder sb = new StringBuilder();
        try {
            for (dev.herald.sources.Source src : library.sources()) {
                if (src.lastError() == null || src.lastError().isBlank()) continue;
                sb.append("\n⚠ ").append(TelegramHtml.escape(src.label())).append(": ")
                        .append(TelegramHtml.escape(src.lastError())).append(" (").append(src.failures()).append(" failures)");
            }
        } catch (RuntimeException e) {
            log.debug("sources unavailable for /stats: {}", e.getMessage());
        }
        return sb.length() == 0 ? "" : "\nFailing sources:" + sb;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops taking updates and waits (up to the timeout) for replies in flight, including running reloads, then
     * stops the threads.
     */
    public void drain(Duration timeout) {
        List<CompletableFuture<?>> pending;
        synchronized (tails) {
            closed = true;
            pending = new ArrayList<>(tails.values());
        }
        pending.addAll(adminWork);
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("{} replies still in flight at shutdown: {}", pending.stream().filter(f -> !f.isDone()).count(),
                    e.getClass().getSimpleName());
        }
        pool.shutdown();
        commands.shutdown();
        background.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by the polling application when it closes: finish replies in flight. */
    @Override
    public void close() {
        if (!closed) drain(Duration.ofSeconds(30));
    }
}
