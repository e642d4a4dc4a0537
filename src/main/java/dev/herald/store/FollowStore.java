package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stories that chats follow, in the database so they survive restarts: the follows, the articles that arrived since the
 * last scan (recorded by a trigger whichever process stored them), the alerts matched for each chat (one per chat
 * and article, so nothing is pushed twice), and the chats paused because Telegram refused to deliver to them.
 */
public final class FollowStore {

    /** The meta key holding the last arrival already matched against the follows. */
    static final String CURSOR = "alerts_cursor";

    /**
     * One followed topic.
     *
     * @param afterSeq only articles that arrived after this (the newest arrival when the follow was made) match it
     */
    public record Follow(long id, long chatId, String topic, Instant createdAt, long afterSeq) {
        public Follow {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** An article stored since the last scan, in arrival order. */
    public record Arrival(long seq, String articleId) {
    }

    /** An article matched to a chat's topic. */
    public record Alert(long chatId, String articleId, String topic) {
        public Alert {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** How {@link #add} went. */
    public enum Added { ADDED, ALREADY_FOLLOWED, FULL }

    /** How an alert went out: on its own, or listed in a digest. */
    public enum Sent { ALERT, DIGEST }

    private static final String DUE = "due";

    private final Database db;

    public FollowStore(Database db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ follows

    /** The chat's follows, oldest first (a follow's number in /following is its place here, from 1). */
    public List<Follow> follows(long chatId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, chat_id, topic, created_at, after_seq FROM follows WHERE chat_id = ? ORDER BY id")) {
                ps.setLong(1, chatId);
                return follows(ps);
            }
        });
    }

    /** Every follow of a chat that is not paused. */
    public List<Follow> active() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, chat_id, topic, created_at, after_seq FROM follows
                    WHERE chat_id NOT IN (SELECT chat_id FROM paused_chats) ORDER BY id""")) {
                return follows(ps);
            }
        });
    }

    private static List<Follow> follows(PreparedStatement ps) throws SQLException {
        List<Follow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Follow(rs.getLong(1), rs.getLong(2), rs.getString(3), Instant.ofEpochSecond(rs.getLong(4)),
                        rs.getLong(5)));
            }
        }
        return out;
    }

    /**
     * Adds a follow unless the chat follows this topic already (compared case-insensitively) or has {@code max}
     * follows; it matches articles arriving from now on.
     */
    public Added add(long chatId, String topic, int max, Instant at) {
        return db.transaction(c -> {
            List<Follow> existing;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, chat_id, topic, created_at, after_seq FROM follows WHERE chat_id = ? ORDER BY id")) {
                ps.setLong(1, chatId);
                existing = follows(ps);
            }
            if (existing.stream().anyMatch(f -> f.topic().equalsIgnoreCase(topic))) return Added.ALREADY_FOLLOWED;
            if (existing.size() >= max) return Added.FULL;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO follows(chat_id, topic, created_at, after_seq)
                    VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM article_arrivals))""")) {
                ps.setLong(1, chatId);
                ps.setString(2, topic);
                ps.setLong(3, at.getEpochSecond());
                ps.executeUpdate();
            }
            return Added.ADDED;
        });
    }

    /** Removes one follow of the chat, and its alerts not sent yet; false when it has no such follow. */
    public boolean remove(long chatId, long followId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM alerts WHERE chat_id = ? AND state = ?
                    AND topic = (SELECT topic FROM follows WHERE chat_id = ? AND id = ?)""")) {
                ps.setLong(1, chatId);
                ps.setString(2, DUE);
                ps.setLong(3, chatId);
                ps.setLong(4, followId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM follows WHERE chat_id = ? AND id = ?")) {
                ps.setLong(1, chatId);
                ps.setLong(2, followId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ------------------------------------------------------------------ arrivals and matches

    /** Up to {@code limit} articles stored since the last {@link #recordMatches}, in arrival order. */
    public List<Arrival> arrivals(int limit) {
        return db.read(c -> {
            List<Arrival> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT seq, article_id FROM article_arrivals
                    WHERE seq > COALESCE((SELECT CAST(value AS BIGINT) FROM meta WHERE key = ?), 0)
                    ORDER BY seq LIMIT ?""")) {
                ps.setString(1, CURSOR);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Arrival(rs.getLong(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /**
     * Records the alerts matched among the arrivals up to {@code upToSeq} and moves past them, in one transaction: a
     * crash either keeps both or neither. An alert for an article the chat already had is ignored. Returns how many
     * alerts were new.
     */
    public int recordMatches(long upToSeq, List<Alert> alerts, Instant at) {
        return db.transaction(c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO alerts(chat_id, article_id, topic, state, matched_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                for (Alert a : alerts) {
                    ps.setLong(1, a.chatId());
                    ps.setString(2, a.articleId());
                    ps.setString(3, a.topic());
                    ps.setString(4, DUE);
                    ps.setLong(5, at.getEpochSecond());
                    added += ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, CURSOR);
                ps.setString(2, String.valueOf(upToSeq));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM article_arrivals WHERE seq <= ?")) {
                ps.setLong(1, upToSeq); // follows keep their after_seq: AUTOINCREMENT never hands out a number twice
                ps.executeUpdate();
            }
            return added;
        });
    }

    /** True when the chat already has an alert for one of these articles (the stored one or a syndicated copy). */
    public boolean alerted(long chatId, Set<String> articleIds) {
        if (articleIds.isEmpty()) return false;
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE chat_id = ? AND article_id = ?")) {
                for (String id : articleIds) {
                    ps.setLong(1, chatId);
                    ps.setString(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) return true;
                    }
                }
            }
            return false;
        });
    }

    // ------------------------------------------------------------------ delivery

    /** Chats (not paused) with alerts waiting to be sent. */
    public List<Long> chatsWithDueAlerts() {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT chat_id FROM alerts WHERE state = ?
                    AND chat_id NOT IN (SELECT chat_id FROM paused_chats) ORDER BY chat_id""")) {
                ps.setString(1, DUE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** The chat's alerts waiting to be sent, in the order they were matched. */
    public List<Alert> due(long chatId) {
        return db.read(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT article_id, topic FROM alerts WHERE chat_id = ? AND state = ? ORDER BY "
                            + db.dialect().insertionOrder())) {
                ps.setLong(1, chatId);
                ps.setString(2, DUE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Alert(chatId, rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** How many alerts went out to the chat since then, on their own or in a digest. */
    public int sentSince(long chatId, Sent how, Instant since) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM alerts WHERE chat_id = ? AND state = ? AND sent_at > ?")) {
                ps.setLong(1, chatId);
                ps.setString(2, how.name().toLowerCase(java.util.Locale.ROOT));
                ps.setLong(3, since.getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Marks alerts as sent (before they are sent: an alert is pushed at most once, even across a crash). */
    public void markSent(long chatId, List<String> articleIds, Sent how, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET state = ?, sent_at = ? WHERE chat_id = ? AND article_id = ?")) {
                for (String id : articleIds) {
                    ps.setString(1, how.name().toLowerCase(java.util.Locale.ROOT));
                    ps.setLong(2, at.getEpochSecond());
                    ps.setLong(3, chatId);
                    ps.setString(4, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ paused chats

    /** Stops pushing to a chat (its follows are kept); alerts waiting for it are dropped. */
    public void pause(long chatId, String reason, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO paused_chats(chat_id, paused_at, reason) VALUES (?, ?, ?) "
                            + "ON CONFLICT(chat_id) DO UPDATE SET paused_at = excluded.paused_at, reason = excluded.reason")) {
                ps.setLong(1, chatId);
                ps.setLong(2, at.getEpochSecond());
                ps.setString(3, reason);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alerts WHERE chat_id = ? AND state = ?")) {
                ps.setLong(1, chatId);
                ps.setString(2, DUE);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Pushes to the chat again; false when it was not paused. */
    public boolean resume(long chatId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM paused_chats WHERE chat_id = ?")) {
                ps.setLong(1, chatId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Set<Long> paused() {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT chat_id FROM paused_chats")) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
    }
}
