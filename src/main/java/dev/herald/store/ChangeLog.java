package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's change log: every article stored or removed, by whichever process, in commit order (filled by
 * triggers on {@code articles}, schema version 6).
 *
 * <p>What it is for: an index kept outside the store (on disk, or in another instance's memory) records the last
 * {@link ContentChange#seq} it applied and asks only for what came after, instead of rebuilding from every chunk
 * when something changed. An article stored before the log existed (a database from before schema 6) has no row:
 * such an index starts from a full replay and then follows the log from {@link #lastSeq}.
 */
public final class ChangeLog {

    /** One change: the article was stored (read it from the store) or removed. A replaced article is both, in order. */
    public record ContentChange(long seq, String articleId, boolean stored) {
        public ContentChange {
            if (seq <= 0) throw new IllegalArgumentException("seq must be positive: " + seq);
            if (articleId == null || articleId.isBlank()) throw new IllegalArgumentException("articleId is required");
        }
    }

    private final Database db;

    public ChangeLog(Database db) {
        this.db = db;
    }

    /** The newest change's seq, 0 when there is none. */
    public long lastSeq() {
        return db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM content_changes")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Up to {@code limit} changes after {@code afterSeq}, oldest first. */
    public List<ContentChange> since(long afterSeq, int limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, article_id, op FROM content_changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, limit);
                List<ContentChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new ContentChange(rs.getLong(1), rs.getString(2), "stored".equals(rs.getString(3))));
                }
                return out;
            }
        });
    }

    /** The change recorded at {@code seq}, if there is one. */
    public java.util.Optional<ContentChange> at(long seq) {
        if (seq <= 0) return java.util.Optional.empty();
        List<ContentChange> one = since(seq - 1, 1);
        return one.isEmpty() || one.get(0).seq() != seq ? java.util.Optional.empty() : java.util.Optional.of(one.get(0));
    }
}
