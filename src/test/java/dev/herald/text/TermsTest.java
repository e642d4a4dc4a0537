package dev.herald.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TermsTest {

    @Test
    void should_stem_inflections_of_one_word_to_the_same_term() {
        assertEquals(Terms.stem("injured"), Terms.stem("injuries"));
        assertEquals(Terms.stem("injury"), Terms.stem("injured"));
        assertEquals(Terms.stem("rebels"), Terms.stem("rebel"));
        assertEquals(Terms.stem("killed"), Terms.stem("kills"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"said, say", "said, says", "spoke, speaking", "won, wins",
            "won, winning", "met, meeting", "led, leads", "told, tells", "wrote, writes", "reopened, open",
            "rebuilt, builds"})
    void should_stem_an_irregular_past_form_as_its_verb(String past, String other) {
        assertEquals(Terms.stem(other), Terms.stem(past));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"rising, climbed", "rise, soared", "falling, tumbled",
            "fell, dropped", "declined, plunging"})
    void should_stem_verbs_of_going_up_or_down_as_one(String one, String other) {
        assertEquals(Terms.stem(other), Terms.stem(one));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"whats the lander called | lander called",
            "whos going | going", "wheres it heading, dont know | heading know"})
    void should_drop_question_words_typed_without_their_apostrophe(String question, String content) {
        assertEquals(java.util.List.of(content.split(" ")), Terms.contentWords(question));
    }

    @Test
    void should_keep_going_up_and_going_down_apart() {
        assertNotEquals(Terms.stem("rising"), Terms.stem("falling"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"equaliser, equalised", "equalizer, equalised", "organize, organised",
            "criticized, criticises", "organization, organisation"})
    void should_stem_american_and_british_spellings_and_the_doer_alike(String one, String other) {
        assertEquals(Terms.stem(other), Terms.stem(one));
    }

    @Test
    void should_leave_short_words_ending_in_ize_alone() {
        assertEquals("priz", Terms.stem("prize"));
        assertEquals("size", Terms.stem("size"));
        assertEquals("citizen", Terms.stem("citizen"));
        assertEquals("seiz", Terms.stem("seized"));
    }

    @Test
    void should_drop_stop_words_and_keep_numbers_whole() {
        // when
        var words = Terms.contentWords("How many people were killed in Goma's clashes, 17 or 3,000?");

        // then
        assertEquals(java.util.List.of("people", "killed", "goma", "clashes", "17", "3,000"), words);
        assertTrue(Terms.tokens("Élysée").contains("elysee"));
    }

    @Test
    void should_fold_accents_and_ligatures_when_the_text_also_has_curly_quotes_and_dashes() {
        assertEquals(java.util.List.of("cafe", "elysee", "final", "goma", "s", "3,000"),
                Terms.tokens("Caf\u00e9 \u2018\u00c9lys\u00e9e\u2019 \u2014 \ufb01nal: Goma\u2019s 3,000"));
        assertEquals(java.util.List.of("rebels", "took", "goma"), Terms.tokens("\u201cRebels took Goma\u201d \u2013"));
    }
}
