package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.ingest.LocalEmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code herald stats}: what is stored and where. */
@Command(name = "stats", description = "Show articles, chunks, database size and the embedding model.")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        try (Herald herald = root.openForReading()) {
            out.printf("database   %s (%.1f MB)%n", herald.database().describe(),
                    herald.database().sizeBytes() / 1e6);
            out.printf("articles   %d%n", herald.store().articleCount());
            out.printf("chunks     %d%n", herald.store().chunkCount());
            out.printf("outlets    %d%n", herald.store().sources().size());
            out.printf("model      %s, %d dimensions%n", LocalEmbeddingModel.NAME, LocalEmbeddingModel.DIMENSION);
            out.printf("answers    %s%n", herald.answerer().describe());
            var sources = herald.library().describeSources();
            if (!sources.isEmpty()) {
                out.println("sources");
                sources.forEach(line -> out.println("  " + line));
            }
            return 0;
        }
    }
}
