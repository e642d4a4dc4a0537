package dev.herald.chat;

import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Briefings on the bundled sample articles (published 25–31 Jan 2025), as a reader asks for them. */
class BriefingsTest {

    @TempDir
    static Path dir;
    static Herald herald;

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    private static Set<LocalDate> citedDays(Answer a) {
        return a.citations().stream().map(c -> LocalDate.ofInstant(c.article().publishedAt(), ZoneOffset.UTC))
                .collect(Collectors.toSet());
    }

    private static Set<String> citedUrls(Answer a) {
        return a.citations().stream().map(c -> c.article().url().replaceAll(".*/", "")).collect(Collectors.toSet());
    }

    private static void assertValidBriefing(Answer a) {
        assertFalse(a.abstained(), a.text());
        assertEquals(List.of(), herald.citationCheck().problems(a), PlainTextFormatter.format(a));
        // one line per story, each with its own citation
        long lines = a.text().lines().filter(l -> l.startsWith("• ")).count();
        assertEquals(a.citations().size(), lines, a.text());
        for (Citation c : a.citations()) assertTrue(a.text().contains(c.quotes().get(0) + " [" + c.n() + "]"), a.text());
    }

    @Test
    void should_brief_the_stories_of_yesterday_when_asked_what_happened_yesterday() {
        // given: asked the morning after 27 Jan, when three Congo and Kenya stories appeared
        Instant asOf = Instant.parse("2025-01-28T09:00:00Z");

        // when
        Reply r = herald.questions().ask("What happened yesterday?", asOf);

        // then
        Answer a = r.answer();
        assertValidBriefing(a);
        assertTrue(a.text().startsWith("News, yesterday, 27 Jan 2025"), a.text());
        assertEquals(Set.of(LocalDate.of(2025, 1, 27)), citedDays(a), a.text());
        assertTrue(citedUrls(a).contains("goma-offensive"), a.text());
        assertTrue(citedUrls(a).contains("ruto-rubio-call"), a.text());
        assertFalse(a.text().contains("Harbour Cup"), "the 26 Jan final is not yesterday's: " + a.text());
    }

    @Test
    void should_list_the_newest_days_stories_newest_first_when_asked_for_the_latest_news() {
        // given: asked after the newest sample (31 Jan)
        Instant asOf = Instant.parse("2025-02-03T12:00:00Z");

        // when
        Answer a = herald.questions().ask("What's the latest news?", asOf).answer();

        // then: 29-31 Jan, the library (31 Jan) first, nothing from the 27th
        assertValidBriefing(a);
        assertTrue(a.text().startsWith("News, latest in my sources, 29 Jan – 31 Jan 2025"), a.text());
        assertEquals(Set.of("lindenport-library-reopens", "brightwell-kettle-recall", "halcyon-probe-launch"), citedUrls(a));
        assertTrue(a.citations().get(0).article().url().endsWith("lindenport-library-reopens"), a.text());
    }

    @Test
    void should_brief_only_articles_naming_the_topic_when_asked_for_news_about_it() {
        // when
        Answer a = herald.questions().ask("news about Goma", Instant.parse("2025-02-03T12:00:00Z")).answer();

        // then
        assertValidBriefing(a);
        assertTrue(citedUrls(a).contains("goma-offensive"), a.text());
        for (Citation c : a.citations()) {
            assertTrue(herald.store().article(c.article().id()).orElseThrow().text().contains("Goma"), c.article().title());
            String line = c.quotes().get(0);
            String lead = Briefings.leadSentences(herald.store().article(c.article().id()).orElseThrow(), 1).get(0);
            assertTrue(line.contains("Goma") || line.equals(lead), "the quoted line names the topic or is the lead: " + line);
        }
    }

    @Test
    void should_brief_an_outlets_section_when_asked_for_news_of_it() {
        // when: no article says "sports", the Harbour Cup report comes from the Sports Desk
        Answer a = herald.questions().ask("any sports news?", Instant.parse("2025-01-31T12:00:00Z")).answer();
        Answer singular = herald.questions().ask("What's new in sport?", Instant.parse("2025-01-31T12:00:00Z")).answer();

        // then ("sport" finds the Sports Desk as "sports" does)
        assertValidBriefing(a);
        assertEquals(Set.of("harbour-cup-final"), citedUrls(a), a.text());
        assertValidBriefing(singular);
        assertEquals(Set.of("harbour-cup-final"), citedUrls(singular), singular.text());
    }

    @Test
    void should_put_the_story_about_the_topic_before_a_newer_one_mentioning_it_in_passing() {
        // when: the library's reopening (31 Jan) mentions "the new tram line" once; the tram story (25 Jan) is about it
        Answer a = herald.questions().ask("news about the tram", Instant.parse("2025-01-31T20:00:00Z")).answer();

        // then
        assertValidBriefing(a);
        assertTrue(a.citations().get(0).article().url().endsWith("lindenport-tram-line"), a.text());
    }

