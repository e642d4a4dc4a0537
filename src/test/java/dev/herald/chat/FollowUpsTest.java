package dev.herald.chat;

import org.junit.jupiter.api.Test;

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
    }
}
