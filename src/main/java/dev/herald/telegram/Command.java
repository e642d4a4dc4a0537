package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * One bot command as a value, shaped like TelegramBots' {@code Ability} (name, info, privacy, locality, action)
 * without its base class: {@link Commands} reads a list of these for the command menu, {@code /help} and dispatch,
 * so a command is defined in one place.
 *
 * @param name        without the slash, lower case, as Telegram accepts it (1-32 of a-z, 0-9, _)
 * @param arguments   how its arguments are written ("[topic]"), or "" when it takes none
 * @param description what it does, in a few words (the menu shows it with a capital letter)
 * @param access      who may run it
 * @param place       where it runs
 * @param listed      false for a command neither the menu nor /help shows (/start: Telegram sends it itself)
 * @param handler     what it does
 */
public record Command(String name, String arguments, String description, Access access, Place place, boolean listed,
                      Handler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    public Command {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a Telegram command name: " + name);
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(description, "description");
        // Telegram refuses a menu whose descriptions are empty or over 256 characters
        if (description.isBlank() || description.length() > 256) {
            throw new IllegalArgumentException("description of /" + name + " must be 1-256 characters");
        }
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(handler, "handler");
    }

    /** Who may run a command (TelegramBots' {@code Privacy}, without group admins and creator). */
    public enum Access {
        /** anyone the bot answers */
        READER,
        /** the user ids in {@code telegram.admins}, checked on the sender, never the chat */
        ADMIN
    }

    /** Where a command runs (TelegramBots' {@code Locality}). */
    public enum Place {
        PRIVATE, GROUPS, BOTH;

        boolean allows(boolean privateChat) {
            return this == BOTH || (this == PRIVATE) == privateChat;
        }
    }

    /**
     * One command as received: the message, the text after the command, and facts the filters established.
     *
     * @param available the listed commands this sender may run, in list order (what /help shows them)
     */
    public record Invocation(Message message, String args, boolean privateChat, boolean admin,
                             List<Command> available) {
        public Invocation {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(args, "args");
            available = List.copyOf(available);
        }
    }

    /** What a command does. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Runs the command and replies. Returns at once with a done future unless the command hands work to another
         * pool (/ask answers on the answering pool): then the future completes when the reply is sent, so the
         * reader's next update waits for it.
         */
        CompletableFuture<Void> run(Invocation in);
    }

    /** "/latest [topic]" */
    public String usage() {
        return "/" + name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** The description as the command menu shows it: "A briefing: …". */
    String menuDescription() {
        return Character.toUpperCase(description.charAt(0)) + description.substring(1);
    }
}
