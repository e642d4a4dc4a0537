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
}
