package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.store.ArticleRef;
import dev.herald.store.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code herald sources}: outlets with article counts and date ranges, and the newest articles. */
@Command(name = "sources", description = "List outlets with article counts and date ranges, and the newest articles.")
final class SourcesCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--articles", paramLabel = "N", defaultValue = "10", description = "newest articles to list (default 10)")
    int articles;

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        try (Herald herald = root.open()) {
            ArticleStore store = herald.store();
            if (store.articleCount() == 0) {
                out.println("No articles loaded. Load some with: herald ingest PATH");
                return 0;
            }
            out.printf("%-32s %8s  %-10s  %-10s%n", "outlet", "articles", "first", "last");
            for (ArticleStore.SourceSummary s : store.sources()) {
                out.printf("%-32s %8d  %-10s  %-10s%n", clip(s.source(), 32), s.articles(), day(s.first()), day(s.last()));
            }
            if (articles > 0) {
                out.println();
                out.println("Newest articles:");
                for (ArticleRef r : store.latest(articles, Instant.MAX)) {
                    out.println("  " + r.id() + "  " + PlainTextFormatter.describe(r));
                }
            }
            return 0;
        }
    }

    private static String day(Instant i) {
        return i == null ? "-" : DAY.format(i);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
