package dev.herald.sources;

import dev.herald.config.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One place Herald loads articles from, with what is known about its last fetches.
 *
 * @param location        a file or folder path, or an http(s) URL
 * @param kind            see {@link SourceKind}
 * @param name            a display name given by the admin, or null
 * @param refreshInterval how often a URL is fetched again; null for paths
 * @param configured      true when it comes from {@code content.paths} (it can only be removed there)
 * @param lastFetchAt     last attempt, or null when never fetched
 * @param lastOkAt        last successful fetch, or null
 * @param lastError       why the last attempt failed, or null when it succeeded
 * @param failures        attempts failed in a row
 * @param etag            validator for the next conditional request, or null
 * @param lastModified    validator for the next conditional request, or null
 */
public record Source(String location, SourceKind kind, String name, Duration refreshInterval, boolean configured,
                     Instant addedAt, Instant lastFetchAt, Instant lastOkAt, String lastError, int failures,
                     String etag, String lastModified) {

    /** Longest wait between attempts on a failing source, however many times it failed. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(24);

    public Source {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        if (name != null && name.isBlank()) name = null;
    }

    /** A source never fetched. */
    public static Source fresh(String location, SourceKind kind, String name, Duration interval, boolean configured) {
        return new Source(location, kind, name, kind.isUrl() ? interval : null, configured, null, null, null, null, 0,
                null, null);
    }

    /**
     * Parses a {@code content.paths} entry: {@code location}, optionally followed by {@code | name} and/or
     * {@code | interval} (e.g. {@code https://example.com/rss | Example News | 15m}).
     */
    public static Source parseEntry(String entry, Duration defaultInterval) {
        String[] parts = entry.split("\\s+\\|\\s*|\\s*\\|\\s+");
        String location = parts[0].strip();
        refuseCredentials(location);
        String name = null;
        Duration interval = defaultInterval;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) continue;
            if (Durations.looksLike(p)) interval = SourceRegistry.parseInterval(p); // "0s" is a mistake, not a name
            else name = p;
        }
        return fresh(location, SourceKind.of(location), name, interval, true);
    }

    /**
     * Refuses a URL with a user name or password in it: a source's location is shown in {@code sources list},
     * {@code /stats} and logs, and its articles' links in every citation. The message does not repeat them.
     */
    static void refuseCredentials(String location) {
        if (dev.herald.article.Article.hasUserInfo(location)) {
            throw new IllegalArgumentException("a URL with a user name or password is not accepted (it would be shown "
                    + "to readers): " + dev.herald.article.Article.withoutUserInfo(location).strip().replaceFirst("://", "://…@"));
        }
    }

    public boolean isUrl() {
        return kind.isUrl();
    }

    /** The name when given, else the location. */
    public String label() {
        return name != null ? name : location;
    }

    /**
     * The wait after the last attempt before the next one: the refresh interval, doubled for each failure in a row
     * (at most 2^5 times), capped at {@link #MAX_BACKOFF} (or the interval itself, when that is longer).
     */
    public Duration backoff() {
        Duration base = refreshInterval == null ? Duration.ofMinutes(30) : refreshInterval;
        Duration wait = base.multipliedBy(1L << Math.min(failures, 5));
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** When the next scheduled fetch is due: now for a source never fetched. */
    public Instant nextDue() {
        return lastFetchAt == null ? Instant.EPOCH : lastFetchAt.plus(backoff());
    }

    Source withKind(SourceKind k) {
        return new Source(location, k, name, refreshInterval, configured, addedAt, lastFetchAt, lastOkAt, lastError,
                failures, etag, lastModified);
    }
}
