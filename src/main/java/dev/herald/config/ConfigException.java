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

    /** Double-quoted, escaped and shortened so that the message stays one readable line. */
    static String quote(String raw) {
        if (raw == null) return "null";
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
