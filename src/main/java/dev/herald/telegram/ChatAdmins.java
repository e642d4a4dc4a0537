package dev.herald.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Whether a user is an admin of a group, as Telegram says ({@code getChatMember}): its creator or an administrator. */
final class ChatAdmins {

    static final String GROUP_ADMINS_ONLY = "In a group, only its admins can change this.";

    private static final Logger log = LoggerFactory.getLogger(ChatAdmins.class);

    private final ReliableSender sender;
    private final String token;

    ChatAdmins(ReliableSender sender, String token) {
        this.sender = sender;
        this.token = token;
    }

    /**
     * True in a private chat, and in a group when the sender is one of its admins; otherwise replies
     * {@link #GROUP_ADMINS_ONLY}. For settings whose messages go to everyone in the chat (follows, briefings).
     */
    boolean mayChange(Command.Invocation in, Replier replies) {
        if (in.privateChat() || isAdmin(in.message().getChatId(), Incoming.userId(in.message()))) return true;
        replies.reply(in.message(), GROUP_ADMINS_ONLY);
        return false;
    }

    /** True when the user administers the group; false when not, or when Telegram cannot tell us (logged). */
    boolean isAdmin(long chatId, Long userId) {
        if (userId == null) return false;
        try {
            ChatMember m = sender.call(new GetChatMember(String.valueOf(chatId), userId));
            String status = m == null ? "" : m.getStatus();
            return "creator".equals(status) || "administrator".equals(status);
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("chat {}: could not check whether user {} is an admin: {}", chatId, userId, Redact.describe(e, token));
            return false;
        }
    }
}
