package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What several Herald instances on one store agree through: each instance's heartbeat, named leases with an expiry
 * (who long-polls Telegram), and claims held while the holder lives (who handles a conversation's updates, who
 * refreshes a source, right now). Portable SQL: conditional upserts ({@code INSERT ... ON CONFLICT ... DO UPDATE
 * ... WHERE}), which SQLite (3.24+) and PostgreSQL both run, and whose row count says whether the caller won.
 *
 * <p>Times are epoch milliseconds from each instance's clock, so the instances' clocks must agree to well under a
 * lease's length (NTP keeps them within milliseconds; leases are seconds long).
 */
public final class CoordinationStore {

    private final Database db;

    public CoordinationStore(Database db) {
        this.db = db;
    }

    /** Records that the instance is alive until {@code now + ttl}. */
    public void beat(String instance, Instant now, Duration ttl) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO instances(id, started_at, alive_until) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET alive_until = excluded.alive_until""")) {
                ps.setString(1, instance);
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, now.plus(ttl).toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** True while the instance's heartbeat has not run out. */
    public boolean alive(String instance, Instant now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM instances WHERE id = ? AND alive_until >= ?")) {
                ps.setString(1, instance);
                ps.setLong(2, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * A clean stop: the instance's heartbeat, leases and claims go at once, so another instance takes over without
     * waiting for them to expire. Old heartbeats (over a day) are removed too.
     */
    public void leave(String instance, Instant now) {
        db.transaction(c -> {
            for (String sql : new String[]{"DELETE FROM leases WHERE holder = ?", "DELETE FROM claims WHERE holder = ?",
                    "DELETE FROM instances WHERE id = ?"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, instance);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM instances WHERE alive_until < ?")) {
                ps.setLong(1, now.minus(Duration.ofDays(1)).toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Takes or renews a lease: true when the holder has it until {@code now + ttl} (it was free, expired, or already
     * the holder's), false while another holder's lease runs.
     */
    public boolean tryLease(String name, String holder, Instant now, Duration ttl) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO leases(name, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    WHERE leases.holder = excluded.holder OR leases.expires_at < ?""")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setLong(3, now.plus(ttl).toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Gives a lease back (only the holder's). */
    public void releaseLease(String name, String holder) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    /** Who holds the lease now, if anyone. */
    public Optional<String> leaseHolder(String name, Instant now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT holder FROM leases WHERE name = ? AND expires_at >= ?")) {
                ps.setString(1, name);
                ps.setLong(2, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Claims a named piece of work (a conversation's next update, a source's refresh) for the instance: true when it
     * was free, already the instance's, or held by an instance whose heartbeat ran out (it died at it). No expiry of
     * its own: a slow answer or a long feed keeps its claim as long as its instance lives.
     */
    public boolean claim(String name, String instance, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO claims(name, holder, claimed_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, claimed_at = excluded.claimed_at
                    WHERE claims.holder = excluded.holder
                       OR NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = claims.holder AND i.alive_until >= ?)""")) {
                ps.setString(1, name);
                ps.setString(2, instance);
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    public void release(String name, String instance) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM claims WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, instance);
                return ps.executeUpdate();
            }
        });
    }
}
