package dev.herald.config;

/** How the bot receives updates ({@code telegram.mode}). */
public enum TelegramMode {
    /** getUpdates long polling; with several instances one polls and the others stand by. */
    POLLING,
    /** Telegram posts each update to {@code telegram.webhook-url}; any number of instances behind a proxy. */
    WEBHOOK
}
