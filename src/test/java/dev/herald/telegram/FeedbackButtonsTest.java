package dev.herald.telegram;

import dev.herald.store.Database;
import dev.herald.store.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The button step on its own: a vote is stored once, and every press is answered (Telegram spins until it is). */
class FeedbackButtonsTest {

    static final String TOKEN = "987654324:BBF_buttons-fake-token_0123456789";

    @Test
    void should_thank_once_then_say_already_rated_and_answer_unknown_buttons_silently_when_pressed(@TempDir Path tmp)
            throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Database db = Database.open(tmp.resolve("f.db"))) {
            // given an answer the store remembers
            FeedbackStore store = new FeedbackStore(db);
            String key = store.remember(new FeedbackStore.Answered(5, "Who controls Goma?", "M23 [1].", "[1] x"), java.time.Instant.parse("2025-01-30T10:00:00Z"));
            ReliableSender sender = api.sender();
            FeedbackButtons buttons = new FeedbackButtons(sender, store, TelegramBotTest.JAN_30, TOKEN);

            // when the reader presses 👍, then 👍 again, then a button of another kind
            buttons.onCallback(TestMessages.buttonPress(5, "fb:up:" + key));
            buttons.onCallback(TestMessages.buttonPress(5, "fb:down:" + key));
            buttons.onCallback(TestMessages.buttonPress(5, "something-else"));

            // then
            List<FakeBotApi.Call> answers = api.calls("answerCallbackQuery");
            assertEquals(3, answers.size());
            assertEquals(FeedbackButtons.THANKS, answers.get(0).body().path("text").asText());
            assertEquals("You already rated this answer.", answers.get(1).body().path("text").asText());
            assertFalse(answers.get(2).body().has("text"), answers.get(2).body().toString());
            assertEquals(1, store.counts()[0]);
            assertEquals(0, store.counts()[1]);
        }
    }
}
