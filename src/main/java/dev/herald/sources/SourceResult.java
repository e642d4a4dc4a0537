package dev.herald.sources;

import dev.herald.ingest.ArticleLoader;

import java.util.ArrayList;
import java.util.List;

/**
 * What refreshing one source did.
 *
 * @param kind     the kind the source turned out to be (a URL fetched for the first time becomes PAGE or FEED)
 * @param added    articles stored for the first time
 * @param updated  stored articles replaced by a changed version
 * @param unchanged articles already stored as they are
 * @param aliased  new articles recognised as another outlet's copy of a stored story: kept as a citable alias, not
 *                 indexed again
 * @param undated  articles without a date of their own, given the fetch time
 * @param skipped  items not loaded, with the reason
 * @param error    why the whole source failed (null unless {@link Outcome#FAILED})
 */
public record SourceResult(Source source, SourceKind kind, Outcome outcome, int added, int updated, int unchanged,
                           int aliased, int undated, List<ArticleLoader.Skipped> skipped, int chunks, String error) {

    public enum Outcome {
        /** Fetched and ingested (counts say what changed). */
        FETCHED,
        /** The server said nothing changed since the last fetch (HTTP 304). */
        NOT_MODIFIED,
        /** The source could not be read this time; what was stored from it before is untouched. */
        FAILED,
        /** Another instance was refreshing it all the while; not fetched twice at once. */
        BUSY
    }

    public SourceResult {
        skipped = List.copyOf(skipped);
    }

    static SourceResult notModified(Source s) {
        return new SourceResult(s, s.kind(), Outcome.NOT_MODIFIED, 0, 0, 0, 0, 0, List.of(), 0, null);
    }

    static SourceResult busy(Source s) {
        return new SourceResult(s, s.kind(), Outcome.BUSY, 0, 0, 0, 0, 0, List.of(), 0, null);
    }

    static SourceResult failed(Source s, String error) {
        return new SourceResult(s, s.kind(), Outcome.FAILED, 0, 0, 0, 0, 0, List.of(), 0, error);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** "feed Example News: 2 added, 1 updated", "page https://…: failed: HTTP 500", then skipped items indented. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.label()).append(' ').append(source.label()).append(": ");
        switch (outcome) {
            case FAILED -> sb.append("failed: ").append(error);
            case NOT_MODIFIED -> sb.append("unchanged (not modified since the last fetch)");
            case BUSY -> sb.append("being refreshed by another instance (not fetched twice at once)");
            case FETCHED -> {
                List<String> parts = new ArrayList<>();
                if (added > 0) parts.add(added + " added");
                if (updated > 0) parts.add(updated + " updated");
                if (unchanged > 0) parts.add(unchanged + " unchanged");
                if (aliased > 0) parts.add(aliased + (aliased == 1 ? " copy" : " copies")
                        + " of stored stories (kept as other outlets)");
                if (!skipped.isEmpty()) parts.add(skipped.size() + " skipped");
                if (parts.isEmpty()) parts.add("no articles");
                sb.append(String.join(", ", parts));
                if (undated > 0) sb.append("; ").append(undated).append(" without a date (fetch time used)");
            }
        }
        int shown = 0;
        for (ArticleLoader.Skipped s : skipped) {
            if (shown++ == 5) {
                sb.append("\n    … and ").append(skipped.size() - 5).append(" more skipped");
                break;
            }
            sb.append("\n    skipped ").append(s);
        }
        return sb.toString();
    }
}
