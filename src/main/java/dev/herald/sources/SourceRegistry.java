package dev.herald.sources;

import dev.herald.article.Article;
import dev.herald.config.Durations;
import dev.herald.store.SourceStore;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sources Herald loads from: those configured in {@code content.paths} (fixed while running) and those added
 * with {@code /add} or {@code herald sources add} (stored in the {@code sources} table, so they survive restarts).
 * Fetch state (validators, errors, failures in a row) is stored for both kinds, in {@link SourceStore}.
 */
public final class SourceRegistry {

    /** Shortest and longest refresh interval (as for {@code sources.refresh-interval}). */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1), MAX_INTERVAL = Duration.ofDays(7);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SourceStore rows;
    private final List<Source> configured;
    private final Duration defaultInterval;

    /**
     * @param configuredEntries {@code content.paths} entries ({@code location[ | name][ | interval]})
     * @param defaultInterval   refresh interval of URLs that do not name their own
     */
    public SourceRegistry(SourceStore rows, List<String> configuredEntries, Duration defaultInterval) {
        this.rows = rows;
        this.defaultInterval = defaultInterval;
        List<Source> parsed = new ArrayList<>();
        for (String e : configuredEntries) parsed.add(Source.parseEntry(e, defaultInterval));
        this.configured = List.copyOf(parsed);
    }

    public Duration defaultInterval() {
        return defaultInterval;
    }

    /** Configured sources first (in configuration order), then added ones (oldest first), with their fetch state. */
    public List<Source> list() {
        List<Source> out = new ArrayList<>();
        java.util.Map<String, SourceStore.Row> state = new java.util.HashMap<>();
        for (SourceStore.Row r : rows.find(configured.stream().map(Source::location).toList())) state.put(r.location(), r);
        for (Source s : configured) out.add(withState(s, state.get(s.location())));
        for (SourceStore.Row r : rows.added()) {
            Source s = source(r, false);
            if (configured.stream().noneMatch(k -> sameLocation(k.location(), s.location()))) out.add(s);
        }
        return out;
    }

    public List<Source> urlSources() {
        return list().stream().filter(Source::isUrl).toList();
    }

    public List<Source> pathSources() {
        return list().stream().filter(s -> !s.isUrl()).toList();
    }

    /** The configured entries (with names and intervals stripped): what reload loaded before sources existed. */
    public List<Source> configured() {
        return configured;
    }

    /** A source by location (URLs compared without scheme, "www." and trailing slash) or by name. */
    public Optional<Source> find(String locationOrName) {
        String wanted = locationOrName.strip();
        List<Source> all = list();
        for (Source s : all) if (sameLocation(s.location(), wanted)) return Optional.of(s);
        for (Source s : all) if (s.name() != null && s.name().equalsIgnoreCase(wanted)) return Optional.of(s);
        return Optional.empty();
    }

    /**
     * Stores a new source, or gives the known one with that location the name and interval asked for (when given). Paths are stored absolute, so they mean
     * the same after a restart from another folder.
     *
     * @param interval refresh interval for a URL, or null for the default
     * @throws IllegalArgumentException for a location that is neither a path nor an http(s) URL
     */
    public Source add(String location, String name, Duration interval) {
        String loc = location.strip();
        if (loc.isEmpty()) throw new IllegalArgumentException("give a file, folder or http(s) URL");
        SourceKind kind = SourceKind.of(loc);
        if (kind == SourceKind.PATH) {
            try {
                loc = Path.of(loc).toAbsolutePath().normalize().toString();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: " + loc);
            }
        } else {
            Source.refuseCredentials(loc);
            try {
                java.net.URI u = new java.net.URI(loc);
                if (u.getHost() == null || u.getHost().isBlank()) throw new IllegalArgumentException("URL has no host: " + loc);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + loc);
            }
        }
        Optional<Source> known = find(loc);
        if (known.isPresent()) return updated(known.get(), name, interval);
        Source s = Source.fresh(loc, kind, name, interval == null ? defaultInterval : interval, false);
        rows.add(loc, kind.name(), s.name(), seconds(s.refreshInterval()), Instant.now());
        return find(loc).orElse(s);
    }

    /** A known source re-added with a name or interval: those are applied (a configured one changes in its file). */
    private Source updated(Source known, String name, Duration interval) {
        boolean rename = name != null && !name.isBlank() && !name.strip().equals(known.name());
        boolean retime = interval != null && known.isUrl() && !interval.equals(known.refreshInterval());
        if (!rename && !retime) return known;
        if (known.configured()) {
            throw new IllegalArgumentException(known.location()
                    + " is configured in content.paths; change its name or interval there");
        }
        rows.rename(known.location(), rename ? name.strip() : known.name(),
                seconds(retime ? interval : known.refreshInterval()));
        return find(known.location()).orElse(known);
    }

    /**
     * Forgets an added source (its articles stay stored and searchable; remove them one by one if unwanted).
     *
     * @return false when no added source has that location or name
     * @throws IllegalArgumentException when it is configured in {@code content.paths}
     */
    public boolean remove(String locationOrName) {
        Optional<Source> s = find(locationOrName);
        if (s.isEmpty()) return false;
        if (s.get().configured()) {
            throw new IllegalArgumentException(s.get().location() + " is configured in content.paths; remove it there");
        }
        return rows.remove(s.get().location());
    }

    /** Records a successful fetch: the kind found, the validators for the next conditional request. */
    public void recordSuccess(Source s, SourceKind kind, Instant at, String etag, String lastModified) {
        rows.recordSuccess(row(s), kind.name(), at, etag, lastModified);
    }

    /** Records a failed fetch: the reason, one more failure in a row (which backs the next attempt off). */
    public void recordFailure(Source s, Instant at, String error) {
        rows.recordFailure(row(s), at, error);
    }

    /** One line per source for a chat or a terminal. */
    public List<String> describe() {
        List<Source> all = list();
        if (all.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        for (Source s : all) out.add(describe(s));
        return out;
    }

    public static String describe(Source s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.kind().label()).append(' ');
        if (s.name() != null) sb.append(s.name()).append(" (").append(s.location()).append(')');
        else sb.append(s.location());
        sb.append(s.configured() ? " [configured]" : " [added]");
        if (s.isUrl()) {
            sb.append(", every ").append(formatInterval(s.refreshInterval()));
            if (s.lastOkAt() != null) sb.append(", last ok ").append(WHEN.format(s.lastOkAt()));
            else if (s.lastFetchAt() == null) sb.append(", not fetched yet");
            if (s.lastError() != null) {
                sb.append(", last error: ").append(s.lastError()).append(" (").append(s.failures())
                        .append(s.failures() == 1 ? " failure" : " failures in a row").append(", next try ")
                        .append(WHEN.format(s.nextDue())).append(')');
            }
        }
        return sb.toString();
    }

    static String formatInterval(Duration d) {
        if (d == null) return "-";
        if (d.toSeconds() % 86400 == 0) return d.toDays() + "d";
        if (d.toSeconds() % 3600 == 0) return d.toHours() + "h";
        if (d.toSeconds() % 60 == 0) return d.toMinutes() + "m";
        return d.toSeconds() + "s";
    }

    /**
     * A refresh interval as written by an admin: "15m", "2h", "1h30m", "1d", from one minute to seven days (the range
     * of {@code sources.refresh-interval}). Read by the same parser as every duration setting.
     *
     * @throws IllegalArgumentException saying what is wrong: "'5x' is not a duration (…)", "… is too short: at least 1m"
     */
    public static Duration parseInterval(String s) {
        return Durations.parse(s, MIN_INTERVAL, MAX_INTERVAL, "refresh interval");
    }

    static boolean sameLocation(String a, String b) {
        if (a.equals(b)) return true;
        boolean urls = SourceKindSafe.isUrl(a) && SourceKindSafe.isUrl(b);
        return urls && Article.normalizeUrl(a).equals(Article.normalizeUrl(b));
    }

    // ---------------------------------------------------------------- rows

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static SourceStore.Row row(Source s) {
        return new SourceStore.Row(s.location(), s.kind().name(), s.name(), seconds(s.refreshInterval()),
                s.configured(), s.addedAt(), s.lastFetchAt(), s.lastOkAt(), s.lastError(), s.failures(), s.etag(),
                s.lastModified());
    }

    /** A configured source with the fetch state stored for its location (if any). */
    private static Source withState(Source s, SourceStore.Row stored) {
        if (stored == null) return s;
        SourceKind kind = s.kind() == SourceKind.PATH ? SourceKind.PATH : SourceKind.parse(stored.kind());
        return new Source(s.location(), kind, s.name(), s.refreshInterval(), true, stored.addedAt(),
                stored.lastFetchAt(), stored.lastOkAt(), stored.lastError(), stored.failures(), stored.etag(),
                stored.lastModified());
    }

    private static Source source(SourceStore.Row r, boolean configured) {
        Duration interval = r.refreshSeconds() == null ? null : Duration.ofSeconds(r.refreshSeconds());
        return new Source(r.location(), SourceKind.parse(r.kind()), r.name(), interval, configured, r.addedAt(),
                r.lastFetchAt(), r.lastOkAt(), r.lastError(), r.failures(), r.etag(), r.lastModified());
    }

    /** Kind checks that never throw, for comparing stored locations. */
    private static final class SourceKindSafe {
        static boolean isUrl(String s) {
            String l = s.strip().toLowerCase(Locale.ROOT);
            return l.startsWith("http://") || l.startsWith("https://");
        }
    }
}
