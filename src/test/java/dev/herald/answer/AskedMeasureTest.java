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
            "how long was it shut                | The library, closed for fourteen months after a flood, reopened on Friday. | true",
            "how long was it shut                | The library reopened three months after the flood.                         | false",
            "How long is the new tram line?      | Trams will run every six minutes at peak times.               | false",
            "how often do they come              | Trams will run every six minutes at peak times.               | true",
            "how often do they come              | Nightly services run twice an hour.                           | true",
            "how often do they come              | A trip from end to end takes 27 minutes.                      | false",
            "How heavy is the probe?             | Halcyon weighs about 1.2 tonnes and carries a camera.         | true",
            "How heavy is the probe?             | It begins a six-year trip to an asteroid.                     | false",
            "How far is the asteroid?            | The asteroid is 300 million kilometres away.                  | true",
            "How old is he?                      | A 101-year-old man was convicted on Tuesday.                  | true",
            "How old is he?                      | He was convicted on 3,518 counts.                             | false",
            "How old is Mack Rutherford?         | Mack Rutherford, who turned 17 during the journey, touched down. | true",
            "How old is she?                     | Maxwell, 60, has been moved to a low-security prison.         | true",
            "What is the population of Goma?      | Goma, a city with a population of about two million, is near the border. | true",
            "What is Goma's population?           | At least 17 people were killed and 300 wounded in Goma.       | false",
            "What was the magnitude of the quake? | A magnitude 8.8 earthquake struck off Kamchatka.              | true",
            "What was the magnitude of the quake? | A 7.5-magnitude quake shook the coast.                        | true",
            "What was the magnitude of the quake? | The quake killed more than 1,000 people.                      | false",
            "What was the score?                  | Rovers beat Eastfield 4-3 on penalties.                       | true",
            "What was the score?                  | Rovers won their first trophy in eleven years in 2024-25.     | false",
            "What is the hottest UK temperature on record? | Britain recorded 40.3C at Coningsby.                 | true",
            "What is the hottest UK temperature on record? | Temperatures will soar for 3 days.                   | false",
            "What is the weight of the Halcyon probe? | Halcyon weighs about 1.2 tonnes.                          | true",
            "What is his age?                     | Biden, who turns 80 next month, said he would decide.         | true",
            "What is the mandatory retirement age for airline pilots? | Pilots retire or age out at 65.  | true",
            "How old is she?                      | The shop opens at 10 p.m. on weekdays.                        | false",
            "How old is she?                      | She drove at 65 mph through the town.                         | false",
    })
    void should_tell_a_measure_of_the_asked_kind_from_any_number(String question, String sentence, boolean measures) {
        assertEquals(measures, AskedMeasure.of(question).orElseThrow().givenIn(sentence));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"How many kettles were recalled?", "Who won the cup?", "How much did it cost?",
            "What is the price of the kettle?", "What is the price cap in Britain?", "What is the population growth rate?"})
    void should_ask_no_measure_when_the_question_counts_or_asks_something_else(String question) {
        assertEquals(java.util.Optional.empty(), AskedMeasure.of(question));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "What is the population of Goma?          | population",
            "What's Goma's population?                | population",
            "What is the list price of the new iPhone? | price",
            "What is the mandatory retirement age for commercial airline pilots? | age",
            "What was the score?                      | score",
            "What is the name of the asteroid?        | ''",
            "What is the price cap in Britain?        | ''",
            "What's the price per pound?              | price",
            "What age group is most at risk?          | ''",
    })
    void should_read_the_attribute_a_what_is_the_x_of_question_asks_for(String question, String attribute) {
        assertEquals(attribute, AskedMeasure.attribute(question).orElse(""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "What is the price of the recalled kettle? | true",
            "What is the estimated value of the stolen jewelry? | true",
            "What is the population of Goma?           | false",
    })
    void should_ask_for_a_sum_of_money_when_the_attribute_is_a_price(String question, boolean money) {
        assertEquals(money, AskedMeasure.asksForMoney(question));
    }
}
