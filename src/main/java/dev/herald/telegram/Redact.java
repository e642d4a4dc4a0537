package dev.herald.telegram;

import java.util.regex.Pattern;

/** Keeps bot tokens out of logs: telegrambots puts the token in request URLs, which end up in exception messages. */
public final class Redact {

    /** What a Bot API token looks like: {@code <bot id>:<35-ish url-safe characters>}. */
    private static final Pattern TOKEN = Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}");

    private Redact() {
    }

    /**
     * The text with the given token and anything shaped like a token replaced by {@code <token>}, and the other
     * configured secrets and URL user info by {@link dev.herald.config.LogRedaction}'s mark.
     */
    public static String scrub(String text, String token) {
        if (text == null) return null;
        String out = text;
        if (token != null && !token.isEmpty()) out = out.replace(token, "<token>");
        return dev.herald.config.LogRedaction.scrub(TOKEN.matcher(out).replaceAll("<token>"));
    }

    /** A one-line description of an exception and its causes, scrubbed. */
    public static String describe(Throwable e, String token) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) sb.append(" <- ");
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) sb.append(": ").append(t.getMessage());
        }
        return scrub(sb.toString(), token);
    }
}
