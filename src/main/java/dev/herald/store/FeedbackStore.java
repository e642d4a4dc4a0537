package dev.herald.store;


import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers' 👍/👎 on answers. Each answer sent gets a short key (in the buttons' callback data) and is kept in the store
 * ({@code answers_sent}) for {@link #KEPT}, so a button pressed after a restart, or reaching another instance on the
 * same store, still finds it; votes are written to {@code feedback}, one per reader and answer (a unique index: a
 * write retried after a lost connection cannot store a vote twice).
 */
public final class FeedbackStore {

    /** What a vote refers to. */
    public record Answered(long chatId, String question, String answer, String sources) {
    }

    public enum Result { STORED, ALREADY_VOTED, UNKNOWN }

    /** How long an answer can be rated. */
    public static final Duration KEPT = Duration.ofDays(30);
    // older answers are pruned once every this many remembered (one indexed DELETE)
    private static final int PRUNE_EVERY = 500;

    private final Database db;
    // random per process, so two instances started in the same second hand out different keys (the old prefix was the
    // start second); 6 base-36 characters, and the whole callback data stays far under Telegram's 64 bytes
    private final String prefix;
    private final AtomicLong seq = new AtomicLong();

    public FeedbackStore(Database db) {
        this.db = db;
        this.prefix = Long.toString(new SecureRandom().nextLong(2_176_782_336L), 36); // below 36^6
    }

    /** Stores an answer sent at {@code at}; returns its key (short enough for callback data). */
    public String remember(Answered a, Instant at) {
        long n = seq.incrementAndGet();
        String key = prefix + "-" + Long.toString(n, 36);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO answers_sent(answer_key, sent_at, chat_id, question, answer, sources) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (answer_key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setLong(2, at.toEpochMilli());
                ps.setLong(3, a.chatId());
                ps.setString(4, a.question());
                ps.setString(5, a.answer());
                ps.setString(6, a.sources());
                ps.executeUpdate();
            }
            if (n % PRUNE_EVERY == 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM answers_sent WHERE sent_at < ?")) {
                    ps.setLong(1, at.minus(KEPT).toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        return key;
    }

    public Optional<Answered> lookup(String key) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chat_id, question, answer, sources FROM answers_sent WHERE answer_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Answered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                            : Optional.<Answered>empty();
                }
            }
        });
    }

    /** Stores a vote (+1 or -1) by a user on the answer behind key; one vote per user and answer. */
    public Result vote(String key, long userId, int vote, Instant at) {
        return db.transaction(c -> {
            // the SELECT's WHERE is also what SQLite needs to parse ON CONFLICT after INSERT ... SELECT
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO feedback(at, chat_id, user_id, question, answer, sources, vote, answer_key)"
                            + " SELECT ?, chat_id, ?, question, answer, sources, ?, answer_key FROM answers_sent"
                            + " WHERE answer_key = ? ON CONFLICT (answer_key, user_id) DO NOTHING")) {
                ps.setLong(1, at.getEpochSecond());
                ps.setLong(2, userId);
                ps.setInt(3, vote);
                ps.setString(4, key);
                if (ps.executeUpdate() == 1) return Result.STORED;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT vote, at FROM feedback WHERE answer_key = ? AND user_id = ?")) {
                ps.setString(1, key);
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Result.UNKNOWN;
                    // the same vote at the same second: this call's own write, committed by a first try whose reply
                    // was lost, not a second vote
                    return rs.getInt(1) == vote && rs.getLong(2) == at.getEpochSecond() ? Result.STORED : Result.ALREADY_VOTED;
                }
            }
        });
    }

    /** Counts of up and down votes ever stored: {up, down}. */
    public long[] counts() {
        return db.read(c -> {
            long[] out = new long[2];
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT vote, COUNT(*) FROM feedback GROUP BY vote")) {
                while (rs.next()) {
                    if (rs.getInt(1) > 0) out[0] += rs.getLong(2);
                    else out[1] += rs.getLong(2);
                }
            }
            return out;
        });
    }
}
