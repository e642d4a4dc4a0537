package dev.herald.config;

import java.util.Optional;

/**
 * A configuration problem the user has to fix. The message is always a single line that names the setting,
 * the offending value, what is allowed and where the value came from, e.g.
 * <pre>config: retrieval.top-k = "abc" is not valid: expected an integer from 1 to 50 (from HERALD_RETRIEVAL_TOP_K)</pre>
 * The CLI prints {@link #getMessage()} alone (no stack trace) and exits with status 2.
 */
public final class ConfigException extends RuntimeException {

    private static final int MAX_SHOWN_VALUE = 120;

    private final String key;

    /** @param message the text after the {@code "config: "} prefix; line breaks are flattened to spaces */
    public ConfigException(String message) {
        this(null, message, null);
    }

    public ConfigException(String key, String message, Throwable cause) {
        super("config: " + oneLine(message), cause);
        this.key = key;
    }

    /** The setting key (or environment variable) the problem is about, when there is one. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** {@code config: KEY = "RAW" is not valid: expected ALLOWED (from ORIGIN)}. */
    static ConfigException invalid(String key, String raw, String allowed, String origin) {
        return new ConfigException(key, key + " = " + quote(raw) + " is not valid: expected " + allowed
                + " (from " + origin + ")", null);
    }

    /**
     * A bot token ({@code 123456789:AAE…}, ~46 characters) or an API key ({@code sk-…}) pasted into the wrong variable:
     * shown as {@link LogRedaction#REDACTED}, since the message goes to a terminal and often into a CI log.
     */
    private static final java.util.regex.Pattern SECRET_SHAPE = java.util.regex.Pattern.compile(
            "\\d{6,}:[A-Za-z0-9_-]{30,}|\\b(sk|pk|ghp|xox[abp])-[A-Za-z0-9_-]{16,}");

    /**
     * Double-quoted, escaped and shortened so that the message stays one readable line; a value that is a registered
     * secret or shaped like a token or key is not shown.
     */
    static String quote(String raw) {
        if (raw == null) return "null";
        if (LogRedaction.containsSecret(raw) || SECRET_SHAPE.matcher(raw).find()) return LogRedaction.REDACTED;
        StringBuilder sb = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < raw.length(); i++) {
            if (shown >= MAX_SHOWN_VALUE) {
                sb.append('…');
                break;
            }
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
            shown++;
        }
        return sb.append('"').toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
