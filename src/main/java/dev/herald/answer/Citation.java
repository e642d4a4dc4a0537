package dev.herald.answer;

import dev.herald.article.ArticleRef;

import java.util.List;

/**
 * A numbered source of an answer, with the sentences quoted from it (each occurs verbatim in the article's text) and
 * the other outlets that published the same story (stored once, cited under every name).
 */
public record Citation(int n, ArticleRef article, List<String> quotes, List<ArticleRef> alsoReportedBy) {
    public Citation {
        if (n < 1) throw new IllegalArgumentException("citation numbers start at 1, got " + n);
        quotes = List.copyOf(quotes);
        alsoReportedBy = List.copyOf(alsoReportedBy);
    }

    public Citation(int n, ArticleRef article, List<String> quotes) {
        this(n, article, quotes, List.of());
    }

    public Citation withAlsoReportedBy(List<ArticleRef> others) {
        return new Citation(n, article, quotes, others);
    }
}
