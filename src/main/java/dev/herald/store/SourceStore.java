package dev.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sources} table: sources added by admins, and the fetch state (validators, errors, failures in a row) of
 * every source, added or configured. Only SQL: what a source is and how locations compare is decided above, in
 * {@code sources.SourceRegistry}.
 */
public final class SourceStore {

    /**
     * One stored row.
     *
     * @param kind           the kind's name as stored (PATH, URL, PAGE, FEED)
     * @param refreshSeconds null for paths
     * @param configured     the row holds fetch state of a {@code content.paths} entry rather than an added source
     */
    public record Row(String location, String kind, String name, Long refreshSeconds, boolean configured,
                      Instant addedAt, Instant lastFetchAt, Instant lastOkAt, String lastError, int failures,
                      String etag, String lastModified) {
    }

    private final Database db;

    public SourceStore(Database db) {
        this.db = db;
    }

    /** Added sources (not configured ones), oldest first. */
    public List<Row> added() {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sources WHERE configured = 0 ORDER BY added_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        });
    }

    /** The rows for these locations (configured sources' fetch state), in one read; absent ones are left out. */
    public List<Row> find(List<String> locations) {
        if (locations.isEmpty()) return List.of();
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sources WHERE location = ?")) {
                for (String location : locations) {
                    ps.setString(1, location);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Row> find(String location) {
        return find(List.of(location)).stream().findFirst();
    }

    /** Stores an added source; a row that held a configured source's fetch state becomes an added source. */
    public void add(String location, String kind, String name, Long refreshSeconds, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sources(location, kind, name, refresh_seconds, added_at, configured) VALUES (?, ?, ?, ?, ?, 0)
                    ON CONFLICT(location) DO UPDATE SET configured = 0, name = excluded.name,
                      refresh_seconds = excluded.refresh_seconds""")) {
                ps.setString(1, location);
                ps.setString(2, kind);
                ps.setString(3, name);
                setLong(ps, 4, refreshSeconds);
                ps.setLong(5, at.getEpochSecond());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void rename(String location, String name, Long refreshSeconds) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sources SET name = ?, refresh_seconds = ? WHERE location = ?")) {
                ps.setString(1, name);
                setLong(ps, 2, refreshSeconds);
                ps.setString(3, location);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** @return false when no row has that location */
    public boolean remove(String location) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sources WHERE location = ?")) {
                ps.setString(1, location);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Records a successful fetch (the kind found, the validators for the next conditional request), creating the row
     * from {@code source} first when a configured source is fetched for the first time.
     */
    public void recordSuccess(Row source, String kind, Instant at, String etag, String lastModified) {
        update(source, kind, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sources SET kind = ?, last_fetch_at = ?, last_ok_at = ?, last_error = NULL, failures = 0,
                      etag = ?, last_modified = ? WHERE location = ?""")) {
                ps.setString(1, kind);
                ps.setLong(2, at.getEpochSecond());
                ps.setLong(3, at.getEpochSecond());
                ps.setString(4, etag);
                ps.setString(5, lastModified);
                ps.setString(6, source.location());
                ps.executeUpdate();
            }
        });
    }

    /** Records a failed fetch: the reason and one more failure in a row (creating the row as above). */
    public void recordFailure(Row source, Instant at, String error) {
        update(source, source.kind(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sources SET last_fetch_at = ?, last_error = ?, failures = failures + 1 WHERE location = ?""")) {
                ps.setLong(1, at.getEpochSecond());
                ps.setString(2, error);
                ps.setString(3, source.location());
                ps.executeUpdate();
            }
        });
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void update(Row s, String kind, SqlWork work) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sources(location, kind, name, refresh_seconds, added_at, configured) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(location) DO NOTHING""")) {
                ps.setString(1, s.location());
                ps.setString(2, kind);
                ps.setString(3, s.name());
                setLong(ps, 4, s.refreshSeconds());
                ps.setLong(5, Instant.now().getEpochSecond());
                ps.setInt(6, s.configured() ? 1 : 0);
                ps.executeUpdate();
            }
            work.run(c);
            return null;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        long refresh = rs.getLong("refresh_seconds");
        Long refreshSeconds = rs.wasNull() ? null : refresh;
        return new Row(rs.getString("location"), rs.getString("kind"), rs.getString("name"), refreshSeconds,
                rs.getInt("configured") != 0, SqlColumns.instant(rs, "added_at"), SqlColumns.instant(rs, "last_fetch_at"),
                SqlColumns.instant(rs, "last_ok_at"), rs.getString("last_error"), rs.getInt("failures"), rs.getString("etag"),
                rs.getString("last_modified"));
    }

    private static void setLong(PreparedStatement ps, int column, Long value) throws SQLException {
        if (value == null) ps.setNull(column, Types.INTEGER);
        else ps.setLong(column, value);
    }
}
