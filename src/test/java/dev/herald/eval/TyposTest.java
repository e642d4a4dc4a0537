package dev.herald.eval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TyposTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Who controls Goma now? | Who contols Goma now?",
            "Which carmaker is recalling sedans? | Which carmaker is recaling sedans?",
            // the first of equally long words
            "Where is Nairobi's harbour? | Where is Naiobi's harbour?",
            "Who won? | ",
            "Was Ruto here? | "})
    void should_drop_the_middle_letter_of_the_longest_word_when_it_has_five_or_more(String question, String expected) {
        assertEquals(Optional.ofNullable(expected), Typos.misspell(question));
    }
}
