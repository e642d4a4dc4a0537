package dev.herald.retrieval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to search for.
 *
 * @param text           the text to match (a question, or a follow-up rewritten with its context)
 * @param asOf           the moment the question is asked: articles published later are invisible
 * @param window         the days the question refers to, if any (boosted, not filtered)
 * @param preferArticles articles to favour slightly, e.g. those cited in the previous turn of a conversation
 */
public record SearchQuery(String text, Instant asOf, Optional<TimeWindow> window, Set<String> preferArticles) {

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(asOf, "asOf");
        window = window == null ? Optional.empty() : window;
        preferArticles = preferArticles == null ? Set.of() : Set.copyOf(preferArticles);
    }

    public static SearchQuery of(String text, Instant asOf) {
        return new SearchQuery(text, asOf, Optional.empty(), Set.of());
    }
}
