package dev.herald.telegram;

import dev.herald.answer.AnswerProgress;
import dev.herald.chat.Follows;
import dev.herald.chat.MorningBriefings;
import dev.herald.chat.QuestionService;
import dev.herald.chat.Reply;
import dev.herald.library.ContentLibrary;
import dev.herald.ops.HeraldMetrics;
import dev.herald.store.ArticleStore;
import dev.herald.store.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Receives updates from long polling and passes each through the update path: {@link ChatGate} (allowed?) →
 * {@link Addressing} (meant for the bot, and as what?) → {@link Commands} | {@link Answering} |
 * {@link FeedbackButtons}. Inline queries ({@code @bot question} in any chat) go to {@link InlineAnswers}.
 *
 * <p>Updates are handled concurrently across conversations but strictly in order within one (one serial queue per
 * user in a chat). Commands run on their own threads; a question's answering step (retrieval, the model call) runs
 * on a thread of its own from the answering pool, and its queue waits for it without holding a command thread, so
 * /help, /start and other readers' questions never wait behind someone else's slow model call (five questions on a
 * hanging endpoint kept /help waiting ~38 s when both shared one pool). Admin jobs (reload, add) run on their own
 * threads too. Every update is handled in isolation: whatever goes wrong is
 * logged and answered with an apology, and polling carries on. Edited messages are ignored (they would be answered
 * twice). Through the {@link UpdateLedger} an update is taken in the store before it is acknowledged, so one seen
 * before (by this instance or another on the same store) is skipped, and a conversation's updates are handled one
 * at a time across instances.
 */
