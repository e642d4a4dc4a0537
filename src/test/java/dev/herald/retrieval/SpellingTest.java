package dev.herald.retrieval;

import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.support.TestHerald;
import dev.herald.text.EditDistance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misspelt questions on the bundled sample articles. */
class SpellingTest {

    @TempDir
    static Path dir;
    static Herald herald;
    static Spelling spelling;

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
        spelling = new Spelling(herald.indexes()::keywords, dev.herald.ingest.ModelVocabulary::contains);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    @Test
    void should_find_goma_and_say_what_was_searched_when_the_question_is_misspelt() {
        // when
        Answer a = herald.questions().ask("Who contrls Gomma?", Instant.parse("2025-01-30T12:00:00Z")).answer();

        // then
        assertFalse(a.abstained(), a.text());
        assertTrue(a.text().contains("Goma"), a.text());
        assertTrue(a.citations().get(0).article().title().contains("Goma"), a.citations().toString());
        assertTrue(a.note() != null && a.note().startsWith("Showing results for: Who control"), a.note());
        assertTrue(a.note().endsWith(" Goma?"), a.note());
    }

    @Test
    void should_not_correct_to_a_word_only_later_articles_use_when_asked_as_of_an_earlier_day() {
        // when asked on 26 Jan 2025, before the first Goma article (27 Jan)
        Answer a = herald.questions().ask("Who contrls Gomma?", Instant.parse("2025-01-26T12:00:00Z")).answer();

        // then the reply does not name Goma, as nothing the reader can see mentions it
        assertTrue(a.abstained(), a.text());
        assertFalse(a.text().contains("Goma") || (a.note() != null && a.note().contains("Goma")), a.text() + " " + a.note());
    }

    @Test
    void should_correct_only_words_the_archive_does_not_know_keeping_their_case() {
        // when
        Spelling.Correction c = spelling.correct("Did the rebles in GOMMA reach Bukavu?");
        Spelling.Correction known = spelling.correct("Who controls Goma now?");

        // then: "Bukavu" is not in the samples but nothing near it is either, so it stays
        assertEquals("Did the rebels in GOMA reach Bukavu?", c.question());
        assertEquals(List.of("rebles → rebels", "GOMMA → GOMA"), c.changes());
        assertFalse(known.changed());
        assertEquals("Who controls Goma now?", known.question());
    }

    @Test
    void should_leave_an_english_word_alone_when_the_archive_does_not_use_it() {
        // given "start" in no sample article, and "smart" (the smart kettles) one letter away
        // when
        Spelling.Correction c = spelling.correct("When did it start?");
        Answer followUp = herald.questions().ask("spell-follow-up", "Who controls Goma now?", Instant.parse("2025-01-31T12:00:00Z")).answer();
        Answer when = herald.questions().ask("spell-follow-up", "when did it start?", Instant.parse("2025-01-31T12:00:00Z")).answer();

        // then nothing is corrected, and the follow-up is not turned into a question about kettles
        assertFalse(c.changed(), c.changes().toString());
        assertFalse(followUp.abstained(), followUp.text());
        assertTrue(when.note() == null || !when.note().contains("smart"), when.note());
        assertTrue(when.citations().stream().noneMatch(x -> x.article().title().contains("kettle")), when.citations().toString());
    }

    @Test
    void should_search_the_archives_spelling_when_the_reader_writes_the_other_sides() {
        // when: the samples write "Harbour" and "neighbouring"
        Answer a = herald.questions().ask("Who won the Harbor Cup final?", Instant.parse("2025-01-30T12:00:00Z")).answer();

        // then
        assertEquals("Showing results for: Who won the Harbour Cup final?", a.note());
        assertTrue(a.text().contains("Northgate Rovers"), a.text());
        assertEquals("Congo accused neighbouring Rwanda", spelling.correct("Congo accused neighboring Rwanda").question());
    }

    @Test
    void should_leave_the_people_of_a_place_alone_when_only_the_place_is_in_the_archive() {
        // "Rwandan" is in no sample and not in the model's vocabulary; "Rwanda" is one letter away
        assertFalse(spelling.correct("What did the Rwandan government say?").changed());
        assertTrue(Spelling.isDemonym("israeli", "israel") && Spelling.isDemonym("kenyan", "kenya"));
        assertFalse(Spelling.isDemonym("lebon", "lebo"), "a typo of LeBron, not the people of a Lebo");
    }

    @Test
    void should_know_english_words_but_not_misspellings_or_word_pieces_when_reading_the_model_vocabulary() {
        assertTrue(dev.herald.ingest.ModelVocabulary.contains("start"));
        assertTrue(dev.herald.ingest.ModelVocabulary.contains("Control"));
        assertFalse(dev.herald.ingest.ModelVocabulary.contains("contrls"));
        assertFalse(dev.herald.ingest.ModelVocabulary.contains("gomma"));
        assertFalse(dev.herald.ingest.ModelVocabulary.contains("##ing"), "a word piece is not a word");
    }

    @Test
    void should_leave_short_words_and_answers_without_corrections_alone() {
        // "Rwa" is three letters: too short to guess; "Ruto" is known
        assertFalse(spelling.correct("Did Ruto call Rwa?").changed());
        assertNull(herald.questions().ask("Who controls Goma now?", Instant.parse("2025-01-30T12:00:00Z")).answer().note());
    }

    @Test
    void should_count_transpositions_as_one_edit_and_stop_past_the_limit() {
        assertEquals(1, EditDistance.within("gmoa", "goma", 2));
        assertEquals(1, EditDistance.within("gomma", "goma", 2));
        assertEquals(2, EditDistance.within("contrls", "control", 2));
        assertEquals(3, EditDistance.within("kettle", "goma", 2));
        assertEquals(0, EditDistance.within("goma", "goma", 1));
    }
}
