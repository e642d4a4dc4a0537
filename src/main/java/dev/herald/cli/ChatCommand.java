package dev.herald.cli;

import dev.herald.text.VisibleText;
import dev.herald.Herald;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.chat.ChatCommands;
import dev.herald.chat.QuestionService;
import dev.herald.chat.Reply;
import dev.herald.ingest.IngestProgress;
import dev.herald.store.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import dev.herald.article.ArticleRef;
import dev.herald.chat.ChatCommands;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code herald chat}: a console conversation on the same pipeline as the bot, follow-ups included. */
@Command(name = "chat", description = "Talk to Herald in the terminal (follow-up questions work; /help lists commands, /quit ends).")
final class ChatCommand implements Callable<Integer> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatCommand.class);

    /** What the UTF-8 decoder puts for bytes it cannot read. */
    static final char UNREADABLE = '\uFFFD';
    static final String NOT_UTF8 = "Part of that line could not be read: it is not UTF-8 text. Please type or send "
            + "the question as UTF-8.";

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.class,
            description = "answer as if asked on this date (YYYY-MM-DD); default: now")
    Instant asOf;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.out();
        try (Herald herald = root.open()) {
            if (herald.library().loadSamplesIfEmpty(IngestProgress.NONE)) {
                out.println("No articles loaded yet, so Herald is using its built-in sample news.");
            }
            herald.warmUpInBackground(); // while the reader types the first question
            greet(herald, out);
            try (ConsoleInput in = ConsoleInput.open(root.in(), out)) {
                // Conversations live in the store, shared by every process on it: a session of its own, so that a
                // new one does not go on from the last one's questions (a first "and how many were hurt?" had been a
                // follow-up of yesterday's topic) and two consoles on one database do not answer inside each other's
                // thread (three at once had turned one's "who is the mayor?" into an abstention). Idle ones are pruned.
                String conversation = "console-" + java.util.UUID.randomUUID();
                // the same limit as the bot's (telegram.max-question-chars): one setting, one rule
                int maxChars = herald.config().get(dev.herald.config.Settings.TELEGRAM_MAX_QUESTION_CHARS);
                while (true) {
                    String line = in.readLine("you> ");
                    if (line == null) break;
                    String q = line.strip();
                    if (q.indexOf(UNREADABLE) >= 0) {
                        // bytes that are not UTF-8 (a Latin-1 file, say): the language guess would call the damaged
                        // question "another language", and a line of nothing else would pass unanswered
                        out.println(NOT_UTF8);
                        continue;
                    }
                    if (!VisibleText.has(q)) continue;
                    Instant now = asOf == null ? Instant.now() : asOf;
                    // One failed answer (a bug, the database gone away) must not end the session, as it does not
                    // stop the bot: the reader is told and may go on; the cause goes to the log.
                    try {
                        if (q.startsWith("/")) {
                            if (!command(herald, q, conversation, now, out)) break;
                            continue;
                        }
                        ask(herald, q, conversation, now, maxChars, out);
                    } catch (RuntimeException e) {
                        log.error("chat: answering failed", e);
                        out.println();
                        out.println(QuestionService.APOLOGY);
                        out.println();
                    }
                }
            }
            out.println();
            return 0;
        }
    }

    private static void ask(Herald herald, String q, String conversation, Instant now, int maxChars, PrintWriter out) {
        if (q.length() > maxChars) {
            out.println("That is too long for a question (" + q.length() + " characters; the limit is "
                    + maxChars + "). Please ask something shorter.");
            return;
        }
        Reply reply = herald.questions().ask(conversation, q, now);
        out.println();
        out.println(PlainTextFormatter.format(reply.answer()));
        out.println();
    }

    /** Runs one of {@link ChatCommands#console()}; false when the chat should end. */
    private boolean command(Herald herald, String line, String conversation, Instant now, PrintWriter out) {
        String[] split = line.split("\\s+", 2);
        String cmd = split[0].substring(1).toLowerCase(Locale.ROOT);
        String args = split.length > 1 ? split[1].strip() : "";
        switch (cmd) {
            case "quit", "exit" -> {
                return false;
            }
            case "new", "reset" -> {
                herald.questions().conversations().reset(conversation);
                out.println("(new conversation)");
            }
            // /start is what a Telegram user types first; here it greets again instead of "I don't know that"
            case "start" -> greet(herald, out);
            case "help" -> out.println(help(herald));
            // not listed in the console's /help (a plain line is a question here), but a Telegram habit works
            case "ask" -> {
                if (!VisibleText.has(args)) out.println("Usage: " + ChatCommands.named("ask").usage());
                else ask(herald, args, conversation, now, herald.config().get(dev.herald.config.Settings.TELEGRAM_MAX_QUESTION_CHARS), out);
            }
            case "latest" -> {
                out.println();
                java.util.OptionalInt count = ChatCommands.headlineCount(args);
                out.println(count.isPresent() ? headlines(herald, count.getAsInt(), now)
                        : PlainTextFormatter.format(herald.questions().latest(conversation, args, now)));
                out.println();
            }
            case "sources" -> out.println(sources(herald));
            default -> out.println(ChatCommands.READER.stream().anyMatch(c -> c.name().equals(cmd) && !c.inConsole())
                    ? "/" + cmd + " works in the Telegram bot, not in this console. Type /help to see what works here."
                    : "I don't know that command. Type /help to see what I can do.");
        }
        return true;
    }

    private static String help(Herald herald) {
        StringBuilder sb = new StringBuilder("Ask a question about the news; follow-up questions work (\"and how many were "
                + "injured?\"). \"What's the latest?\", \"What happened yesterday?\" or \"news about Goma\" give a "
                + "briefing. Every answer cites its sources.\n\nCommands:");
        for (ChatCommands.Command c : ChatCommands.console()) {
            sb.append(String.format(Locale.ROOT, "%n  %-18s %s", c.usage(), c.description()));
        }
        return sb.toString();
    }

    private static String headlines(Herald herald, int n, Instant now) {
        if (n < 1) return ChatCommands.HEADLINE_COUNT_HINT;
        List<ArticleRef> refs = herald.store().latest(n, now);
        if (refs.isEmpty()) return "I have no articles yet.";
        StringBuilder sb = new StringBuilder("Latest headlines:");
        for (int i = 0; i < refs.size(); i++) sb.append('\n').append(i + 1).append(". ").append(PlainTextFormatter.describe(refs.get(i)));
        return sb.toString();
    }

    private static String sources(Herald herald) {
        List<ArticleStore.SourceSummary> sources = herald.store().sources();
        if (sources.isEmpty()) return "I have no articles yet.";
        int total = sources.stream().mapToInt(ArticleStore.SourceSummary::articles).sum();
        StringBuilder sb = new StringBuilder("Sources (").append(total).append(total == 1 ? " article):" : " articles):");
        for (ArticleStore.SourceSummary s : sources) {
            sb.append("\n- ").append(s.source()).append(" — ").append(s.articles()).append(s.articles() == 1 ? " article" : " articles");
            if (s.first() != null) {
                String first = PlainTextFormatter.day(new ArticleRef("", "", "", null, s.first()));
                String last = PlainTextFormatter.day(new ArticleRef("", "", "", null, s.last()));
                sb.append(", ").append(first).append(first.equals(last) ? "" : " – " + last);
            }
        }
        return sb.toString();
    }

    private void greet(Herald herald, PrintWriter out) {
        ArticleStore store = herald.store();
        List<ArticleStore.SourceSummary> sources = store.sources();
        out.printf("Herald — %d articles from %d outlet%s. Ask a question about the news (/help lists commands, /quit ends).%n",
                store.articleCount(), sources.size(), sources.size() == 1 ? "" : "s");
        if (store.articleCount() == 0) {
            out.println("No articles are stored: load some with `herald ingest PATH` or `herald sources add URL`.");
        }
        if (asOf != null) {
            int visible = store.publishedBy(asOf);
            out.println("Answering as of " + asOf.toString().substring(0, 10) + ": " + visible + " of them published"
                    + " by then; later articles are invisible.");
        }
    }
}
