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

    /** The seed article of the project, when ../shared is present (tests using it skip otherwise). */
    public static Optional<Path> seedArticle() {
        for (String p : new String[]{"../shared/seed/kenya-us-call-and-goma.txt", "/work/shared/seed/kenya-us-call-and-goma.txt"}) {
            Path path = Path.of(p);
            if (Files.isRegularFile(path)) return Optional.of(path);
        }
        return Optional.empty();
    }

    public static Optional<Path> benchmark(String file) {
        for (String p : new String[]{"../shared/bench/realtimeqa-2022/", "/work/shared/bench/realtimeqa-2022/"}) {
            Path path = Path.of(p + file);
            if (Files.isRegularFile(path)) return Optional.of(path);
        }
        return Optional.empty();
    }
}
