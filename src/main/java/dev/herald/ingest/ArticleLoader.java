package dev.herald.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads articles from one file of a format it understands.
 *
 * <p>Implementations never throw for a user's bad file: they return a {@link LoadResult} whose skipped entries name
 * the file (and line, for JSONL) and the reason, and whatever could be read is still returned.
 */
public interface ArticleLoader {

    /** True when this loader handles files with this (lower-case, dot-less) extension. */
    boolean supports(String extension);

    LoadResult load(Path file);

    /** What one load produced: articles read, and inputs skipped with a reason a user can act on. */
    record LoadResult(List<Article> articles, List<Skipped> skipped) {
        public LoadResult {
            articles = List.copyOf(articles);
            skipped = List.copyOf(skipped);
        }

        public static LoadResult skippedOnly(String where, String reason) {
            return new LoadResult(List.of(), List.of(new Skipped(where, reason)));
        }
    }

    /** An input that was not loaded: {@code where} is a path (optionally with {@code :line}); reason is plain words. */
    record Skipped(String where, String reason) {
        @Override
        public String toString() {
            return where + ": " + reason;
        }
    }
}
