package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.ingest.IngestSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code herald ingest PATH...}: loads files and folders, resumable after an interruption. */
@Command(name = "ingest", description = "Load articles from files and folders (.txt .md .html .json .jsonl).")
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders (folders load recursively)")
    List<Path> paths;

    @Override
    public Integer call() {
        if (paths.stream().anyMatch(p -> p.toString().isBlank())) { // Path.of("") is the current folder
            root.err().println("herald ingest: an empty path; name a file or folder (. is the current folder)");
            return HeraldCli.USAGE;
        }
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) { // a typo: say so and load nothing, rather than "Done" with one skip
            for (Path p : missing) root.err().println("herald ingest: no such file or directory: " + p);
            return HeraldCli.USAGE;
        }
        try (Herald herald = root.open()) {
            List<String> refused = paths.stream().filter(p -> herald.library().refusal(p) != null)
                    .map(p -> p + " " + herald.library().refusal(p)).toList();
            if (!refused.isEmpty()) {
                for (String r : refused) root.err().println("herald ingest: " + r);
                root.err().println("Add the folder to content.allowed-roots (config/herald.yml or "
                        + "HERALD_CONTENT_ALLOWED_ROOTS) to load it.");
                return HeraldCli.USAGE;
            }
            return runInterruptibly(herald, bar -> herald.library().ingest(paths, bar), root);
        }
    }

    /**
     * Runs an ingest so that Ctrl-C stops it cleanly: the batch in flight is committed, the database closed, and
     * the next run resumes.
     */
    static int runInterruptibly(Herald herald, java.util.function.Function<ConsoleProgress, IngestSummary> work,
                                HeraldCommand root) {
        ConsoleProgress bar = ConsoleProgress.on(root.err());
        IngestSummary summary = StopOnSignal.run(herald.library().ingestor(), () -> work.apply(bar));
        bar.done();
        root.out().println(summary.describe());
        root.out().flush();
        return summary.interrupted() ? 130 : 0;
    }
}
