package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.telegram.TelegramBot;

import java.io.UncheckedIOException;

/** Starts the Telegram bot and blocks until the process is told to stop. */
final class BotLauncher {
    private BotLauncher() {
    }

    static int run(HeraldCommand root) {
        HeraldConfig config = root.config();
        TelegramBot.Deployment deployment = Herald.deployment(config);
        Herald herald;
        if (TelegramBot.settingsProblem(config.secrets().telegramBotToken(), deployment) != null) {
            herald = Herald.open(config); // the bot cannot run anyway: say why (runBot) rather than wait for the store
        } else {
            try {
                herald = StoreWait.open(() -> Herald.open(config), deployment.opsAddress());
            } catch (UncheckedIOException e) {
                System.err.println("herald bot: could not start: " + e.getMessage());
                return TelegramBot.EXIT_START_FAILED;
            }
            if (herald == null) return 0; // told to stop while waiting for the store
        }
        try {
            return TelegramBot.runBot(herald.telegramServices());
        } finally {
            herald.close();
        }
    }
}
