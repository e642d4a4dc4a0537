package dev.herald.sources;

import java.util.Locale;

/** What a source is: a local file or folder, or a URL that turned out to be a web page or a feed. */
public enum SourceKind {
    /** A file or folder on this machine. */
    PATH,
    /** A URL not fetched yet: whether it is a page or a feed is decided by its first fetch. */
    URL,
    /** One web page holding one article. */
    PAGE,
    /** An RSS or Atom feed: each item is an article. */
    FEED;

    public boolean isUrl() {
        return this != PATH;
    }

    public String label() {
        return switch (this) {
            case PATH -> "path";
            case URL -> "url";
            case PAGE -> "page";
            case FEED -> "feed";
        };
    }

    static SourceKind parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** PATH or URL from how the location is written; throws for URLs of other schemes (ftp:, file:). */
    public static SourceKind of(String location) {
        String l = location.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("http://") || l.startsWith("https://")) return URL;
        if (l.matches("^[a-z][a-z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("only http and https URLs can be added: " + location.strip());
        }
        return PATH;
    }
}
