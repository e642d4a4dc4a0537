package dev.herald.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The second step of the update path: is a message meant for this bot, and as what? In a private chat every
 * message is; in a group only a mention ({@code @bot}), a reply to one of the bot's messages, or a command that
 * names no other bot. With BotFather's privacy mode on (the default) Telegram sends the bot only those anyway; with
 * it off the bot must not answer the group's chatter.
 */
final class Addressing {

    /** What a message is, for this bot. */
    sealed interface Addressed permits Ignored, NotText, CommandText, Question {
    }

    /** Not for this bot (group chatter, another bot's command, an empty text). */
    record Ignored() implements Addressed {
    }

    /** For this bot but not text (a photo, a sticker): the bot says it reads only text. */
    record NotText() implements Addressed {
    }

    record CommandText(CommandLine line) implements Addressed {
        CommandText {
            Objects.requireNonNull(line, "line");
        }
    }

    /** A question, with the mention of the bot and a leading "," or ":" after it taken out. */
    record Question(String text) implements Addressed {
        Question {
            Objects.requireNonNull(text, "text");
        }
    }

    private static final Pattern NEVER = Pattern.compile("(?!)");

    private final long botId;
    private final String username;
    private final Pattern mention;

    Addressing(long botId, String username) {
        this.botId = botId;
        this.username = username == null ? "" : username;
        this.mention = this.username.isEmpty() ? NEVER
                : Pattern.compile("(?i)(?<![\\w@])@" + Pattern.quote(this.username) + "\\b");
    }

    String username() {
        return username;
    }

    Addressed classify(Message m) {
        boolean privateChat = Incoming.privateChat(m);
        boolean replyToBot = m.getReplyToMessage() != null && m.getReplyToMessage().getFrom() != null
                && m.getReplyToMessage().getFrom().getId() == botId;
        if (!m.hasText()) {
            String caption = m.getCaption() == null ? "" : m.getCaption();
            return privateChat || replyToBot || mention.matcher(caption).find() ? new NotText() : new Ignored();
        }
        String text = m.getText().strip();
        if (text.isEmpty()) return new Ignored();
        CommandLine line = CommandLine.parse(text);
        if (line != null) return line.forBot(username) ? new CommandText(line) : new Ignored();
        boolean mentioned = mention.matcher(text).find();
        if (!privateChat && !mentioned && !replyToBot) return new Ignored();
        String question = mention.matcher(text).replaceAll(" ").replaceAll("[ \\t]+", " ").strip();
        if (question.startsWith(",") || question.startsWith(":")) question = question.substring(1).strip();
        return new Question(question);
    }
}
