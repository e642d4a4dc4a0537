package dev.herald.chat;

import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Questions in other languages on the sample articles, in the offline (extractive) mode. */
class OtherLanguagesTest {

    @TempDir
    static Path dir;
    static Herald herald;
    static final Instant AS_OF = Instant.parse("2025-01-30T12:00:00Z");

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    @Test
    void should_say_the_archive_is_searched_in_english_and_show_the_closest_headlines_for_a_swahili_question() {
        // when
        Answer a = herald.questions().ask("Nani anadhibiti mji wa Goma sasa?", AS_OF).answer();

        // then
        assertTrue(a.abstained());
        assertTrue(a.text().startsWith("I search my archive in English"), a.text());
        assertFalse(a.text().contains(Answer.ABSTENTION));
        assertTrue(a.related().stream().anyMatch(r -> r.title().contains("Goma")), PlainTextFormatter.format(a));
    }

    @Test
    void should_name_the_language_when_sure_for_a_french_question() {
        // when
        Answer a = herald.questions().ask("Combien de personnes ont été blessées à Goma ?", AS_OF).answer();

        // then
        assertEquals(QuestionService.notEnglish("French"), a.text());
        assertTrue(a.related().stream().anyMatch(r -> r.title().contains("Goma")), PlainTextFormatter.format(a));
    }

    @Test
    void should_start_no_thread_with_a_question_it_could_only_answer_with_the_language_notice() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-swahili", "Nani anadhibiti mji wa Goma sasa?", AS_OF);

        // when the reader goes on in English as if the first question had been answered
        Reply next = q.ask("chat-swahili", "and how many were injured?", AS_OF);

        // then there is no earlier answer to follow on from: asked back, not a guess at the Goma toll
        assertEquals(QuestionService.NO_EARLIER_TURN, next.answer().text());
    }

    @Test
    void should_answer_english_questions_as_before() {
        assertTrue(herald.questions().ask("Who controls Goma now?", AS_OF).answer().text().contains("M23"));
    }
}
