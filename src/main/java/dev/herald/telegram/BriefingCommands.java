package dev.herald.telegram;

import dev.herald.chat.MorningBriefings;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /briefing 07:30}, {@code /briefing off} and {@code /timezone Africa/Nairobi}: a chat's morning briefing.
 * Without arguments each says what is set. In a group only its admins may change them.
 */
final class BriefingCommands {

    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3])[:.h]([0-5]\\d)");
    static final String BRIEFING_HOW = "Give a time of day, for example /briefing 07:30 (or /briefing off).";

    private final MorningBriefings briefings;
    private final ChatAdmins admins;
    private final Replier replies;
    private final Clock clock;

    BriefingCommands(MorningBriefings briefings, ChatAdmins admins, Replier replies, Clock clock) {
        this.briefings = briefings;
        this.admins = admins;
        this.replies = replies;
        this.clock = clock;
    }

    void briefing(Command.Invocation in) {
        long chat = in.message().getChatId();
        String arg = in.args().strip();
        MorningBriefings.Schedule now = briefings.schedule(chat);
        if (arg.isEmpty()) {
            replies.reply(in.message(), now.time().map(t -> "Your briefing comes every day at " + t + " ("
                    + now.zone().getId() + "). /briefing off stops it.").orElse("No daily briefing is set. " + BRIEFING_HOW));
            return;
        }
        if (arg.equalsIgnoreCase("off")) {
            if (!admins.mayChange(in, replies)) return;
            replies.reply(in.message(), briefings.off(chat) ? "Daily briefing stopped." : "No daily briefing was set.");
            return;
        }
        Matcher m = TIME.matcher(arg);
        if (!m.matches()) {
            replies.reply(in.message(), BRIEFING_HOW);
            return;
        }
        if (!admins.mayChange(in, replies)) return;
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        briefings.at(chat, time, clock.instant());
        replies.reply(in.message(), "Every day at " + time + " (" + TelegramHtml.escape(now.zone().getId())
                + ") I'll send the top stories of the last 24 hours. Set your time zone with /timezone, for example"
                + " /timezone Africa/Nairobi.");
    }

    void timezone(Command.Invocation in) {
        long chat = in.message().getChatId();
        String arg = in.args().strip();
        if (arg.isEmpty()) {
            replies.reply(in.message(), "This chat's time zone is " + TelegramHtml.escape(briefings.schedule(chat).zone().getId())
                    + ". Change it with /timezone and a zone name, for example /timezone Africa/Nairobi.");
            return;
        }
        Optional<ZoneId> zone = MorningBriefings.zone(arg);
        if (zone.isEmpty()) {
            replies.reply(in.message(), "I don't know the time zone " + TelegramHtml.escape(arg)
                    + ". Use a name such as Africa/Nairobi, Europe/London or America/New_York.");
            return;
        }
        if (!admins.mayChange(in, replies)) return;
        briefings.zone(chat, zone.get());
        replies.reply(in.message(), "Time zone set to " + TelegramHtml.escape(zone.get().getId()) + ".");
    }
}
