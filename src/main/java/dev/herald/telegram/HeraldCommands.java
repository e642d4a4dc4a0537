package dev.herald.telegram;

import dev.herald.chat.ChatCommands;
import dev.herald.chat.Conversations;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Herald's command list. Reader commands take their usage and description from {@link ChatCommands}, the list the
 * console chat reads too, so a command is described once for both front ends.
 */
final class HeraldCommands {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private HeraldCommands() {
    }

    /**
     * @param username the bot's username, known once getMe has answered
     */
    static Commands of(BotTexts texts, AdminJobs admin, Answering answering, FollowCommands follows,
                       BriefingCommands briefings, Conversations conversations, Replier replies,
                       Supplier<String> username) {
        List<Command> list = new ArrayList<>();
        list.add(new Command("start", "", "say hello, with example questions", Command.Access.READER,
                Command.Place.BOTH, false, in -> say(replies, in.message(), texts.greeting(in.admin()))));
        list.add(reader("ask", in -> in.args().isEmpty()
                ? say(replies, in.message(), "Ask me a question after /ask, for example: /ask Who controls Goma?")
                : answering.answer(in.message(), in.args())));
        list.add(reader("latest", in -> say(replies, in.message(), texts.latest(Incoming.conversation(in.message()), in.args()))));
        list.add(reader("sources", in -> say(replies, in.message(), texts.sources())));
        list.add(reader("new", in -> {
            conversations.reset(Incoming.conversation(in.message()));
            return say(replies, in.message(), "Started a new conversation. Ask me anything.");
        }));
        list.add(reader("follow", in -> done(() -> follows.follow(in))));
        list.add(reader("following", in -> done(() -> follows.following(in))));
        list.add(reader("unfollow", in -> done(() -> follows.unfollow(in))));
        list.add(reader("briefing", in -> done(() -> briefings.briefing(in))));
        list.add(reader("timezone", in -> done(() -> briefings.timezone(in))));
        list.add(reader("help", in -> say(replies, in.message(),
                texts.help(in.available(), username.get()))));
        list.add(admin("reload", "", "reload the configured content", in -> {
            admin.reload(in.message());
            return DONE;
        }));
        list.add(admin("add", "<URL or path>", "add a feed, web page, file or folder", in -> {
            admin.add(in.message(), in.args());
            return DONE;
        }));
        list.add(admin("remove", "<article id or URL>", "remove an article", in -> {
            admin.remove(in.message(), in.args());
            return DONE;
        }));
        list.add(admin("stats", "", "usage and store statistics",
                in -> say(replies, in.message(), admin.statsText())));
        return new Commands(list, Map.of("reset", "new"));
    }

    private static Command reader(String name, Command.Handler handler) {
        ChatCommands.Command shared = ChatCommands.named(name); // the menu shows it too: written to read there
        if (!shared.inTelegram()) throw new IllegalArgumentException("/" + name + " is not offered in Telegram");
        return new Command(name, shared.arguments(), shared.description(), Command.Access.READER, Command.Place.BOTH,
                true, handler);
    }

    private static Command admin(String name, String arguments, String description, Command.Handler handler) {
        return new Command(name, arguments, description, Command.Access.ADMIN, Command.Place.BOTH, true, handler);
    }

    private static CompletableFuture<Void> done(Runnable command) {
        command.run();
        return DONE;
    }

    private static CompletableFuture<Void> say(Replier replies, Message m, String html) {
        replies.reply(m, html);
        return DONE;
    }
}
