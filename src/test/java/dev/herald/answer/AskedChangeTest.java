package dev.herald.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AskedChangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "by how much?                                                     | true",
            "By what percentage will council tax bills rise in Wales?         | true",
            "how much higher are they now?                                    | true",
            "how much have prices gone up                                     | true",
            "How much have gas prices increased in the US over the past year? | true",
            "how much did the repairs cost after prices rose?                 | false",
            "how much did the tram line cost?                                 | false",
            "how many were hurt?                                              | false"})
    void should_read_a_question_as_asking_the_size_of_a_change_when_it_asks_by_how_much(String question, boolean asked) {
        assertEquals(asked, AskedChange.asked(question));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Benchmark contracts rose about 12 percent over five trading days.                     | true",
            "The consumer price index jumped 7% last year.                                         | true",
            "The Fed raised rates by three-quarters of a percentage point.                         | true",
            "Fares went up by $2 a ride.                                                           | true",
            "The cooperative now expects this season's crop to be 15 to 20 percent below last year's. | false",
            "Wholesale arabica prices climbed to their highest level in two years this week.       | false"})
    void should_take_a_share_or_amount_beside_a_verb_of_going_up_or_down_as_the_size_of_a_change(String sentence,
                                                                                                 boolean given) {
        assertEquals(given, AskedChange.givenIn(sentence));
    }
}
