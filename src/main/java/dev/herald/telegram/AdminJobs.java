package dev.herald.telegram;

import dev.herald.chat.QuestionService;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.library.ContentLibrary;
import dev.herald.store.ArticleStore;
import dev.herald.store.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The admin commands: /reload and /add run in the background (the admin and every reader keep getting answers),
 * one at a time by the library's own guard; /remove and /stats answer at once.
 */
final class AdminJobs {

    private static final Logger log = LoggerFactory.getLogger(AdminJobs.class);

    static final String RELOAD_BUSY = "A reload is already running.";

    private final ContentLibrary library;
    private final ArticleStore store;
    private final FeedbackStore feedback;
    private final QuestionService questions;
    private final BotStats stats;
    private final Replier replies;
    private final Executor background;
    private final Clock clock;
    private final String token;
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

    AdminJobs(ContentLibrary library, ArticleStore store, FeedbackStore feedback, QuestionService questions,
              BotStats stats, Replier replies, Executor background, Clock clock, String token) {
        this.library = library;
        this.store = store;
        this.feedback = feedback;
        this.questions = questions;
        this.stats = stats;
        this.replies = replies;
        this.background = background;
        this.clock = clock;
        this.token = token;
    }

    /** Content operations still running, for a shutdown that waits for them. */
    List<CompletableFuture<?>> running() {
        return List.copyOf(running);
    }

    void reload(Message m) {
        runContentOperation(m, "Reloading…", () -> "Reload " + summary(library.reload(IngestProgress.NONE)));
    }

    void add(Message m, String args) {
        if (args.isEmpty()) {
            replies.reply(m, "Give a web page or feed URL, or a file or folder path on the server: /add https://example.org/feed.xml");
            return;
        }
        String lower = args.toLowerCase(Locale.ROOT);
        boolean url = lower.startsWith("http://") || lower.startsWith("https://");
        if (!url && !Files.exists(Path.of(args))) {
            replies.reply(m, "No such file or folder on the server: " + TelegramHtml.escape(args));
            return;
        }
        runContentOperation(m, "Adding " + TelegramHtml.escape(args) + "…",
                () -> "Add " + summary(library.add(args, IngestProgress.NONE)));
    }

    void remove(Message m, String args) {
        if (args.isEmpty()) {
            replies.reply(m, "Give an article id or URL: /remove &lt;id or URL&gt;");
            return;
        }
        boolean removed = library.remove(args);
        replies.reply(m, removed ? "Removed " + TelegramHtml.escape(args) + "."
                : "No article has the id or URL " + TelegramHtml.escape(args) + ".");
    }

    /**
     * Runs a content operation in the background. {@link ContentLibrary#busy()} answers "busy" at once rather than
     * announcing work the library would refuse; {@link ContentLibrary.BusyException} covers an operation that
     * started in between (a CLI ingest, another admin).
     */
    private void runContentOperation(Message m, String started, Supplier<String> work) {
        if (library.busy()) {
            replies.reply(m, RELOAD_BUSY);
            return;
        }
        replies.reply(m, started);
        CompletableFuture<?> f = CompletableFuture.runAsync(() -> {
            String outcome;
            try {
                outcome = work.get();
                log.info("{}", TelegramHtml.toPlain(outcome).replace('\n', ' '));
            } catch (ContentLibrary.BusyException e) {
                outcome = RELOAD_BUSY;
            } catch (RuntimeException e) {
                log.error("content operation failed: {}", Redact.describe(e, token));
                outcome = "That failed: " + TelegramHtml.escape(Redact.scrub(String.valueOf(e.getMessage()), token));
            }
            replies.reply(m, outcome);
        }, background);
        running.add(f);
        f.whenComplete((r, e) -> running.remove(f));
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
}
