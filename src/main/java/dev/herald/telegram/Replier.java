package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Replies to a message in the chat it came from. */
@FunctionalInterface
interface Replier {
    /**
     * Sends {@code html} (Telegram HTML) to the message's chat; in a group the reply quotes the message. Never
     * throws: a reply that cannot be delivered is logged.
     */
    void reply(Message to, String html);
}
