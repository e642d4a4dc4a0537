package dev.herald.cli;

import dev.herald.eval.ArchiveGrower;
import dev.herald.store.ArticleStore;
import dev.herald.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code herald bench}: tools for scale benchmarks. */
@Command(name = "bench", description = "Scale benchmarks.", subcommands = BenchCommand.Grow.class)
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Override
    public Integer call() {
        root.err().println("usage: herald bench grow --from DB --to DB --copies N");
        return 2;
    }

    /** {@code herald bench grow}: a larger archive made of altered, re-dated copies of a database's articles. */
    @Command(name = "grow", description = "Copy a database and add N altered copies of each article, each a year "
            + "older, with noisy vectors (no embedding).")
    static final class Grow implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--from", required = true, description = "database to grow (not changed; opened read-only)")
        Path from;

        @Option(names = "--to", required = true, description = "new database file (must not exist)")
        Path to;

        @Option(names = "--copies", defaultValue = "8", description = "copies of each article (default 8)")
        int copies;

        @Option(names = "--noise", defaultValue = "0.1", description = "vector noise (default 0.1: about 0.995 cosine)")
        double noise;

        @Option(names = "--seed", defaultValue = "1", description = "random seed")
        long seed;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = bench.root.err();
            if (Files.exists(to)) {
                err.println("bench grow: " + to + " exists; give a new file");
                return 2;
            }
            try (Database source = Database.openReadOnly(from)) {
                // the originals come along: the grown archive is the source plus its copies
                source.read(c -> {
                    try (var st = c.createStatement()) {
                        st.execute("VACUUM INTO '" + to.toAbsolutePath().toString().replace("'", "''") + "'");
                    }
                    return null;
                });
                ArticleStore original = new ArticleStore(source);
                int articles = original.articleCount();
                long started = System.nanoTime();
                long[] shown = {-1};
                try (Database target = Database.open(to)) {
                    long chunks = new ArchiveGrower(noise, seed).grow(original, new ArticleStore(target), copies, done -> {
                        long part = done * 20 / Math.max(1, articles);
                        if (part == shown[0]) return;
                        shown[0] = part;
                        err.printf("bench grow: %,d of %,d articles copied (%.0f s)%n", done, articles,
                                (System.nanoTime() - started) / 1e9);
                        err.flush();
                    });
                    err.printf("bench grow: %s: %,d articles, %,d chunks (%,d added)%n", to,
                            new ArticleStore(target).articleCount(), new ArticleStore(target).chunkCount(), chunks);
                }
            }
            return 0;
        }
    }
}
