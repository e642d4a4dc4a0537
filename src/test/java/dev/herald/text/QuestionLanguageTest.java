package dev.herald.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionLanguageTest {

    /** An archive that knows no word at all: only the detector decides (the strictest case). */
    private static final QuestionLanguage DETECTOR_ONLY = new QuestionLanguage(w -> 0);

    private static final List<String> SHORT_ENGLISH = List.of(
            "Who controls Goma now?", "and how many were injured?", "What about Rwanda?", "Who won?", "Any news?",
            "Who leads them?", "What happened yesterday?", "Why did prices rise?", "Where is the summit?",
            "When does the tram open?", "Is the library open again?", "How many kettles were recalled?",
            "Who is the mayor?", "What did Ruto say?", "Did the probe launch?", "Which team won the final?",
            "What's the latest news?", "news about Goma", "Who contrls Gomma?", "Kennedy's assassination?",
            "What about Kenya?", "Who is Marco Rubio?", "How much did coffee cost?", "Was anyone killed?",
            "What did the rebels take?", "Who scored the penalty?", "How long is the journey?",
            "Which measure did lawmakers leave out?", "What is the boiling point of tungsten?");

    @Test
    void should_take_short_english_questions_as_english_even_when_the_archive_knows_none_of_their_words() {
        for (String q : SHORT_ENGLISH) assertTrue(DETECTOR_ONLY.guess(q).english(), q);
    }

    @Test
    void should_recognise_questions_in_other_languages() {
        for (String q : List.of("Nani anadhibiti Goma sasa?", "Watu wangapi walijeruhiwa huko Goma?",
                "Qui contrôle Goma maintenant ?", "Combien de personnes ont été blessées ?", "¿Quién controla Goma ahora?",
                "Wer kontrolliert jetzt die Stadt Goma?", "Chi controlla Goma adesso?")) {
            assertFalse(DETECTOR_ONLY.guess(q).english(), q);
        }
        assertEquals("French", DETECTOR_ONLY.guess("Combien de personnes ont été blessées ?").languageName());
    }

    @Test
    void should_take_a_question_in_another_script_for_another_language_however_few_its_words() {
        // when: one word without spaces, two words, and English with a name in another script
        QuestionLanguage.Guess chinese = DETECTOR_ONLY.guess("谁控制着戈马？");
        QuestionLanguage.Guess russian = DETECTOR_ONLY.guess("Кто победил?");
        QuestionLanguage.Guess english = DETECTOR_ONLY.guess("Who is 习近平 meeting?");

        // then
        assertFalse(chinese.english());
        assertFalse(russian.english());
        assertTrue(english.english());
    }

    /** The nine sample articles' archive knows few words; the model's vocabulary knows English. */
    private static final QuestionLanguage SMALL_ARCHIVE = new QuestionLanguage(
            w -> java.util.Set.of("coffee", "launch", "goma", "kettles").contains(w) ? 1 : 0,
            dev.herald.ingest.ModelVocabulary::contains);

    @Test
    void should_take_short_english_questions_as_english_when_the_archive_knows_few_of_their_words() {
        for (String q : List.of("how much rain fell?", "Hlacyon launch date", "why is coffee getting dearer?",
                "who netted the equaliser?", "how heavy is the probe?")) {
            assertTrue(SMALL_ARCHIVE.guess(q).english(), q);
        }
    }

    @Test
    void should_still_tell_other_languages_with_a_dictionary_and_name_only_a_language_it_is_sure_of() {
        for (String q : List.of("Nani anadhibiti mji wa Goma sasa?", "Combien de personnes ont été blessées ?",
                "Wer kontrolliert jetzt die Stadt Goma?", "¿Quién controla Goma ahora?", "Quel est le prix du café ?")) {
            assertFalse(SMALL_ARCHIVE.guess(q).english(), q);
        }
        assertEquals("French", SMALL_ARCHIVE.guess("Combien de personnes ont été blessées ?").languageName());
        String german = SMALL_ARCHIVE.guess("Wer kontrolliert jetzt Goma?").languageName();
        assertTrue(german == null || german.equals("German"), german);
        // four words the detector takes for Dutch: not English, and no language named rather than the wrong one
        QuestionLanguage.Guess cup = SMALL_ARCHIVE.guess("Wer hat den Harbour Cup gewonnen?");
        assertFalse(cup.english());
        assertNull(cup.languageName(), cup.languageName());
    }

    @Test
    void should_take_every_short_question_of_the_dev_benchmark_as_english() throws Exception {
        // the last sentence of each question ("Which measure did lawmakers leave out?"), as a reader would type it
        Path dev = Path.of("..", "shared", "bench", "realtimeqa-2022", "questions-dev.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(dev), "benchmark not found at " + dev.toAbsolutePath() + ": skipped");
        ObjectMapper json = new ObjectMapper();
        List<String> misread = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(dev)) {
            if (line.isBlank()) continue;
            JsonNode q = json.readTree(line);
            String[] sentences = q.get("question").asText().split("(?<=[.!?])\\s+");
            String last = sentences[sentences.length - 1];
            n++;
            if (!DETECTOR_ONLY.guess(last).english()) misread.add(last);
            if (!DETECTOR_ONLY.guess(q.get("question").asText()).english()) misread.add(q.get("question").asText());
        }
        assertTrue(n >= 500, "questions read: " + n);
        assertEquals(List.of(), misread);
    }
}
