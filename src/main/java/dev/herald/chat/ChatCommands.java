package dev.herald.chat;

import java.util.List;

/**
 * The reader commands, described once for every front end: the bot's {@code /help} and the console chat's
 * {@code /help} both list these (each the ones that make sense where it runs), so a command means the same
 * everywhere and is described in one place.
 */
public final class ChatCommands {

    /** Where a command is offered. */
    public enum Where { TELEGRAM, CONSOLE, BOTH }

    /**
     * @param name        without the slash
     * @param arguments   how its arguments are written ("[topic]"), or "" when it takes none
     * @param description what it does, in a few words
     */
    public record Command(String name, String arguments, String description, Where where) {
        public boolean inTelegram() {
            return where != Where.CONSOLE;
        }

        public boolean inConsole() {
            return where != Where.TELEGRAM;
        }

        /** "/latest [topic]" */
        public String usage() {
            return "/" + name + (arguments.isEmpty() ? "" : " " + arguments);
        }
    }

    public static final List<Command> READER = List.of(
            new Command("ask", "<question>", "ask a question about the news", Where.TELEGRAM),
            new Command("latest", "[topic]", "a briefing: the top stories of the newest days, or about a topic", Where.BOTH),
            new Command("sources", "", "outlets and dates I know", Where.BOTH),
            new Command("new", "", "start a new conversation", Where.BOTH),
            new Command("follow", "<topic>", "get new articles about a topic as they arrive", Where.TELEGRAM),
            new Command("following", "", "the topics this chat follows", Where.TELEGRAM),
            new Command("unfollow", "<number>", "stop following a topic (its number in /following)", Where.TELEGRAM),
            new Command("briefing", "<HH:MM | off>", "the top stories of the last 24 hours, every day at this time",
                    Where.TELEGRAM),
            new Command("timezone", "<zone>", "this chat's time zone for /briefing, e.g. Africa/Nairobi", Where.TELEGRAM),
            new Command("help", "", "what I know and can do", Where.BOTH),
            new Command("quit", "", "end the chat", Where.CONSOLE));

    /** At most this many headlines for {@code /latest N}: more is a page no one reads in a chat. */
    public static final int MAX_HEADLINES = 50;

    /** What {@code /latest} says to a count it cannot list (0, or negative). */
    public static final String HEADLINE_COUNT_HINT = "/latest takes a number of headlines from 1 to " + MAX_HEADLINES
            + " (e.g. /latest 5) or a topic (e.g. /latest Goma).";

    private ChatCommands() {
    }

    /**
     * The number of newest headlines {@code /latest N} asks for (at most {@link #MAX_HEADLINES}), or empty when its
     * arguments are a topic. "0" and "-5" are counts no list has, not topics: -1 tells the caller to show
     * {@link #HEADLINE_COUNT_HINT} (a briefing about "-5" found nothing, and "/latest 0" listed one headline).
     */
    public static java.util.OptionalInt headlineCount(String args) {
        String a = args == null ? "" : args.strip();
        if (!a.matches("[+-]?\\d{1,12}")) return java.util.OptionalInt.empty();
        long n = Long.parseLong(a);
        return java.util.OptionalInt.of(n < 1 ? -1 : (int) Math.min(MAX_HEADLINES, n));
    }

    /** The reader command with this name; front ends take its usage and description from here. */
    public static Command named(String name) {
        return READER.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reader command /" + name));
    }

    public static List<Command> telegram() {
        return READER.stream().filter(Command::inTelegram).toList();
    }

    public static List<Command> console() {
        return READER.stream().filter(Command::inConsole).toList();
    }
}
