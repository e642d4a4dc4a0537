package dev.herald.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmallTalkTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "hello                | GREETING",
            "Hi there 👋          | GREETING",
            "Good morning, Herald! | GREETING",
            "Thanks!              | THANKS",
            "thank you so much    | THANKS",
            "ok                   | ACKNOWLEDGED",
            "Got it.              | ACKNOWLEDGED",
            "okay thanks          | THANKS",
            "ok thx               | THANKS",
            "great, thanks again! | THANKS",
            "?                    | ASK_AWAY",
            "👍                   | ASK_AWAY",
            // questions are not small talk, even when they open with a greeting word
            "hello, who won the cup? | -",
            "Who thanked the fans?   | -",
            "hi-tech kettles recall  | -",
            "ok, who scored?         | -",
            "2031?                   | -",
    })
    void should_tell_a_greeting_or_thanks_from_a_question(String message, String expected) {
        String reply = SmallTalk.reply(message).orElse(null);
        String want = expected == null ? null : switch (expected) {
            case "GREETING" -> SmallTalk.GREETING;
            case "THANKS" -> SmallTalk.THANKS;
            case "ACKNOWLEDGED" -> SmallTalk.ACKNOWLEDGED;
            default -> SmallTalk.ASK_AWAY;
        };
        assertEquals(want, reply);
    }
}
