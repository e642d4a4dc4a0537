package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first step of the update path: is this message from someone the bot talks to? Other bots are never
 * answered (two bots answering each other never stop). A chat outside {@code telegram.allowed-chats} hears
 * "This bot is private." at most once an hour, so a group that added the bot learns why it is silent without the
 * bot spamming it. A button press counts as coming from the chat its message is in.
 */
final class ChatGate {

    static final String PRIVATE = "This bot is private.";
    static final Duration NOTICE_EVERY = Duration.ofHours(1);

    enum Verdict {
        /** go on to the next step */
        ADMIT,
        /** drop the message silently */
        DROP,
        /** drop it and send {@link #PRIVATE} to the chat */
        TELL_PRIVATE
    }

    private final BotOptions options;
    private final Clock clock;
    private final Map<Long, Instant> notices = new ConcurrentHashMap<>();

    ChatGate(BotOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    Verdict check(Message m) {
        if (m.getFrom() != null && Boolean.TRUE.equals(m.getFrom().getIsBot())) return Verdict.DROP;
        long chat = m.getChatId();
        if (options.chatAllowed(chat)) return Verdict.ADMIT;
        Instant now = clock.instant();
        Instant last = notices.get(chat);
        if (last != null && now.isBefore(last.plus(NOTICE_EVERY))) return Verdict.DROP;
        notices.put(chat, now);
        return Verdict.TELL_PRIVATE;
    }

    /** True when a button press comes from a chat the bot answers (its vote may be stored). */
    boolean admits(CallbackQuery q) {
        Long chat = q.getMessage() != null ? q.getMessage().getChatId() : null;
        return options.chatAllowed(chat != null ? chat : q.getFrom().getId());
    }

    /**
     * True when an inline query may be answered. It names no chat, so with {@code telegram.allowed-chats} set only a
     * user whose private chat is allowed may use inline mode: otherwise anyone could read a private bot from any chat.
     */
    boolean admits(InlineQuery q) {
        return q.getFrom() != null && !Boolean.TRUE.equals(q.getFrom().getIsBot()) && options.chatAllowed(q.getFrom().getId());
    }
}
