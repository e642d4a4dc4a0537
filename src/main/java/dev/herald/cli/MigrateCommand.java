package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.store.StoreCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code herald migrate --to jdbc:postgresql://...}: copies the SQLite store into PostgreSQL, resumable and verified. */
@Command(name = "migrate", description = {
        "Copy the SQLite store (store.path or --db) into PostgreSQL; an interrupted copy continues where it stopped.",
        "It copies articles, chunks and vectors (not embedded again), aliases, sources, feedback, follows, alerts and",
        "briefings.",
        "Ends by comparing the row counts of every table and a sample of vectors byte for byte.",
        "The login comes from HERALD_STORE_USER and HERALD_STORE_PASSWORD."})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "jdbc:postgresql://host:port/database")
    String to;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "articles per transaction (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000", description = "vectors compared at the end (default: ${DEFAULT-VALUE})")
    int sample;

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        ConsoleProgress bar = ConsoleProgress.on(root.err());
        long started = System.nanoTime();
        try (Herald.StoreMigration m = Herald.storeMigration(root.config(), to, batch)) {
            out.println("Copying " + m.from() + " into " + m.to());
            out.flush();
            StoreCopy.Result r = m.copy().run((articles, total, chunks) ->
                    bar.update(articles, total, chunks, (System.nanoTime() - started) / 1_000_000), sample);
            bar.done();
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            out.printf("Copied %d articles (%d chunks) in %.1f s, %.1f articles/s; %d were there from an earlier run.%n",
                    r.copied(), r.chunks(), seconds, r.copied() / seconds, r.alreadyThere());
            StoreCopy.Verification v = r.verification();
            for (Map.Entry<String, long[]> e : v.counts().entrySet()) {
                long[] n = e.getValue();
                out.printf("  %-16s %9d -> %9d%s%n", e.getKey(), n[0], n[1], n[0] == n[1] ? "" : "   DIFFERENT");
            }
            out.printf("  vectors compared byte for byte: %d, differing: %d%n", v.vectorsCompared(), v.vectorsDiffering().size());
            if (!v.ok()) {
                root.err().println("herald migrate: the copy differs from the source (see above); run it again to continue");
                return 1;
            }
            out.println("Verified. Set store.url: " + m.to() + " to use it.");
            return 0;
        }
    }
}
