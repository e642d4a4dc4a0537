package dev.herald.ingest;

import java.net.URI;
import java.util.Locale;

/** Fallbacks for articles that arrive without a headline or outlet name. */
final class Titles {

    /** Longer first lines are body paragraphs, not headlines. */
    static final int MAX_TITLE_CHARS = 200;

    private Titles() {
    }

    /** The first non-empty line (heading hashes stripped) when it is short enough to be a headline, else null. */
    static String fromFirstLine(String text) {
        for (String line : text.split("\\R")) {
            String t = line.strip().replaceFirst("^#{1,6}\\s*", "").strip();
            if (t.isEmpty()) continue;
            return t.length() < MAX_TITLE_CHARS ? t : null;
        }
        return null;
    }

    /** "whats-in-senate-gun-reform-agreement" to "Whats in senate gun reform agreement", or null. */
    static String fromUrlSlug(String url) {
        if (url == null) return null;
        try {
            String path = URI.create(url.trim()).getPath();
            if (path == null) return null;
            String[] parts = path.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                String p = parts[i].replaceFirst("(?i)\\.(html?|php|aspx?)$", "");
                if (p.equalsIgnoreCase("index") || !p.matches(".*[A-Za-z]{3,}.*") || !p.contains("-")) continue;
                String words = p.replaceAll("[-_]+", " ").strip();
                return Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        } catch (IllegalArgumentException e) {
            // An unparseable URL simply gives no slug.
        }
        return null;
    }

    /** The host without "www.", e.g. "cnn.com", or null when the URL has none. */
    static String hostOf(String url) {
        if (url == null || url.isBlank()) return null;
        try {
            String host = URI.create(url.trim()).getHost();
            if (host == null || host.isBlank()) return null;
            return host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Source name when given, else the URL's host, else "unknown". */
    static String sourceOr(String source, String url) {
        if (source != null && !source.isBlank()) return source.strip();
        String host = hostOf(url);
        return host != null ? host : "unknown";
    }
}
