package dev.herald.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AskedMeasureTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "how long is Line 7?                 | The 9.4-kilometre line has 16 stops.                          | true",
            "how long is Line 7?                 | A trip from end to end takes 27 minutes.                      | true",
            "how long is Line 7?                 | It is the first addition to the network since the 1980s.      | false",
            "How long was the library closed?    | The library, closed for fourteen months, reopened on Friday.  | true",
            "How long is the new tram line?      | The room stays open two hours later than before, near the new tram line. | false",
            "How long is the new tram line?      | Trams will run every six minutes at peak times.               | false",
            "How heavy is the probe?             | Halcyon weighs about 1.2 tonnes and carries a camera.         | true",
            "How heavy is the probe?             | It begins a six-year trip to an asteroid.                     | false",
            "How far is the asteroid?            | The asteroid is 300 million kilometres away.                  | true",
            "How old is he?                      | A 101-year-old man was convicted on Tuesday.                  | true",
            "How old is he?                      | He was convicted on 3,518 counts.                             | false",
            "How old is Mack Rutherford?         | Mack Rutherford, who turned 17 during the journey, touched down. | true",
            "How old is she?                     | Maxwell, 60, has been moved to a low-security prison.         | true",
    })
    void should_tell_a_measure_of_the_asked_kind_from_any_number(String question, String sentence, boolean measures) {
        assertEquals(measures, AskedMeasure.of(question).orElseThrow().givenIn(sentence));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"How many kettles were recalled?", "Who won the cup?", "How much did it cost?"})
    void should_ask_no_measure_when_the_question_counts_or_asks_something_else(String question) {
        assertEquals(java.util.Optional.empty(), AskedMeasure.of(question));
    }
}
