package dev.herald.ingest;

import dev.herald.article.Article;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Streams the file's articles to {@code sink} as they are read. Loaders for big files (JSONL corpora) override
     * this so the file is never held in memory whole; the default simply replays {@link #load(Path)}.
     */
    default void forEach(Path file, Consumer<Article> sink, Consumer<Skipped> skipped) {
        LoadResult result = load(file);
        result.articles().forEach(sink);
        result.skipped().forEach(skipped);
    }

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
