package dev.herald.ingest;

import java.time.Duration;
import java.util.List;

/** What an ingest run did. {@code interrupted} is true when it was stopped before the end (resumable). */
public record IngestSummary(int added, int updated, int unchanged, List<ArticleLoader.Skipped> skipped, int chunks,
                            Duration took, boolean interrupted) {

    public IngestSummary {
        skipped = List.copyOf(skipped);
    }

    public double chunksPerSecond() {
        double s = took.toMillis() / 1000.0;
        return s <= 0 ? 0 : chunks / s;
    }

    /** Several lines for a terminal or a chat: counts, time, then each skipped input with its reason. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d added, %d updated, %d unchanged, %d skipped; %d %s in %.1f s",
                interrupted ? "Stopped early (run again to resume)" : "Done",
                added, updated, unchanged, skipped.size(), chunks, chunks == 1 ? "chunk" : "chunks",
                took.toMillis() / 1000.0));
        if (chunks > 0) sb.append(String.format(" (%.1f chunks/s)", chunksPerSecond()));
        int shown = 0;
        for (ArticleLoader.Skipped s : skipped) {
            if (shown++ == 20) {
                sb.append("\n  … and ").append(skipped.size() - 20).append(" more skipped");
                break;
            }
            sb.append("\n  skipped ").append(s);
        }
        return sb.toString();
    }
}
