package dev.herald.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FollowUpsTest {

    @Test
    void should_read_questions_that_lean_on_the_previous_turn_as_follow_ups() {
        assertTrue(FollowUps.isFollowUp("and how many were injured?"));
        assertTrue(FollowUps.isFollowUp("What about Rwanda?"));
        assertTrue(FollowUps.isFollowUp("Who leads them?"));
        assertTrue(FollowUps.isFollowUp("how many died?"));
    }

    @Test
    void should_read_self_contained_questions_as_new_topics() {
        assertFalse(FollowUps.isFollowUp("Who controls Goma now?"));
        assertFalse(FollowUps.isFollowUp("What did Ruto and Rubio discuss about the Haiti mission?"));
        assertFalse(FollowUps.isFollowUp("Why is Brightwell recalling its kettles?"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "tell me more|true", "Tell me more!|true", "Can you tell me more?|true", "go on|true",
            "Go on please|true", "keep going|true", "more|true", "More, please.|true", "what else?|true",
            "anything else?|true", "and then what?|true", "what happened next?|true", "tell me more about it|true",
            "tell me more about the kettles|false", "what else did Brightwell say?|false", "more on Goma|false",
            "more people were hurt?|false", "go on strike|false", "continue the Harbour Cup story|false"})
    void should_read_only_a_bare_request_for_more_as_asking_for_the_rest_of_the_story(String question, boolean more) {
        assertEquals(more, FollowUps.asksForMore(question));
    }

    @Test
    void should_tell_a_question_naming_nothing_from_one_naming_its_story() {
        assertTrue(FollowUps.namesNothing("how long will the trip take?"));
        assertTrue(FollowUps.namesNothing("What is the price of coffee? I wonder."));
        assertFalse(FollowUps.namesNothing("How long will the Halcyon trip take?"));
        assertFalse(FollowUps.namesNothing("what happened in 2022?"));
        assertFalse(FollowUps.namesNothing("what did M23 say?"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "what about the library, is it open again | library",
            "back to the kettles, who makes them       | kettles",
            "ok, as for the probe: when will it land?  | probe",
            "what about coffee prices?                 | coffee prices"})
    void should_read_the_topic_a_question_turns_to_up_to_its_first_comma(String question, String things) {
        assertTrue(FollowUps.opensWithLeadIn(question) || FollowUps.turnsToATopic(question), question);
        assertEquals(java.util.Set.of(things.split(" ")), FollowUps.thingsNamed(question));
    }

    @Test
    void should_read_the_story_a_request_for_more_names() {
        assertEquals(java.util.Optional.of("the kettles"), FollowUps.moreAbout("Tell me more about the kettles?"));
        assertEquals(java.util.Optional.of("the probe"), FollowUps.moreAbout("more on the probe"));
        assertEquals(java.util.Optional.of("goma"), FollowUps.moreAbout("ok, what else about Goma?".replace(",", "")));
        // "about it" goes on with the story just told; a question is no request for more
        assertTrue(FollowUps.moreAbout("tell me more about it").isEmpty());
        assertTrue(FollowUps.moreAbout("How many more kettles were recalled?").isEmpty());
    }

    @Test
    void should_need_an_earlier_turn_only_for_a_question_that_points_back_and_names_nothing() {
        // a topic put before the question, or named after an adjective, is named
        assertFalse(FollowUps.needsEarlierTurn("the new tram in lindenport, when did it open"));
        assertFalse(FollowUps.needsEarlierTurn("trams, how often do they run"));
        assertFalse(FollowUps.needsEarlierTurn("When did the new line open?"));
        assertTrue(FollowUps.needsEarlierTurn("ok, when did it open?"));
        assertTrue(FollowUps.needsEarlierTurn("and the others, who are they?"));
        assertTrue(FollowUps.needsEarlierTurn("and how many were injured?"));
        assertTrue(FollowUps.needsEarlierTurn("when did it launch?"));
        assertTrue(FollowUps.needsEarlierTurn("what about the others?"));
        assertTrue(FollowUps.needsEarlierTurn("who leads them?"));
        assertTrue(FollowUps.needsEarlierTurn("tell me more"));
        assertTrue(FollowUps.needsEarlierTurn("go on"));
        assertTrue(FollowUps.needsEarlierTurn("continue"));
        assertTrue(FollowUps.needsEarlierTurn("what happened next?"));
        // it says what it is about, pronoun or not
        assertFalse(FollowUps.needsEarlierTurn("How much did it cost to fix the library?"));
        assertFalse(FollowUps.needsEarlierTurn("Why did they recall the kettles?"));
        assertFalse(FollowUps.needsEarlierTurn("and what about the tram?"));
        assertFalse(FollowUps.needsEarlierTurn("what about coffee prices?"));
        assertTrue(FollowUps.needsEarlierTurn("what about them?"));
        assertTrue(FollowUps.needsEarlierTurn("and what about the others?"));
        // ...and a possessive owning what the question names has its owner in the question
        assertFalse(FollowUps.needsEarlierTurn("What did farmers say about their trees?"));
        assertTrue(FollowUps.needsEarlierTurn("what is his age?"));
        assertTrue(FollowUps.needsEarlierTurn("who scored for them?"));
        assertTrue(FollowUps.needsEarlierTurn("when did she take over?"));
    }
}
