package dev.herald.config;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The secrets this process knows (bot token, LLM API key), so that they are cut out of every log line whatever their
 * shape: {@link RedactingLayout} applies {@link #scrub} to each formatted line, stack traces included. Patterns alone
 * miss a key not shaped like {@code sk-…} that a server echoes back, or a token pasted into a URL setting.
 * {@link Secrets#fromEnv} registers what it reads, so nothing has to remember to. Thread-safe.
 */
public final class LogRedaction {

    /** What replaces a registered secret. */
    public static final String REDACTED = "<redacted>";

    /**
     * Shorter values are not registered: scrubbing a 3-character "key" would mangle ordinary words in every line,
     * and no real token or key is that short (Bot API tokens are ~46 characters, OpenAI keys 50+).
     */
    static final int MIN_LENGTH = 6;

    // user:password@ in any URL, e.g. a key put into llm.base-url's user info
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.\\-]*://)[^/\\s@?#]+@");

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private LogRedaction() {
    }

    /** Adds a secret to cut from log lines; null, blank and very short values are ignored. */
    public static void register(String secret) {
        if (secret == null) return;
        String s = secret.strip();
        if (s.length() < MIN_LENGTH || SECRETS.contains(s)) return;
        SECRETS.add(s);
        // longest first, so that a secret containing another is cut whole
        SECRETS.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The text with every registered secret (also URL-encoded) and URL user info replaced. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String s : SECRETS) {
            if (out.contains(s)) out = out.replace(s, REDACTED);
            String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(s) && out.contains(encoded)) out = out.replace(encoded, REDACTED);
        }
        if (out.indexOf('@') >= 0) out = USER_INFO.matcher(out).replaceAll("$1" + REDACTED + "@");
        return out;
    }

    /** Whether the text contains a registered secret or URL user info ({@link #scrub} would change it). */
    public static boolean containsSecret(String text) {
        return text != null && !scrub(text).equals(text);
    }
}
