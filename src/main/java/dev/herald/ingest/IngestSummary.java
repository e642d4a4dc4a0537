package dev.herald.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest run did. {@code interrupted} is true when it was stopped before the end (resumable).
 *
 * @param undated articles stored (added or updated) without a publication date, because they gave none or gave one
 *                that could not be read or cannot be right: they sort last and no date in a question can place them,
 *                so the summary says so rather than only the log
 * @param copies  new articles that retell a stored story under another URL (syndicated copies), recorded as another
 *                outlet of it instead of being indexed twice: without this count a batch of four articles, two of them
 *                copies, read "2 added" and nothing else
 */
public record IngestSummary(int added, int updated, int unchanged, List<ArticleLoader.Skipped> skipped, int chunks,
                            Duration took, boolean interrupted, int undated, int copies) {

    public IngestSummary {
        skipped = List.copyOf(skipped);
    }

    public IngestSummary(int added, int updated, int unchanged, List<ArticleLoader.Skipped> skipped, int chunks,
                         Duration took, boolean interrupted, int undated) {
        this(added, updated, unchanged, skipped, chunks, took, interrupted, undated, 0);
    }

    public IngestSummary(int added, int updated, int unchanged, List<ArticleLoader.Skipped> skipped, int chunks,
                         Duration took, boolean interrupted) {
        this(added, updated, unchanged, skipped, chunks, took, interrupted, 0);
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
        if (copies > 0) {
            sb.append(String.format("\n  %d %s of stored articles (the same story from another outlet or URL): kept as"
                    + " further sources of %s, not indexed twice", copies, copies == 1 ? "copy" : "copies",
                    copies == 1 ? "it" : "them"));
        }
        if (undated > 0) {
            sb.append(String.format("\n  %d %s stored without a publication date (none given, or not readable:"
                    + " HERALD_LOG_LEVEL=INFO names them); they sort last and dated questions cannot place them", undated,
                    undated == 1 ? "article" : "articles"));
        }
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
