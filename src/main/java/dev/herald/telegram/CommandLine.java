package dev.herald.telegram;

import java.util.Locale;

/**
 * A message text that starts with a command, taken apart: {@code /Latest@HeraldBot  Goma } is the command
 * {@code latest}, addressed to {@code HeraldBot}, with the arguments {@code Goma}. The one place a {@code @botname}
 * suffix is stripped.
 *
 * @param name   lower case, without the slash and the suffix
 * @param args   the rest of the text, stripped ("" when none)
 * @param target the bot named after {@code @}, or null when the command names none
 */
public record CommandLine(String name, String args, String target) {

    /** The command in the text, or null when the text does not start with "/". */
    public static CommandLine parse(String text) {
        String t = text.strip();
        if (!t.startsWith("/")) return null;
        String[] split = t.split("\\s+", 2);
        String head = split[0].substring(1);
        String args = split.length > 1 ? split[1].strip() : "";
        String target = null;
        int at = head.indexOf('@');
        if (at >= 0) {
            target = head.substring(at + 1);
            head = head.substring(0, at);
        }
        return new CommandLine(head.toLowerCase(Locale.ROOT), args, target);
    }

    /** True when the command names no bot, or this one (Telegram usernames are case-insensitive). */
    public boolean forBot(String username) {
        return target == null || target.equalsIgnoreCase(username);
    }
}
