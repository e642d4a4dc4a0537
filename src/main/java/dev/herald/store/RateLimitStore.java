package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-user sliding-window rate limits shared by every instance: one row per user holding the times of their events
 * in the last window (at most the limit's worth of numbers). A row is replaced only if it still holds what was read,
 * so two instances counting the same user at once cannot both slip under the limit; the loser reads again.
 */
public final class RateLimitStore {

    private static final int ATTEMPTS = 5;

    private final Database db;

    public RateLimitStore(Database db) {
        this.db = db;
    }

    /**
     * Records an event for the user if fewer than {@code limit} happened in the window before {@code now}.
     *
     * @return 0 when allowed, else the milliseconds until the next event would be (at least 1)
     */
    public long tryAcquire(long user, Instant now, int limit, Duration window) {
        for (int attempt = 1; ; attempt++) {
            Long result = db.transaction(c -> {
                String old = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT events FROM rate_events WHERE user_id = ?")) {
                    ps.setLong(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) old = rs.getString(1);
                    }
                }
                long cutoff = now.minus(window).toEpochMilli();
                List<Long> kept = new ArrayList<>();
                if (old != null && !old.isEmpty()) {
                    for (String t : old.split(",")) {
                        long at = Long.parseLong(t);
                        if (at > cutoff) kept.add(at);
                    }
                }
                if (kept.size() >= limit) return Math.max(1, kept.get(kept.size() - limit) + window.toMillis() - now.toEpochMilli());
                kept.add(now.toEpochMilli());
                StringBuilder events = new StringBuilder();
                for (Long at : kept) events.append(events.length() == 0 ? "" : ",").append(at);
                String sql = old == null
                        ? "INSERT INTO rate_events(events, last_at, user_id) VALUES (?, ?, ?) ON CONFLICT(user_id) DO NOTHING"
                        : "UPDATE rate_events SET events = ?, last_at = ? WHERE user_id = ? AND events = ?";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, events.toString());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, user);
                    if (old != null) ps.setString(4, old);
                    return ps.executeUpdate() > 0 ? 0L : null;
                }
            });
            if (result != null) return result;
            if (attempt >= ATTEMPTS) throw new StoreException("rate limit of user " + user + " kept changing under us");
        }
    }

    /** Forgets users with no event since the cut-off. */
    public int prune(Instant before) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rate_events WHERE last_at < ?")) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
