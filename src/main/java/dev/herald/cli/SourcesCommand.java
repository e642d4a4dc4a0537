package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.article.ArticleRef;
import dev.herald.sources.SourceRegistry;
import dev.herald.store.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code herald sources}: outlets with article counts and date ranges, and the newest articles. */
@Command(name = "sources", description = {"List outlets with article counts and date ranges, and the newest articles.",
        "Subcommands manage where content comes from: list, add, remove."},
        subcommands = {SourcesCommand.ListSources.class, SourcesCommand.AddSource.class, SourcesCommand.RemoveSource.class})
final class SourcesCommand implements Callable<Integer> {

    /** The widest outlet column: with the counts and two dates beside it, a row still fits 80 columns. */
    static final int OUTLET_COLUMNS = 46;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--articles", paramLabel = "N", defaultValue = "10", description = "newest articles to list (default 10)")
    int articles;

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        if (articles < 0) {
            root.err().println("herald sources: --articles must be 0 or more (0 lists no articles), got " + articles);
            return HeraldCli.USAGE;
        }
        try (Herald herald = root.openForReading()) {
            ArticleStore store = herald.store();
            if (store.articleCount() == 0) {
                out.println("No articles loaded. Load some with: herald ingest PATH");
                return 0;
            }
            List<ArticleStore.SourceSummary> outlets = store.sources();
            // as wide as the longest name, so that "Reuters Institute for the Study of Journalism" is not cut; past
            // OUTLET_COLUMNS a name is cut rather than push the counts off an 80-column terminal
            int width = Math.min(OUTLET_COLUMNS, Math.max("outlet".length(),
                    outlets.stream().mapToInt(s -> Columns.width(s.source().strip())).max().orElse(0)));
            out.printf("%s %8s  %-10s  %s%n", Columns.fit("outlet", width), "articles", "first", "last");
            for (ArticleStore.SourceSummary s : outlets) {
                out.printf("%s %8d  %-10s  %s%n", Columns.fit(s.source(), width), s.articles(), day(s.first()), day(s.last()));
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

    /** {@code herald sources list}: configured and added sources with their state. */
    @Command(name = "list", description = "List content sources (content.paths and those added) with their last fetch and errors.")
    static final class ListSources implements Callable<Integer> {
        @ParentCommand
        SourcesCommand parent;

        @Override
        public Integer call() {
            try (Herald herald = parent.root.openForReading()) {
                var lines = herald.library().describeSources();
                if (lines.isEmpty()) {
                    // (the samples are used only while nothing else is stored: an archive of files ingested by hand
                    // has no sources either, and had been told it answers from the samples)
                    int articles = herald.store().articleCount();
                    String stored = articles == 0 ? "the archive is empty"
                            : herald.library().onlySamples() ? "the bundled sample articles are used"
                            : articles + (articles == 1 ? " article ingested by hand is stored" : " articles ingested by hand are stored");
                    parent.root.out().println("No sources yet: " + stored + ". Add one with: herald sources add URL");
                }
                lines.forEach(parent.root.out()::println);
                return 0;
            }
        }
    }

    /** {@code herald sources add LOCATION}: registers a feed, page, file or folder and loads it now. */
    @Command(name = "add", description = "Add a feed or web page URL (or a file or folder) and load it now; it is refreshed on its interval while the bot runs.")
    static final class AddSource implements Callable<Integer> {
        @ParentCommand
        SourcesCommand parent;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "LOCATION", description = "http(s) URL of a feed or page, or a path")
        String location;

        @Option(names = "--name", description = "display name (default: the feed's title or the page's outlet)")
        String name;

        @Option(names = "--every", paramLabel = "DURATION", description = "refresh interval, e.g. 15m or 2h (default: sources.refresh-interval)")
        String every;

        @Override
        public Integer call() {
            java.time.Duration interval;
            try {
                interval = every == null ? null : SourceRegistry.parseInterval(every);
            } catch (IllegalArgumentException e) {
                parent.root.err().println("herald sources add: --every: " + e.getMessage());
                return HeraldCli.USAGE;
            }
            try (Herald herald = parent.root.open()) {
                var report = herald.library().addSource(location, name, interval, ConsoleProgress.on(parent.root.err()));
                parent.root.out().println(report.describe());
                return report.failures().isEmpty() ? 0 : 1;
            } catch (IllegalArgumentException e) {
                parent.root.err().println("herald sources add: " + e.getMessage());
                return HeraldCli.USAGE;
            }
        }
    }

    /** {@code herald sources remove LOCATION}: forgets an added source (its articles stay). */
    @Command(name = "remove", description = "Forget an added source by URL, path or name (its articles stay stored).")
    static final class RemoveSource implements Callable<Integer> {
        @ParentCommand
        SourcesCommand parent;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "LOCATION")
        String location;

        @Override
        public Integer call() {
            try (Herald herald = parent.root.open()) {
                var removal = herald.library().removeSource(location);
                (removal.removed() ? parent.root.out() : parent.root.err()).println(removal.message());
                return removal.removed() ? 0 : 1;
            }
        }
    }
}