    @Test
    void should_quote_the_lead_when_the_sentence_naming_the_topic_points_back_to_an_earlier_one() {
        // when: the summit story names Goma only in "The meeting is meant to calm a crisis ... the city of Goma."
        Answer a = herald.questions().ask("news about Goma", Instant.parse("2025-02-03T12:00:00Z")).answer();

        // then its line is its lead, which says what the story is
        Citation summit = a.citations().stream().filter(c -> c.article().url().endsWith("eac-emergency-summit"))
                .findFirst().orElseThrow(() -> new AssertionError(a.text()));
        assertTrue(summit.quotes().get(0).startsWith("Kenyan President William Ruto"), a.text());
        assertFalse(a.text().contains("The meeting is meant"), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // the only report on Haiti is Monday's Ruto call
            "anything on Haiti since Friday?        | Haiti from 31 Jan – 1 Feb 2025    | ruto-rubio-call",
            // the tram opened on 25 Jan; Friday's library report only says its reading room is "near the new tram
            // line", which is no tram news of this week: the tram's own report comes first among the older ones
            "anything new on the tram since monday? | the tram from 27 Jan – 1 Feb 2025 | lindenport-tram-line"})
    void should_say_a_topic_has_nothing_new_and_give_its_latest_when_the_window_has_none_of_it(String question,
                                                                                               String topicAndDays,
                                                                                               String latest) {
        // given: Saturday 1 Feb
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");

        // when
        Answer a = herald.questions().ask(question, asOf).answer();

        // then
        assertTrue(a.text().startsWith("I don't have articles about " + topicAndDays + "."), a.text());
        assertValidBriefing(a);
        assertTrue(a.citations().get(0).article().url().endsWith(latest), a.text());
    }

    @Test
    void should_cover_the_days_since_the_named_weekday_when_asked_for_anything_new_since_then() {
        // given: Thursday 30 Jan; "since Wednesday" is 29-30 Jan, so the 27 Jan Goma reports are out
        Instant asOf = Instant.parse("2025-01-30T18:00:00Z");

        // when
        Answer since = herald.questions().ask("Anything new since Wednesday?", asOf).answer();
        Answer onTopic = herald.questions().ask("anything new on Lindenport since last Saturday?", Instant.parse("2025-02-01T09:00:00Z")).answer();

        // then
        assertValidBriefing(since);
        assertEquals(Set.of("brightwell-kettle-recall", "halcyon-probe-launch"), citedUrls(since), since.text());
        assertValidBriefing(onTopic);
        assertEquals(Set.of("lindenport-library-reopens", "lindenport-tram-line"), citedUrls(onTopic), onTopic.text());
    }

    @Test
    void should_say_there_is_nothing_from_that_day_and_show_the_newest_headlines_when_the_window_is_empty() {
        // when: 4 Feb has no articles
        Answer a = herald.questions().ask("What happened yesterday?", Instant.parse("2025-02-05T09:00:00Z")).answer();

        // then
        assertTrue(a.abstained());
        assertEquals("I don't have any articles from yesterday, 4 Feb 2025.", a.text());
        assertTrue(a.related().get(0).url().endsWith("lindenport-library-reopens"), a.related().toString());
    }

    @Test
    void should_brief_on_a_topic_for_the_latest_command_as_the_question_does() {
        // when
        Instant asOf = Instant.parse("2025-02-03T12:00:00Z");
        Answer command = herald.questions().latest("Goma", asOf);
        Answer question = herald.questions().ask("news about Goma", asOf).answer();
        Answer all = herald.questions().latest("", asOf);

        // then
        assertEquals(question.text(), command.text());
        assertValidBriefing(all);
        assertTrue(all.text().startsWith("News, latest"), all.text());
    }

    @Test
    void should_offer_the_headlines_closest_to_a_topic_no_article_names() {
        // when: the cup final's report never says "football"
        Answer football = herald.questions().latest("football", Instant.parse("2025-02-01T09:00:00Z"));

        // then it is no briefing, but the cup final heads the headlines offered (not the newest stories)
        assertTrue(football.abstained(), football.text());
        assertTrue(football.text().startsWith("I don't have articles about football"), football.text());
        assertTrue(football.related().get(0).url().endsWith("harbour-cup-final"), football.related().toString());
    }

    @Test
    void should_answer_ordinary_questions_about_a_subject_as_questions() {
        // when
        Reply r = herald.questions().ask("Who controls Goma now?", Instant.parse("2025-01-30T12:00:00Z"));

        // then
        assertFalse(r.answer().text().startsWith("News"), r.answer().text());
        assertFalse(r.search().chunks().isEmpty());
    }
}
