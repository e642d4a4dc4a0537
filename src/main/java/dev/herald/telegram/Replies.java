package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Replies through the {@link ReliableSender}. In a group a reply quotes the message it answers
 * ({@code reply_parameters}), so a busy group sees which question an answer belongs to; a private chat has one
 * reader, so replies there are plain messages.
 */
final class Replies implements Replier {

    private final ReliableSender sender;

    Replies(ReliableSender sender) {
        this.sender = sender;
    }

    /** The message id a reply should quote: the message itself in a group, none in a private chat. */
    static Integer replyTo(Message m) {
        return m != null && !Incoming.privateChat(m) ? m.getMessageId() : null;
    }

    @Override
    public void reply(Message to, String html) {
        sender.sendHtml(to.getChatId(), html, null, replyTo(to));
    }

    /** An answer: HTML with the keyboard under its last part. */
    void answer(Message to, String html, InlineKeyboardMarkup keyboard) {
        sender.sendHtml(to.getChatId(), html, keyboard, replyTo(to));
    }

    /** Plain text, for replies that must arrive even when the HTML path is what failed (the apology). */
    void plain(Message to, String text) {
        sender.sendPlain(to.getChatId(), text, null, replyTo(to));
    }
}
