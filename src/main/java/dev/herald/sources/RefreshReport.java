package dev.herald.sources;

import dev.herald.ingest.ArticleLoader;
import dev.herald.ingest.IngestSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What refreshing several sources did: one {@link SourceResult} per source, in the order refreshed. */
public record RefreshReport(List<SourceResult> results, Duration took) {

    public RefreshReport {
        results = List.copyOf(results);
    }

    public List<SourceResult> failures() {
        return results.stream().filter(SourceResult::failed).toList();
    }

    /** One line per source (its skipped items indented below it). */
    public String describe() {
        if (results.isEmpty()) return "No web pages or feeds to refresh.";
        StringBuilder sb = new StringBuilder();
        for (SourceResult r : results) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(r.describe());
        }
        return sb.toString();
    }

    /**
     * The same counts in the shape file ingestion reports: failed sources and skipped items become skipped entries
     * with their reason; copies kept as aliases count as unchanged (nothing new to search).
     */
    public IngestSummary toIngestSummary() {
        int added = 0, updated = 0, unchanged = 0, chunks = 0;
        List<ArticleLoader.Skipped> skipped = new ArrayList<>();
        for (SourceResult r : results) {
            added += r.added();
            updated += r.updated();
            unchanged += r.unchanged() + r.aliased();
            chunks += r.chunks();
            skipped.addAll(r.skipped());
            if (r.failed()) skipped.add(new ArticleLoader.Skipped(r.source().location(), r.error()));
        }
        return new IngestSummary(added, updated, unchanged, skipped, chunks, took, false);
    }
}
