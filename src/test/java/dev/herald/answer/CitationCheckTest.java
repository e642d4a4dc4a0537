package dev.herald.answer;

import dev.herald.article.Article;
import dev.herald.article.ArticleRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CitationCheckTest {

    private static final Article GOMA = new Article("goma", "Goma", "Wire", null, null,
            "At least 17 people have been killed and over 300 injured\nin the clashes. Rebels claim the city.", "t");
    private final CitationCheck check = new CitationCheck(id -> Optional.ofNullable(Map.of("goma", GOMA).get(id)));
    private static final ArticleRef REF = new ArticleRef("goma", "Goma", "Wire", null, null);

    @Test
    void should_accept_quotes_that_occur_in_the_article_even_across_a_line_break() {
        Answer a = Answer.answered("q", "At least 17 people have been killed and over 300 injured in the clashes. [1]",
                List.of(new Citation(1, REF, List.of("At least 17 people have been killed and over 300 injured\nin the clashes."))),
                1);
        assertTrue(check.valid(a), check.problems(a).toString());
    }

    @Test
    void should_reject_markers_without_a_source_invented_quotes_and_unknown_articles() {
        Answer a = Answer.answered("q", "Rebels claim the city. [1] Thousands died. [2]",
                List.of(new Citation(1, REF, List.of("Thousands died."))), 1);
        List<String> problems = check.problems(a);
        assertEquals(2, problems.size(), problems.toString());
        Answer unknown = Answer.answered("q", "x [1]", List.of(new Citation(1, new ArticleRef("nope", "t", "s", null, null),
                List.of("x"))), 1);
        assertTrue(check.problems(unknown).get(0).contains("not stored"));
    }
}
