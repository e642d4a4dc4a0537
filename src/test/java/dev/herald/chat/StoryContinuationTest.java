package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.article.Article;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoryContinuationTest {

    static final Instant AT = Instant.parse("2025-01-30T12:00:00Z");
    static final Article FIRST = new Article("a1", "Storm cuts power", "Wire", "https://example.org/a1", AT,
            "The storm cut power to 40,000 homes across the region on Tuesday night.\n\n"
                    + "Crews worked through the night to restore the lines that fell in the wind.\n\n"
                    + "Photo: crews.\n\n"
                    + "The utility said most homes would have power back by Thursday evening.", "");
    static final Article SECOND = new Article("a2", "Schools shut after storm", "Post", "https://example.org/a2", AT,
            "Twelve schools stayed closed on Wednesday because roads were blocked by fallen trees.", "");
    static final Map<String, Article> ARTICLES = Map.of("a1", FIRST, "a2", SECOND);

    final StoryContinuation more = new StoryContinuation(id -> Optional.ofNullable(ARTICLES.get(id)), 2);

    static Conversations.Turn thread(List<String> shown) {
        return new Conversations.Turn("How many lost power?", "How many lost power?",
                new LinkedHashSet<>(List.of("a1", "a2")), shown, AT);
    }

    @Test
    void should_show_the_articles_next_unseen_sentences_in_its_order_and_skip_captions() {
        // given: the reader was shown the second sentence
        Conversations.Turn t = thread(List.of("Crews worked through the night to restore the lines that fell in the wind."));

        // when
        Answer a = more.next("tell me more", t);

        // then
        assertEquals("The storm cut power to 40,000 homes across the region on Tuesday night. [1] "
                + "The utility said most homes would have power back by Thursday evening. [1]", a.text());
        assertEquals("a1", a.citations().get(0).article().id());
    }

    @Test
    void should_count_a_sentence_as_seen_when_an_earlier_quote_holds_it_with_other_spacing() {
        // given: the answerer quoted the lead with a line break where this splitter sees a space
        Conversations.Turn t = thread(List.of("The storm cut power to 40,000 homes\nacross the region on Tuesday night.",
                "Crews worked through the night to restore the lines that fell in the wind."));

        // when
        Answer a = more.next("go on", t);

        // then
        assertEquals("The utility said most homes would have power back by Thursday evening. [1]", a.text());
    }

    @Test
    void should_go_on_to_the_threads_next_article_then_say_all_is_told() {
        // given: every sentence of the first article seen
        List<String> seen = List.of("The storm cut power to 40,000 homes across the region on Tuesday night.",
                "Crews worked through the night to restore the lines that fell in the wind.",
                "The utility said most homes would have power back by Thursday evening.");

        // when
        Answer second = more.next("more", thread(seen));
        Answer none = more.next("more", thread(List.of(seen.get(0), seen.get(1), seen.get(2),
                "Twelve schools stayed closed on Wednesday because roads were blocked by fallen trees.")));

        // then
        assertEquals("a2", second.citations().get(0).article().id());
        assertTrue(none.abstained());
        assertEquals(StoryContinuation.TOLD_ALL, none.text());
        // (the story's articles, cited before, are not offered again as "Closest headlines")
        assertEquals(List.of(), none.related());
        assertFalse(dev.herald.answer.PlainTextFormatter.format(none).contains("Closest headlines"));
    }

    @Test
    void should_refuse_a_step_of_no_sentences() {
        assertThrows(IllegalArgumentException.class, () -> new StoryContinuation(id -> Optional.empty(), 0));
    }
}
