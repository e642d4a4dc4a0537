package dev.herald.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code herald bot}: long polling with the token from TELEGRAM_BOT_TOKEN, until SIGTERM. */
@Command(name = "bot", description = "Run the Telegram bot (token from the TELEGRAM_BOT_TOKEN environment variable).")
final class BotCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Override
    public Integer call() {
        return BotLauncher.run(root);
    }
}
