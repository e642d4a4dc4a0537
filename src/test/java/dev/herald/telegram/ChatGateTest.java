package dev.herald.telegram;

import dev.herald.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatGateTest {

    private final TestClock clock = new TestClock("2025-01-30T12:00:00Z");

    @Test
    void should_admit_every_chat_when_no_chats_are_listed() {
        ChatGate gate = new ChatGate(new BotOptions(Set.of(), Set.of(), 1000, 10), clock);
        assertEquals(ChatGate.Verdict.ADMIT, gate.check(TestMessages.groupText(-5, 7, "hi")));
    }

    @Test
    void should_drop_silently_when_the_sender_is_a_bot() {
        ChatGate gate = new ChatGate(new BotOptions(Set.of(), Set.of(), 1000, 10), clock);
        assertEquals(ChatGate.Verdict.DROP, gate.check(TestMessages.fromBot(-5, "@HeraldTestBot hi")));
    }

    @Test
    void should_say_the_bot_is_private_once_an_hour_when_a_chat_is_not_allowed() {
        // given only chat 42 is allowed
        ChatGate gate = new ChatGate(new BotOptions(Set.of(), Set.of(42L), 1000, 10), clock);
        // then
        assertEquals(ChatGate.Verdict.ADMIT, gate.check(TestMessages.privateText(42, "hi")));
        assertEquals(ChatGate.Verdict.TELL_PRIVATE, gate.check(TestMessages.privateText(43, "hi")));
        assertEquals(ChatGate.Verdict.TELL_PRIVATE, gate.check(TestMessages.groupText(-77, 43, "hi")), "per chat");
        clock.advance(ChatGate.NOTICE_EVERY.minus(Duration.ofSeconds(1)));
        assertEquals(ChatGate.Verdict.DROP, gate.check(TestMessages.privateText(43, "hi")));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ChatGate.Verdict.TELL_PRIVATE, gate.check(TestMessages.privateText(43, "hi")));
    }

    @Test
    void should_admit_a_button_press_only_when_it_comes_from_an_allowed_chat() {
        // given only chat 42 is allowed
        ChatGate gate = new ChatGate(new BotOptions(Set.of(), Set.of(42L), 1000, 10), clock);
        // then
        assertTrue(gate.admits(TestMessages.buttonPress(42, "fb:up:k")));
        assertFalse(gate.admits(TestMessages.buttonPress(43, "fb:up:k")));
    }
}
