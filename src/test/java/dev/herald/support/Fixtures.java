package dev.herald.support;

import dev.herald.article.Article;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Small articles and paths shared by tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Article article(String id, String title, String day, String text) {
        return new Article(id, title, "Test Wire", "https://example.org/" + id, Instant.parse(day + "T12:00:00Z"),
                text, "test:" + id);
    }

    /**
     * The read-only evaluation data beside the project: {@code ../shared}, or the folder named by the environment
     * variable {@code HERALD_SHARED_DIR}. Tests that need it skip (reported as skipped) when it is absent.
     */
    public static Path shared() {
        String dir = System.getenv("HERALD_SHARED_DIR");
        return Path.of(dir == null || dir.isBlank() ? "../shared" : dir);
    }

    /** Said by tests that skip for want of the data. */
    public static final String SHARED_HINT = "../shared (or HERALD_SHARED_DIR) has no such file";

    /** The seed article of the project, when the shared data is present. */
    public static Optional<Path> seedArticle() {
        return file(shared().resolve("seed/kenya-us-call-and-goma.txt"));
    }

    /** A file of the RealTime QA 2022 benchmark, when the shared data is present. */
    public static Optional<Path> benchmark(String file) {
        return file(shared().resolve("bench/realtimeqa-2022").resolve(file));
    }

    private static Optional<Path> file(Path path) {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
