package dev.herald.telegram;

import dev.herald.chat.Follows;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code /follow TOPIC}, {@code /following} and {@code /unfollow N}: a chat's follows. In a group only its admins
 * (creator and administrators, asked of Telegram) may change them, since alerts go to everyone there; anyone may
 * list them.
 */
final class FollowCommands {

    static final String FOLLOW_HOW = "Tell me what to follow, for example: /follow Goma. I'll send new articles about it"
            + " here as they arrive.";
    static final String UNFOLLOW_HOW = "Give the topic's number from /following, for example: /unfollow 1";
    static final String NOTHING = "This chat follows nothing yet. Try /follow Goma";

    private final Follows follows;
    private final ChatAdmins admins;
    private final Replier replies;
    private final Clock clock;
    private final int maxPerHour;

    FollowCommands(Follows follows, ChatAdmins admins, Replier replies, Clock clock, int maxPerHour) {
        this.follows = follows;
        this.admins = admins;
        this.replies = replies;
        this.clock = clock;
        this.maxPerHour = maxPerHour;
    }

    void follow(Command.Invocation in) {
        if (in.args().isBlank()) {
            replies.reply(in.message(), FOLLOW_HOW);
            return;
        }
        if (!mayChange(in)) return;
        String topic = in.args().strip().replaceAll("\\s+", " ");
        long chat = in.message().getChatId();
        String q = "“" + TelegramHtml.escape(topic) + "”";
        replies.reply(in.message(), switch (follows.follow(chat, topic, clock.instant())) {
            case ADDED -> "Following " + q + ". I'll send new articles about it here, at most " + maxPerHour
                    + " an hour. /following lists what this chat follows.";
            case ALREADY_FOLLOWED -> "This chat already follows " + q + ".";
            case FULL -> "This chat follows " + Follows.MAX_FOLLOWS + " topics already, the most I keep. Stop one with"
                    + " /unfollow first.";
            case TOO_SHORT, TOO_LONG -> "A topic must be " + Follows.MIN_TOPIC + " to " + Follows.MAX_TOPIC
                    + " characters long.";
        });
    }

    void following(Command.Invocation in) {
        List<String> topics = follows.following(in.message().getChatId());
        if (topics.isEmpty()) {
            replies.reply(in.message(), NOTHING);
            return;
        }
        StringBuilder sb = new StringBuilder("<b>This chat follows</b>");
        for (int i = 0; i < topics.size(); i++) sb.append('\n').append(i + 1).append(". ").append(TelegramHtml.escape(topics.get(i)));
        sb.append("\n\nStop one with /unfollow and its number.");
        replies.reply(in.message(), sb.toString());
    }

    void unfollow(Command.Invocation in) {
        String arg = in.args().strip();
        if (!arg.matches("\\d{1,3}")) {
            replies.reply(in.message(), UNFOLLOW_HOW);
            return;
        }
        if (!mayChange(in)) return;
        Optional<String> gone = follows.unfollow(in.message().getChatId(), Integer.parseInt(arg));
        replies.reply(in.message(), gone.map(t -> "Stopped following “" + TelegramHtml.escape(t) + "”.")
                .orElse("This chat follows no topic number " + arg + ". /following lists them."));
    }

    private boolean mayChange(Command.Invocation in) {
        return admins.mayChange(in, replies);
    }
}
