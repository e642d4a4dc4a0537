package dev.herald.chat;

import dev.herald.retrieval.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BriefingRequestTest {

    // a Thursday
    private static final LocalDate TODAY = LocalDate.of(2025, 1, 30);

    private static BriefingRequest detect(String q) {
        return BriefingRequest.detect(q, TODAY).orElseThrow(() -> new AssertionError("not read as a briefing: " + q));
    }

    @Test
    void should_read_requests_for_all_news_with_the_window_they_name() {
        assertNull(detect("What's the latest news?").window());
        assertNull(detect("What's the latest?").topic());
        assertNull(detect("what's new").window());
        assertNull(detect("Latest headlines").window());
        assertEquals(new TimeWindow(TODAY.minusDays(1), TODAY.minusDays(1), "yesterday"), detect("What happened yesterday?").window());
        assertEquals(TODAY, detect("What happened today?").window().from());
        assertEquals(TODAY.minusDays(6), detect("What happened this week?").window().from());
        assertEquals(LocalDate.of(2025, 1, 27), detect("What happened on Monday?").window().from());
        assertEquals(TODAY.minusDays(1), detect("What were yesterday's top stories?").window().from());
        assertNull(detect("What happened yesterday?").topic());
    }

    @Test
    void should_read_the_topic_and_a_since_window_of_a_request_for_news_about_something() {
        assertEquals("Goma", detect("news about Goma").topic());
        assertEquals("the M23 rebels", detect("Any news on the M23 rebels?").topic());
        assertEquals("Congo", detect("What's the latest on Congo?").topic());
        BriefingRequest since = detect("Anything new on Goma since Friday?");
        assertEquals("Goma", since.topic());
        assertEquals(new TimeWindow(LocalDate.of(2025, 1, 24), TODAY, "since friday"), since.window());
        assertEquals("goma", detect("whats going on in goma").topic());
        assertEquals("nairobi", detect("is there news from nairobi?").topic());
        assertEquals("Congo", detect("What's been happening in Congo?").topic());
        BriefingRequest plain = detect("anything on Haiti since Friday?");
        assertEquals("Haiti", plain.topic());
        assertEquals(LocalDate.of(2025, 1, 24), plain.window().from());
    }

    @Test
    void should_read_a_topic_written_before_the_news_word() {
        assertEquals("Halcyon", detect("Halcyon news").topic());
        assertEquals("Congo", detect("latest Congo headlines?").topic());
        BriefingRequest week = detect("Goma updates this week");
        assertEquals("Goma", week.topic());
        assertEquals(TODAY.minusDays(6), week.window().from());
        assertNull(detect("world news").topic());
        assertNull(detect("breaking news").topic());
    }

    @Test
    void should_read_a_request_for_a_summary_as_a_briefing_on_its_topic() {
        assertEquals("kettle", detect("Summarise the kettle story").topic());
        assertEquals("Goma", detect("catch me up on Goma").topic());
        assertEquals("Harbour Cup final", detect("Can you recap the Harbour Cup final?").topic());
        assertEquals("tram", detect("summarize the tram situation please").topic());
        // ...and "what is happening in" before the topic, "at the moment" after it, say no more than a briefing does
        assertEquals("Goma", detect("Could you summarise what is happening in Goma at the moment?").topic());
        assertEquals("Goma", detect("what is happening in Goma at the moment?").topic());
        assertEquals("the tram", detect("any news about the tram lately").topic());
    }

    @Test
    void should_read_a_calendar_day_and_since_a_weekday_asked_on_that_weekday() {
        for (String q : List.of("What happened on 27 January?", "What happened on Jan 27?", "news from January 27",
                "What happened on 2025-01-27?", "What happened on Monday, January 27?", "What's the news on 27 Jan 2025?")) {
            assertEquals(new TimeWindow(LocalDate.of(2025, 1, 27), LocalDate.of(2025, 1, 27), detect(q).window().phrase()),
                    detect(q).window(), q);
            assertNull(detect(q).topic(), q);
        }
        assertEquals(LocalDate.of(2025, 1, 28), detect("What happened the day before yesterday?").window().from());
        // asked on a Thursday, "since Thursday" is since last week's
        assertEquals(LocalDate.of(2025, 1, 23), detect("Anything new on Goma since Thursday?").window().from());
    }

    @Test
    void should_leave_ordinary_questions_as_questions() {
        for (String q : List.of("Who controls Goma now?", "What happened with M23?", "What happened to the M23 leader yesterday?",
                "What did Biden announce on Monday?", "How many new cases were reported today?",
                "Which company announced news layoffs this week?", "What is the latest iPhone model?",
                "What's in the new climate bill?", "What happened in Goma?",
                "Who won the Harbour Cup final on Sunday?", "What is on the menu?",
                "Which news presenter has been suspended?", "What is the new daily news podcast called?",
                "Did the minister read the news", "What did the report summarise?")) {
            assertEquals(Optional.empty(), BriefingRequest.detect(q, TODAY), q);
        }
    }

    @Test
    void should_take_the_latest_commands_argument_as_the_topic() {
        assertNull(BriefingRequest.latest("", TODAY).topic());
        assertEquals("Goma", BriefingRequest.latest("Goma", TODAY).topic());
        BriefingRequest yesterday = BriefingRequest.latest("Goma yesterday", TODAY);
        assertEquals("Goma", yesterday.topic());
        assertTrue(yesterday.window().contains(TODAY.minusDays(1)));
    }
}
