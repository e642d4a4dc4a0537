package dev.herald.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.util.Locale;

/**
 * Sends the messages the bot starts itself (story alerts, morning briefings), paced and retried like replies, and
 * tells a chat that refuses them (403: the user blocked the bot, or it was removed from the group; 400 "chat not
 * found") from a delivery that failed, so the caller can stop pushing to it instead of retrying forever.
 */
final class Pushes {

    private static final Logger log = LoggerFactory.getLogger(Pushes.class);

    enum Outcome { SENT, REFUSED, FAILED }

    private final ReliableSender sender;
    private final String token;

    Pushes(ReliableSender sender, String token) {
        this.sender = sender;
        this.token = token;
    }

    /** Sends Telegram HTML, split as replies are; a part Telegram rejects as HTML is resent as plain text. */
    Outcome send(long chatId, String html) {
        for (String part : MessageSplitter.splitHtml(html)) {
            Outcome o = sendOne(chatId, part);
            if (o != Outcome.SENT) return o;
        }
        return Outcome.SENT;
    }

    private Outcome sendOne(long chatId, String html) {
        try {
            sender.send(chatId, ReliableSender.message(chatId, html, true, null, null));
            return Outcome.SENT;
        } catch (TelegramApiException e) {
            if (ReliableSender.isParseError(e)) {
                return sender.sendPlain(chatId, TelegramHtml.toPlain(html), null, null) ? Outcome.SENT : Outcome.FAILED;
            }
            if (refused(e)) {
                log.warn("chat {}: Telegram refuses messages to it: {}", chatId, Redact.describe(e, token));
                return Outcome.REFUSED;
            }
            log.error("chat {}: message could not be delivered: {}", chatId, Redact.describe(e, token));
            return Outcome.FAILED;
        }
    }

    /** Telegram will not deliver to the chat until someone there acts: blocked, kicked, deleted. */
    static boolean refused(TelegramApiException e) {
        if (!(e instanceof TelegramApiRequestException r) || r.getErrorCode() == null) return false;
        if (r.getErrorCode() == 403) return true;
        String text = (r.getApiResponse() + " " + r.getMessage()).toLowerCase(Locale.ROOT);
        return r.getErrorCode() == 400 && text.contains("chat not found");
    }
}
