package dev.herald.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The bot's commands, one list that drives the command menu ({@link #menu}), {@code /help} ({@link #listed}) and
 * dispatch ({@link #dispatch}). Dispatch is a chain of filters in the order of TelegramBots'
 * {@code BaseAbilityBot.consume}: known command → right place → allowed user → run; the first filter that fails
 * answers and ends the chain.
 */
final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    static final String UNKNOWN = "I don't know that command. Send /help to see what I can do.";
    static final String ADMINS_ONLY = "This command is for admins.";
    static final String PRIVATE_ONLY = "This command works in a private chat with me.";
    static final String GROUPS_ONLY = "This command works in groups.";

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final List<Command> commands;
    private final Map<String, Command> byName = new LinkedHashMap<>();

    /**
     * @param aliases other names a command answers to ({@code reset} for {@code new}), never shown
     */
    Commands(List<Command> commands, Map<String, String> aliases) {
        this.commands = List.copyOf(commands);
        for (Command c : commands) {
            if (byName.put(c.name(), c) != null) throw new IllegalArgumentException("two commands named /" + c.name());
        }
        aliases.forEach((alias, name) -> {
            Command c = byName.get(name);
            if (c == null) throw new IllegalArgumentException("alias /" + alias + " of an unknown command /" + name);
            if (byName.putIfAbsent(alias, c) != null) throw new IllegalArgumentException("alias /" + alias + " is taken");
        });
    }

    Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The commands /help shows, in list order: reader commands, and admin commands too when {@code admin}. */
    List<Command> listed(boolean admin) {
        return commands.stream().filter(Command::listed)
                .filter(c -> admin || c.access() == Command.Access.READER).toList();
    }

    /** The command menu for everyone ({@code admin} false) or for an admin's private chat. */
    List<BotCommand> menu(boolean admin) {
        return listed(admin).stream().map(c -> new BotCommand(c.name(), c.menuDescription())).toList();
    }

    /**
     * Runs the command in a message already known to be addressed to this bot.
     *
     * @param admin whether the sender is an admin
     * @return the command's future (see {@link Command.Handler#run})
     */
    CompletableFuture<Void> dispatch(Message m, CommandLine line, boolean admin, Replier replies) {
        boolean privateChat = Incoming.privateChat(m);
        Command c = byName.get(line.name());
        if (c == null) {
            // in a group, "/foo" with no @bot may be meant for another bot there
            if (privateChat || line.target() != null) replies.reply(m, UNKNOWN);
            return DONE;
        }
        if (!c.place().allows(privateChat)) {
            replies.reply(m, privateChat ? GROUPS_ONLY : PRIVATE_ONLY);
            return DONE;
        }
        if (c.access() == Command.Access.ADMIN && !admin) {
            log.warn("user {} is not an admin but sent /{} in chat {}", Incoming.userId(m), line.name(), m.getChatId());
            replies.reply(m, ADMINS_ONLY);
            return DONE;
        }
        return c.handler().run(new Command.Invocation(m, line.args(), privateChat, admin, listed(admin)));
    }
}
