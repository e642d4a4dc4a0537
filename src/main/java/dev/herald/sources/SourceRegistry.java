package dev.herald.sources;

import dev.herald.article.Article;
import dev.herald.config.Durations;
import dev.herald.store.Database;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
 * Fetch state (validators, errors, failures in a row) is stored for both kinds.
 */
public final class SourceRegistry {

    /** Shortest and longest refresh interval (as for {@code sources.refresh-interval}). */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1), MAX_INTERVAL = Duration.ofDays(7);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final List<Source> configured;
    private final Duration defaultInterval;

    /**
     * @param configuredEntries {@code content.paths} entries ({@code location[ | name][ | interval]})
     * @param defaultInterval   refresh interval of URLs that do not name their own
     */
    public SourceRegistry(Database db, List<String> configuredEntries, Duration defaultInterval) {
        this.db = db;
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
        return db.read(c -> {
            List<Source> out = new ArrayList<>();
            for (Source s : configured) out.add(withState(c, s));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sources WHERE configured = 0 ORDER BY added_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Source s = row(rs, false);
                    if (configured.stream().noneMatch(k -> sameLocation(k.location(), s.location()))) out.add(s);
                }
            }
            return out;
        });
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
        Instant now = Instant.now();
        String finalLoc = loc;
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sources(location, kind, name, refresh_seconds, added_at, configured) VALUES (?, ?, ?, ?, ?, 0)
                    ON CONFLICT(location) DO UPDATE SET configured = 0, name = excluded.name,
                      refresh_seconds = excluded.refresh_seconds""")) {
                ps.setString(1, finalLoc);
                ps.setString(2, kind.name());
                ps.setString(3, s.name());
                if (s.refreshInterval() == null) ps.setNull(4, Types.INTEGER);
                else ps.setLong(4, s.refreshInterval().toSeconds());
                ps.setLong(5, now.getEpochSecond());
                ps.executeUpdate();
            }
            return null;
        });
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
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sources SET name = ?, refresh_seconds = ? WHERE location = ?")) {
                ps.setString(1, rename ? name.strip() : known.name());
                Duration every = retime ? interval : known.refreshInterval();
                if (every == null) ps.setNull(2, Types.INTEGER);
                else ps.setLong(2, every.toSeconds());
                ps.setString(3, known.location());
                ps.executeUpdate();
            }
            return null;
        });
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
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sources WHERE location = ?")) {
                ps.setString(1, s.get().location());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Records a successful fetch: the kind found, the validators for the next conditional request. */
    public void recordSuccess(Source s, SourceKind kind, Instant at, String etag, String lastModified) {
        update(s, kind, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sources SET kind = ?, last_fetch_at = ?, last_ok_at = ?, last_error = NULL, failures = 0,
                      etag = ?, last_modified = ? WHERE location = ?""")) {
                ps.setString(1, kind.name());
                ps.setLong(2, at.getEpochSecond());
                ps.setLong(3, at.getEpochSecond());
                ps.setString(4, etag);
                ps.setString(5, lastModified);
                ps.setString(6, s.location());
                ps.executeUpdate();
            }
        });
    }

    /** Records a failed fetch: the reason, one more failure in a row (which backs the next attempt off). */
    public void recordFailure(Source s, Instant at, String error) {
        update(s, s.kind(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sources SET last_fetch_at = ?, last_error = ?, failures = failures + 1 WHERE location = ?""")) {
                ps.setLong(1, at.getEpochSecond());
                ps.setString(2, error);
                ps.setString(3, s.location());
                ps.executeUpdate();
            }
        });
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

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** Updates the source's row, creating it first for a configured source fetched for the first time. */
    private void update(Source s, SourceKind kind, SqlWork work) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sources(location, kind, name, refresh_seconds, added_at, configured) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(location) DO NOTHING""")) {
                ps.setString(1, s.location());
                ps.setString(2, kind.name());
                ps.setString(3, s.name());
                if (s.refreshInterval() == null) ps.setNull(4, Types.INTEGER);
                else ps.setLong(4, s.refreshInterval().toSeconds());
                ps.setLong(5, Instant.now().getEpochSecond());
                ps.setInt(6, s.configured() ? 1 : 0);
                ps.executeUpdate();
            }
            work.run(c);
            return null;
        });
    }

    /** A configured source with the fetch state stored for its location (if any). */
    private static Source withState(Connection c, Source s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sources WHERE location = ?")) {
            ps.setString(1, s.location());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return s;
                Source stored = row(rs, true);
                SourceKind kind = s.kind() == SourceKind.PATH ? SourceKind.PATH : stored.kind();
                return new Source(s.location(), kind, s.name(), s.refreshInterval(), true, stored.addedAt(),
                        stored.lastFetchAt(), stored.lastOkAt(), stored.lastError(), stored.failures(), stored.etag(),
                        stored.lastModified());
            }
        }
    }

    private static Source row(ResultSet rs, boolean configured) throws SQLException {
        long refresh = rs.getLong("refresh_seconds");
        Duration interval = rs.wasNull() ? null : Duration.ofSeconds(refresh);
        return new Source(rs.getString("location"), SourceKind.parse(rs.getString("kind")), rs.getString("name"),
                interval, configured, instant(rs, "added_at"), instant(rs, "last_fetch_at"), instant(rs, "last_ok_at"),
                rs.getString("last_error"), rs.getInt("failures"), rs.getString("etag"), rs.getString("last_modified"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(v);
    }

    /** Kind checks that never throw, for comparing stored locations. */
    private static final class SourceKindSafe {
        static boolean isUrl(String s) {
            String l = s.strip().toLowerCase(Locale.ROOT);
            return l.startsWith("http://") || l.startsWith("https://");
        }
    }
}
