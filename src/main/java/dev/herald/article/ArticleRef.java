package dev.herald.article;

import java.time.Instant;

/** What a citation needs to know about an article. {@code url} and {@code publishedAt} may be null. */
public record ArticleRef(String id, String title, String source, String url, Instant publishedAt) {
}
