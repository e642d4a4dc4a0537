package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Telegram updates taken for handling, by whichever instance: an update is handled by the one instance that takes
 * it first, so a webhook retry or a second delivery after a polling take-over is not answered twice. The update's
 * JSON is kept until it is done, so one taken by an instance that then died (kill -9, a lost machine) is taken and
 * finished by another.
 */
public final class UpdateStore {

    /** An update taken but not finished. */
    public record Open(long updateId, String conversation, String json) {
    }

    private final Database db;

    public UpdateStore(Database db) {
        this.db = db;
    }

    /**
     * Takes the update (of a conversation, or null) for the instance: true when nobody had it, or its taker died (heartbeat out) before finishing
     * it; false when it is done, or being handled by a live instance (this one included).
     */
    public boolean take(long updateId, String conversation, String json, String instance, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO telegram_updates(update_id, conversation, body, holder, taken_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(update_id) DO UPDATE SET holder = excluded.holder, taken_at = excluded.taken_at
                    WHERE telegram_updates.done_at IS NULL AND telegram_updates.holder <> excluded.holder
                      AND NOT EXISTS (SELECT 1 FROM instances i
                                      WHERE i.id = telegram_updates.holder AND i.alive_until >= ?)""")) {
                ps.setLong(1, updateId);
                ps.setString(2, conversation);
                ps.setString(3, json);
                ps.setString(4, instance);
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, now.toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * True while an update of the conversation taken before this one (a lower id: Telegram numbers a bot's updates
     * in the order they happened) is unfinished: this one waits for it, whichever instance has it. Only updates taken
     * since {@code takenSince} count, so one whose end was never recorded cannot hold its conversation for ever.
     */
    public boolean earlierOpen(String conversation, long updateId, Instant takenSince) {
        return !earlierHolders(conversation, updateId, takenSince).isEmpty();
    }

    /**
     * The instances holding the unfinished earlier updates of {@link #earlierOpen} (empty when there are none): a
     * waiter held back only by its own instance's updates can be woken when they finish instead of asking again.
     */
    public Set<String> earlierHolders(String conversation, long updateId, Instant takenSince) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT holder FROM telegram_updates
                    WHERE conversation = ? AND update_id < ? AND done_at IS NULL AND taken_at >= ?""")) {
                ps.setString(1, conversation);
                ps.setLong(2, updateId);
                ps.setLong(3, takenSince.toEpochMilli());
                Set<String> holders = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) holders.add(rs.getString(1));
                }
                return holders;
            }
        });
    }

    /** The update was handled (answered, or answered with an apology). */
    public void done(long updateId, Instant now) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE telegram_updates SET done_at = ?, body = '' WHERE update_id = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, updateId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Updates taken within {@code maxAge} and left unfinished by an instance that died, oldest first: another
     * instance takes ({@link #take}) and handles them.
     */
    public List<Open> orphans(Instant now, Duration maxAge, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT u.update_id, u.conversation, u.body FROM telegram_updates u
                    WHERE u.done_at IS NULL AND u.taken_at >= ?
                      AND NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = u.holder AND i.alive_until >= ?)
                    ORDER BY u.update_id LIMIT ?""")) {
                ps.setLong(1, now.minus(maxAge).toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setInt(3, limit);
                List<Open> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Open(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        });
    }

    /** Forgets updates taken before the cut-off (Telegram keeps an undelivered update for 24 hours). */
    public int prune(Instant before) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM telegram_updates WHERE taken_at < ?")) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
