package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.chat.Reply;
import dev.herald.config.HeraldConfig;
import dev.herald.eval.ArchiveGrower;
import dev.herald.eval.MemoryProbe;
import dev.herald.eval.ReportWriter;
import dev.herald.store.ArticleStore;
import dev.herald.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code herald bench}: tools for scale benchmarks. */
@Command(name = "bench", description = "Scale benchmarks.", subcommands = {BenchCommand.Grow.class, BenchCommand.Start.class})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Override
    public Integer call() {
        root.err().println("usage: herald bench grow --from DB --to DB --copies N | herald bench start [--db DB]");
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

    /**
     * {@code herald bench start}: what a reader waits for when the bot (re)starts on an archive: the process start to
     * the store opened, the search indexes ready (opened on disk, replaying what changed since, or filled in memory)
     * and the first answer, then the same question once more warm, with the heap after a full collection and the
     * resident set. One question on a cold process is the figure; run it twice to see the warm-index start (the
     * first run after {@code bench grow} or a deleted index folder builds the index).
     */
    @Command(name = "start", description = "Time start-up to the first answer on a database (--db), with memory; "
            + "writes bench-start.json and .md to --report.")
    static final class Start implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--question", defaultValue = "Who won the election?",
                description = "the question asked (default: ${DEFAULT-VALUE})")
        String question;

        @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.class,
                description = "ask as of this date (default: now)")
        Instant asOf;

        @Option(names = "--report", defaultValue = "reports/bench", description = "folder for the report (default: ${DEFAULT-VALUE})")
        Path reportDir;

        @Override
        public Integer call() throws Exception {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            HeraldConfig config = bench.root.config();
            Path folder = Herald.indexFolder(config);
            boolean indexExisted = folder != null && Files.isDirectory(folder);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", null); // named once open: store.url when it is set, else the SQLite file
            m.put("index", folder == null ? "memory" : folder.toString());
            m.put("index_existed", indexExisted);
            m.put("max_heap_mib", MemoryProbe.mib(Runtime.getRuntime().maxMemory()));
            m.put("jvm_to_command_ms", System.currentTimeMillis() - jvmStart);
            Instant when = asOf != null ? asOf : Instant.now();
            try (Herald herald = Herald.open(config)) {
                m.put("jvm_to_open_ms", System.currentTimeMillis() - jvmStart);
                m.put("database", herald.database().describe());
                long t0 = System.nanoTime();
                herald.indexes().load();
                m.put("indexes_ms", (System.nanoTime() - t0) / 1_000_000);
                m.put("index_in_use", herald.indexes().onDisk().isPresent() ? "lucene" : "memory");
                long t1 = System.nanoTime();
                Reply first = herald.questions().ask(question, when);
                m.put("first_answer_ms", (System.nanoTime() - t1) / 1_000_000);
                m.put("jvm_to_first_answer_ms", System.currentTimeMillis() - jvmStart);
                Reply warm = herald.questions().ask(question, when);
                m.put("warm_answer_ms", warm.tookMillis());
                m.put("abstained", first.answer().abstained());
                m.put("articles", herald.store().articleCount());
                m.put("chunks", herald.store().chunkCount());
                System.gc();
                m.put("heap_after_gc_mib", MemoryProbe.mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
                m.put("rss_peak_vmhwm_mib", MemoryProbe.procStatus("VmHWM").stream().mapToObj(MemoryProbe::mib).findFirst().orElse(null));
                m.put("rss_now_vmrss_mib", MemoryProbe.procStatus("VmRSS").stream().mapToObj(MemoryProbe::mib).findFirst().orElse(null));
            }
            Files.createDirectories(reportDir);
            ReportWriter.writeAtomically(reportDir.resolve("bench-start.json"),
                    ReportWriter.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
            StringBuilder md = new StringBuilder("# herald bench start\n\n| figure | value |\n|---|---:|\n");
            m.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            ReportWriter.writeAtomically(reportDir.resolve("bench-start.md"), md.toString());
            PrintWriter out = bench.root.out();
            m.forEach((k, v) -> out.println(k + ": " + v));
            out.println("report: " + reportDir.resolve("bench-start.md"));
            out.flush();
            return 0;
        }
    }
}
