package dev.herald.telegram;

import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;

import java.util.Set;

/**
 * The bot's access and abuse settings.
 *
 * @param admins            user ids allowed to run admin commands (checked on the sender, never the chat)
 * @param allowedChats      chat ids the bot answers in; empty means every chat
 * @param maxQuestionChars  longest question accepted
 * @param ratePerMinute     questions per user per minute
 */
public record BotOptions(Set<Long> admins, Set<Long> allowedChats, int maxQuestionChars, int ratePerMinute) {

    public BotOptions {
        admins = Set.copyOf(admins);
        allowedChats = Set.copyOf(allowedChats);
    }

    public static BotOptions from(HeraldConfig config) {
        return new BotOptions(Set.copyOf(config.get(Settings.TELEGRAM_ADMINS)),
                Set.copyOf(config.get(Settings.TELEGRAM_ALLOWED_CHATS)),
                config.get(Settings.TELEGRAM_MAX_QUESTION_CHARS),
                config.get(Settings.TELEGRAM_RATE_LIMIT_PER_MINUTE));
    }

    public boolean isAdmin(Long userId) {
        return userId != null && admins.contains(userId);
    }

    public boolean chatAllowed(long chatId) {
        return allowedChats.isEmpty() || allowedChats.contains(chatId);
    }
}