public final class UpdateHandler implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

    static final String APOLOGY = QuestionService.APOLOGY;
    static final String TEXT_ONLY = "I can only read text questions.";
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The question-answering step (normally {@link QuestionService#ask(String, String, Instant)}). */
    @FunctionalInterface
    public interface Asker {
        /** Answers a question in a conversation as of a moment; may block for as long as the model takes. */
        Reply ask(String conversation, String question, Instant asOf);

        /** As {@link #ask(String, String, Instant)}, telling {@code progress} the checked answer as it is written. */
        default Reply ask(String conversation, String question, Instant asOf, AnswerProgress progress) {
            return ask(conversation, question, asOf);
        }

        /** The question pipeline itself, streaming answers in llm mode. */
        static Asker of(QuestionService questions) {
            return new Asker() {
                @Override
                public Reply ask(String conversation, String question, Instant asOf) {
                    return questions.ask(conversation, question, asOf);
                }

                @Override
                public Reply ask(String conversation, String question, Instant asOf, AnswerProgress progress) {
                    return questions.ask(conversation, question, asOf, progress);
                }
            };
        }
    }

    private final ReliableSender sender;
    private final BotOptions options;
    private final String token;
    private final BotStats stats = new BotStats();
    private final Replies replies;
    private final ChatGate gate;
    private final Answering answering;
    private final InlineAnswers inline;
    private final FeedbackButtons buttons;
    private final AdminJobs adminJobs;
    private final Commands commands;
    private final Follows follows;

    private final ExecutorService pool;
    private final ExecutorService commandThreads;
    private final ExecutorService background;
    private final java.util.concurrent.ScheduledExecutorService previews;
    private final SerialQueues<QueueKey> queues;
    private final UpdateLedger ledger;
    private final HeraldMetrics metrics;
    private volatile boolean closed;
    private volatile Addressing addressing = new Addressing(0, "");

    /**
     * @param questions used for conversations (reset on /new)
     * @param asker     answers questions; normally {@code questions::ask}, replaceable to observe or break it
     * @param clock     "now" for answers (as-of date), rate limits and stats
     * @param token     only to scrub it from logged errors
     */
    public UpdateHandler(ReliableSender sender, QuestionService questions, Asker asker, ContentLibrary library,
                         ArticleStore store, FeedbackStore feedback, Follows follows, MorningBriefings briefings,
                         BotOptions options, Clock clock, int threads, String token) {
        this(sender, questions, asker, library, store, feedback, follows, briefings, options, clock, threads, token,
                null, new RateLimiter(options.ratePerMinute(), clock), new HeraldMetrics());
    }

    /**
     * @param ledger  takes updates and claims conversations in the store (several instances); null: every update is
     *                handled, in order within this process only
     * @param limiter the per-user question limit (shared through the store with several instances)
     * @param metrics where questions, their stage times and failures are counted
     */
    UpdateHandler(ReliableSender sender, QuestionService questions, Asker asker, ContentLibrary library,
                  ArticleStore store, FeedbackStore feedback, Follows follows, MorningBriefings briefings,
                  BotOptions options, Clock clock, int threads, String token, UpdateLedger ledger,
                  RateLimiter questionRate, HeraldMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
        asker = metered(asker, metrics);
        this.sender = sender;
        this.options = options;
        this.token = token;
        // A thread per question in flight, not a fixed few: on a hanging model endpoint a fixed pool of 4 made the
        // fifth reader wait for the first four's timeouts. The per-reader queues and the rate limit bound it.
        this.pool = Executors.newCachedThreadPool(daemon("herald-answer-"));
        this.commandThreads = Executors.newFixedThreadPool(Math.max(2, threads), daemon("herald-chat-"));
        this.background = Executors.newCachedThreadPool(daemon("herald-admin-"));
        this.queues = new SerialQueues<>(commandThreads);
        this.replies = new Replies(sender);
        this.gate = new ChatGate(options, clock);
        this.previews = Executors.newScheduledThreadPool(1, daemon("herald-preview-"));
        // a draft is not a message: four a second read as typing; edits stay at the per-chat pace (1 s)
        Duration editsEvery = sender.pacing().perChat();
        this.answering = new Answering(sender, replies, asker, feedback, options, questionRate, stats, clock, pool,
                m -> new LiveAnswer(sender, replies, m, previews, editsEvery.dividedBy(4), editsEvery, token), token);
        this.inline = new InlineAnswers(sender, asker, questions.conversations(), questionRate, gate,
                options.maxQuestionChars(), clock, pool, InlineAnswers.BUDGET, token);
        this.buttons = new FeedbackButtons(sender, feedback, clock, token);
        this.adminJobs = new AdminJobs(library, store, feedback, questions, stats, replies, background, clock, token);
        this.follows = follows;
        ChatAdmins chatAdmins = new ChatAdmins(sender, token);
        FollowCommands followCommands = new FollowCommands(follows, chatAdmins, replies, clock, follows.maxPerHour());
        this.commands = HeraldCommands.of(new BotTexts(store, questions, clock, library::onlySamples), adminJobs, answering, followCommands,
                new BriefingCommands(briefings, chatAdmins, replies, clock), questions.conversations(), replies,
                () -> addressing.username());
    }

    /** The asker, counting each answer's stage times and abstention. */
    private static Asker metered(Asker asker, HeraldMetrics metrics) {
        return new Asker() {
            @Override
            public Reply ask(String conversation, String question, Instant asOf) {
                return counted(asker.ask(conversation, question, asOf));
            }

            @Override
            public Reply ask(String conversation, String question, Instant asOf, AnswerProgress progress) {
                return counted(asker.ask(conversation, question, asOf, progress));
            }

            private Reply counted(Reply r) {
                metrics.question(r.stageNanos(), r.answer().abstained());
                return r;
            }
        };
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
        this.addressing = new Addressing(id, name);
    }

    public BotStats stats() {
        return stats;
    }

    /** The command list: the menus set at start-up come from it. */
    Commands commands() {
        return commands;
    }

    // ------------------------------------------------------------------ queues

    @Override
    public void consume(List<Update> updates) {
        for (Update u : updates) {
            try {
                accept(u);
            } catch (RuntimeException e) {
                // the store could not record it: handled anyway, since answering twice beats not answering
                log.warn("update {} could not be recorded ({}); handling it anyway", u.getUpdateId(), e.getMessage());
                metrics.error("store");
                try {
                    dispatch(u);
                } catch (RuntimeException again) {
                    log.error("update {} could not be dispatched: {}", u.getUpdateId(), Redact.describe(again, token));
                }
            }
        }
    }

    /**
     * Takes one update in the store and dispatches it, unless it was taken before (a second delivery) or is of a
     * kind the bot ignores (edits, channel posts). Returns once it is recorded; its answer follows on other threads.
     *
     * @throws RuntimeException when the store could not record it (a webhook then answers 500: Telegram retries)
     */
    void accept(Update u) {
        if (u == null || closed) return;
        if (!u.hasInlineQuery() && u.getMessage() == null && u.getCallbackQuery() == null) return;
        if (ledger != null && !ledger.take(u, u.hasInlineQuery() ? null : queueKey(u).name())) {
            log.debug("update {} was taken before; skipped", u.getUpdateId());
            return;
        }
        dispatch(u);
    }

    /** Handles updates other instances took and died before finishing (see {@link UpdateLedger#orphans()}). */
    synchronized void adoptOrphans() { // one caller at a time (take-over, housekeeping), so each dispatches in id order
        if (ledger == null || closed) return;
        for (Update u : ledger.orphans()) {
            log.info("update {} was left unfinished by a stopped instance; handling it here", u.getUpdateId());
            dispatch(u);
        }
    }

    private void dispatch(Update u) {
        if (u.hasInlineQuery()) {
            answerInline(u);
            done(u);
            return;
        }
        QueueKey key = queueKey(u);
        if (ledger == null) {
            enqueue(key, () -> safely(u));
            return;
        }
        // the turn is waited for before the queue, not in it: an earlier update of the conversation adopted from a
        // killed instance after a later one had arrived would otherwise queue behind the later one, which waits for
        // it (PollingTakeoverIT: 12 of 200 never answered, held until the 10 min window ran out)
        ledger.inTurn(key.name(), u, () -> {
            CompletableFuture<Void> handled = queues.submit(key, () -> safely(u));
            if (handled != null) return handled;
            log.warn("update for chat {} arrived while shutting down; not handled", key.chat());
            return new CompletableFuture<>(); // never done here: the next instance handles it
        }).whenComplete((v, e) -> done(u, key.name()));
    }

    private void done(Update u) {
        done(u, null);
    }

    private void done(Update u, String conversation) {
        if (ledger == null) return;
        try {
            ledger.done(u, conversation);
        } catch (RuntimeException e) {
            log.warn("update {} answered but not recorded as done: {}", u.getUpdateId(), e.getMessage());
        }
    }

    /**
     * Inline queries skip the per-user queues: each must be answered within Telegram's ~10 s, not after the same
     * user's slow question in their private chat.
     */
    private void answerInline(Update u) {
        if (closed) return;
        inline.answer(u.getInlineQuery());
    }

    /** One serial queue per user per chat: a reader's updates stay in order, nobody waits for anyone else's. */
    private record QueueKey(long chat, long user) {
        /** The conversation's name in the store: its updates are handled in order across instances. */
        String name() {
            return chat + ":" + user;
        }
    }

    private static QueueKey queueKey(Update u) {
        if (u.hasCallbackQuery()) {
            long user = u.getCallbackQuery().getFrom().getId();
            return new QueueKey(user, user); // buttons are under answers in the user's private chat
        }
        Long user = Incoming.userId(u.getMessage());
        return new QueueKey(u.getMessage().getChatId(), user == null ? 0 : user);
    }

    private void enqueue(QueueKey key, Supplier<CompletableFuture<Void>> task) {
        if (!queues.enqueue(key, task)) log.warn("update for chat {} arrived while shutting down; not handled", key.chat());
    }

    /** Handles the update; the future completes when it is fully answered. Never completes exceptionally. */
    private CompletableFuture<Void> safely(Update u) {
        try {
            return handle(u).exceptionally(e -> {
                failed(u, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                return null;
            });
        } catch (Throwable e) {
            failed(u, e);
            return DONE;
        }
    }

    private void failed(Update u, Throwable e) {
        try {
            metrics.error("update");
            log.error("update {} failed: {}", u.getUpdateId(), Redact.describe(e, token));
            if (u.hasMessage()) replies.plain(u.getMessage(), APOLOGY);
            else if (u.hasCallbackQuery()) buttons.answer(u.getCallbackQuery().getId(), APOLOGY);
        } catch (RuntimeException again) {
            log.error("update {}: the apology failed too: {}", u.getUpdateId(), Redact.describe(again, token));
        }
    }

    // ------------------------------------------------------------------ the update path

    /**
     * Handles one update on the calling thread (the per-user queue), except a question's answering step, which
     * runs on the answering pool: the returned future completes when the update is fully handled.
     */
    CompletableFuture<Void> handle(Update u) {
        if (u.hasCallbackQuery()) {
            if (gate.admits(u.getCallbackQuery())) buttons.onCallback(u.getCallbackQuery());
            else buttons.answer(u.getCallbackQuery().getId(), null); // ends the button's spinner, stores nothing
        } else if (u.getMessage() != null) return onMessage(u.getMessage());
        return DONE;
    }

    private CompletableFuture<Void> onMessage(Message m) {
        switch (gate.check(m)) {
            case DROP -> {
                return DONE;
            }
            case TELL_PRIVATE -> {
                sender.sendPlain(m.getChatId(), ChatGate.PRIVATE, null, null);
                return DONE;
            }
            case ADMIT -> {
                // on to addressing
            }
        }
        if (follows.resume(m.getChatId())) log.info("chat {} writes again: its story alerts resume", m.getChatId());
        Addressing.Addressed what = addressing.classify(m);
        if (what instanceof Addressing.CommandText c) {
            return commands.dispatch(m, c.line(), options.isAdmin(Incoming.userId(m)), replies);
        }
        if (what instanceof Addressing.Question q) return answering.answer(m, q.text());
        if (what instanceof Addressing.NotText) replies.reply(m, TelegramHtml.escape(TEXT_ONLY));
        return DONE;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops taking updates and waits (up to the timeout) for replies in flight, including running reloads, then
     * stops the threads.
     */
    public void drain(Duration timeout) {
        closed = true;
        List<CompletableFuture<?>> pending = queues.close();
        pending.addAll(adminJobs.running());
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("{} replies still in flight at shutdown: {}", pending.stream().filter(f -> !f.isDone()).count(),
                    e.getClass().getSimpleName());
        }
        pool.shutdown();
        previews.shutdown();
        commandThreads.shutdown();
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
