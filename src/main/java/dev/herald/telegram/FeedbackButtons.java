package dev.herald.telegram;

import dev.herald.store.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.util.List;

/**
 * The 👍/👎 buttons under answers: the keyboard, and the button step of the update path, which stores a vote
 * and answers the callback (Telegram shows a spinner on the button until it is answered).
 */
final class FeedbackButtons {

    private static final Logger log = LoggerFactory.getLogger(FeedbackButtons.class);

    static final String THANKS = "Thanks for the feedback";

    private final ReliableSender sender;
    private final FeedbackStore feedback;
    private final Clock clock;
    private final String token;

    FeedbackButtons(ReliableSender sender, FeedbackStore feedback, Clock clock, String token) {
        this.sender = sender;
        this.feedback = feedback;
        this.clock = clock;
        this.token = token;
    }

    /** callback_data is "fb:up:KEY" / "fb:down:KEY", well under Telegram's 64 bytes. */
    static InlineKeyboardMarkup keyboard(String key) {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("👍").callbackData("fb:up:" + key).build(),
                InlineKeyboardButton.builder().text("👎").callbackData("fb:down:" + key).build())));
    }

    void onCallback(CallbackQuery q) {
        String data = q.getData() == null ? "" : q.getData();
        String[] parts = data.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("fb") || !(parts[1].equals("up") || parts[1].equals("down"))) {
            answer(q.getId(), null);
            return;
        }
        FeedbackStore.Result result = feedback.vote(parts[2], q.getFrom().getId(), parts[1].equals("up") ? 1 : -1,
                clock.instant());
        answer(q.getId(), switch (result) {
            case STORED -> THANKS;
            case ALREADY_VOTED -> "You already rated this answer.";
            case UNKNOWN -> "Sorry, this answer is too old to rate.";
        });
    }

    /** Answers a button press with a short notice (null for none). Never throws. */
    void answer(String callbackId, String text) {
        try {
            sender.call(AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(text).build());
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("callback {} could not be answered: {}", callbackId, Redact.describe(e, token));
        }
    }
}
