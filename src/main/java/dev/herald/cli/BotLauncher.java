package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.telegram.TelegramBot;

/** Starts the Telegram bot and blocks until the process is told to stop. */
final class BotLauncher {
    private BotLauncher() {
    }

    static int run(HeraldCommand root) {
        Herald herald = root.open();
        try {
            return TelegramBot.runBot(herald.telegramServices());
        } finally {
            herald.close();
        }
    }
}
