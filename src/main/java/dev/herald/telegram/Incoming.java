package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Facts about an incoming message that several steps need. */
final class Incoming {

    private Incoming() {
    }

    static Long userId(Message m) {
        return m.getFrom() == null ? null : m.getFrom().getId();
    }

    static boolean privateChat(Message m) {
        return m.getChat() != null && Boolean.TRUE.equals(m.getChat().isUserChat());
    }

    /** One conversation per user per chat, so follow-ups in a group do not mix people up. */
    static String conversation(Message m) {
        Long user = userId(m);
        return "tg:" + m.getChatId() + ":" + (user == null ? 0 : user);
    }
}
