package dev.herald.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompoundQuestionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "How many kettles were recalled and who won the cup?     | How many kettles were recalled? | who won the cup?",
            "Who controls Goma? What does Rwanda say?                | Who controls Goma?              | What does Rwanda say?",
            "When did the tram open, and how long is the line?       | When did the tram open?         | how long is the line?",
            // one question
            "What did Ruto and Rubio discuss?                        | -                               | -",
            "How long and how far is the trip?                       | -                               | -",
            "Police arrested 31 men this week. Where was the event?  | -                               | -",
            "Who won and how?                                        | -                               | -",
    })
    void should_split_a_message_holding_two_questions(String message, String first, String second) {
        List<String> expected = first == null ? null : List.of(first, second);
        assertEquals(expected, CompoundQuestion.split(message).orElse(null));
    }
}
