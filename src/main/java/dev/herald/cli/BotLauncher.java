package dev.herald.cli;

/** Starts the Telegram bot; filled in when the telegram package lands. */
final class BotLauncher {
    private BotLauncher() {
    }

    static boolean available() {
        return false;
    }

    static int run(HeraldCommand root) {
        root.err().println("The Telegram bot is not available in this build.");
        return 2;
    }
}
