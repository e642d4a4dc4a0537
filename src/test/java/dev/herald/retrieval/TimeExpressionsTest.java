package dev.herald.retrieval;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeExpressionsTest {

    // A Thursday
    private static final LocalDate TODAY = LocalDate.of(2022, 6, 16);

    private static TimeWindow resolve(String q) {
        return TimeExpressions.resolve(q, TODAY).orElseThrow(() -> new AssertionError("no window for: " + q));
    }

    @Test
    void should_resolve_days_relative_to_the_as_of_date() {
        assertEquals(new TimeWindow(TODAY.minusDays(1), TODAY.minusDays(1), "yesterday"), resolve("What happened yesterday in Kyiv?"));
        assertEquals(TODAY, resolve("Who won today?").from());
        assertEquals(LocalDate.of(2022, 6, 13), resolve("What did the Fed say 3 days ago?").from());
    }

    @Test
    void should_resolve_weeks_months_and_weekdays() {
        TimeWindow thisWeek = resolve("Which measure did lawmakers leave out this week?");
        assertEquals(LocalDate.of(2022, 6, 10), thisWeek.from());
        assertEquals(TODAY, thisWeek.to());
        TimeWindow lastWeek = resolve("What happened last week?");
        assertEquals(LocalDate.of(2022, 6, 6), lastWeek.from());
        assertEquals(LocalDate.of(2022, 6, 12), lastWeek.to());
        TimeWindow lastMonth = resolve("How much did prices rise last month?");
        assertEquals(LocalDate.of(2022, 5, 1), lastMonth.from());
        assertEquals(LocalDate.of(2022, 5, 31), lastMonth.to());
        assertEquals(LocalDate.of(2022, 6, 13), resolve("What did Biden announce on Monday?").from());
        assertEquals(LocalDate.of(2022, 6, 9), resolve("What happened last Thursday?").from());
        assertEquals(LocalDate.of(2022, 3, 1), resolve("What happened in March?").from());
    }

    @Test
    void should_find_no_window_when_the_question_names_no_time() {
        assertEquals(Optional.empty(), TimeExpressions.resolve("Who controls Goma now?", TODAY));
        assertTrue(TimeExpressions.resolve("Who is the mayor?", TODAY).isEmpty());
    }

    @Test
    void should_read_right_now_as_today_only_in_a_request_for_the_news() {
        // given a trend question and a request for today's news, both saying "right now"
        String trend = "A processed cheese product is seeing a boost in popularity right now. Which product is it?";
        // when / then: the trend is not confined to today's reports; the request is
        assertTrue(TimeExpressions.resolve(trend, TODAY).isEmpty());
        assertEquals(new TimeWindow(TODAY, TODAY, "today"),
                TimeExpressions.resolveWithDays("What's happening right now?", TODAY).orElseThrow());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "What happened on 27 January?           | 2022-01-27",
            "What happened on Jan 27?               | 2022-01-27",
            "What happened on January 27th?         | 2022-01-27",
            "What happened on the 3rd of June?      | 2022-06-03",
            "news from 2021-12-30                   | 2021-12-30",
            "What happened on December 30?          | 2021-12-30",
            "What did Biden say on June 15, 2022?   | 2022-06-15",
            "What happened on 15 Sept. 2021?        | 2021-09-15",
            "What happened the day before yesterday? | 2022-06-14",
            "What happened since 13 June?           | 2022-06-13"})
    void should_resolve_a_calendar_day_to_the_latest_such_day_up_to_the_as_of_date(String question, LocalDate day) {
        TimeWindow w = TimeExpressions.resolveWithDays(question, TODAY).orElseThrow(() -> new AssertionError(question));
        assertEquals(day, w.from());
        assertEquals(day, w.to());
    }

    @Test
    void should_not_read_a_date_in_a_question_as_the_time_it_asks_about_when_searching() {
        // the release date is a fact of the story, asked about in June 2022 (not a window of July 2021)
        assertTrue(TimeExpressions.resolve("\"Act I\" is coming July 29. What is it titled?", TODAY).isEmpty());
        assertEquals(LocalDate.of(2022, 6, 14), resolve("What happened the day before yesterday?").from());
    }

    @Test
    void should_find_no_day_when_a_number_and_may_are_not_a_date_or_the_day_does_not_exist() {
        assertTrue(TimeExpressions.resolveWithDays("Why 3 may be hurt by the new rules", TODAY).isEmpty());
        assertTrue(TimeExpressions.resolveWithDays("What happened on 31 February?", TODAY).isEmpty());
        assertEquals(LocalDate.of(2022, 5, 3), TimeExpressions.resolveWithDays("What happened on 3 May?", TODAY).orElseThrow().from());
    }
}
