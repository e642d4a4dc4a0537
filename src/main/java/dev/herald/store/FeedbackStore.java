package dev.herald.store;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers' 👍/👎 on answers. Each answer sent gets a short key (used in the buttons' callback data); the answer
 * behind a key is kept in a bounded in-memory map, and votes are written to the {@code feedback} table.
 */
public final class FeedbackStore {

    /** What a vote refers to. */
    public record Answered(long chatId, String question, String answer, String sources) {
    }

    public enum Result { STORED, ALREADY_VOTED, UNKNOWN }

    private final Database db;
    private final int capacity;
    private final String prefix = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Answered> answers;
    private final Set<String> votes = new HashSet<>();

    public FeedbackStore(Database db, int capacity) {
        this.db = db;
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
                return size() > FeedbackStore.this.capacity;
            }
        };
    }

    /** Remembers an answer; returns its key (short enough for callback data). */
    public synchronized String remember(Answered a) {
        String key = prefix + "-" + Long.toString(seq.incrementAndGet(), 36);
        answers.put(key, a);
        return key;
    }

    public synchronized Optional<Answered> lookup(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    /** Stores a vote (+1 or -1) by a user on the answer behind key; one vote per user and answer. */
    public Result vote(String key, long userId, int vote, Instant at) {
        Answered a;
        synchronized (this) {
            a = answers.get(key);
            if (a == null) return Result.UNKNOWN;
            if (!votes.add(key + "/" + userId)) return Result.ALREADY_VOTED;
            if (votes.size() > capacity * 4) votes.clear();
        }
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO feedback(at, chat_id, user_id, question, answer, sources, vote) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, at.getEpochSecond());
                ps.setLong(2, a.chatId());
                ps.setLong(3, userId);
                ps.setString(4, a.question());
                ps.setString(5, a.answer());
                ps.setString(6, a.sources());
                ps.setInt(7, vote);
                return ps.executeUpdate();
            }
        });
        return Result.STORED;
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
