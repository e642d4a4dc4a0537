package dev.herald.answer;

import dev.herald.store.ArticleRef;

import java.util.List;

/**
 * A numbered source of an answer, with the sentences quoted from it (each occurs verbatim in the article's text).
 */
public record Citation(int n, ArticleRef article, List<String> quotes) {
    public Citation {
        if (n < 1) throw new IllegalArgumentException("citation numbers start at 1, got " + n);
        quotes = List.copyOf(quotes);
    }
}
