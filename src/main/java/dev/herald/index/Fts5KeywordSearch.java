package dev.herald.index;

import dev.herald.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * BM25 search with SQLite's own FTS5 index, the keyword search a user of SQLite would reach for first. Herald answers
 * from the in-memory {@link KeywordIndex}, which ranks the same way at a fraction of the cost; this one stays as the
 * evaluation's BM25 baseline and as a reference the in-memory ranking is tested against.
 */
public final class Fts5KeywordSearch implements KeywordSearch {

    private final Database db;
    private final double titleWeight;

    public Fts5KeywordSearch(Database db, double titleWeight) {
        this.db = db;
        this.titleWeight = titleWeight;
    }

    @Override
    public List<Hit> search(List<String> terms, int limit, long notBefore, long notAfter) {
        StringBuilder match = new StringBuilder();
        for (String t : terms) {
            if (t.isBlank()) continue;
            if (match.length() > 0) match.append(" OR ");
            // quoted, so FTS5 syntax in a term is inert
            match.append('"').append(t.replace("\"", "\"\"")).append('"');
        }
        if (match.length() == 0 || limit <= 0) return List.of();
        return db.read(c -> {
            List<Hit> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.rowid, c.article_id, a.published_at, bm25(chunks_fts, ?, 1.0) AS s
                    FROM chunks_fts f JOIN chunks c ON c.id = f.rowid JOIN articles a ON a.id = c.article_id
                    WHERE chunks_fts MATCH ?
                      AND (a.published_at IS NULL OR (a.published_at >= ? AND a.published_at <= ?))
                    ORDER BY s LIMIT ?""")) {
                ps.setDouble(1, titleWeight);
                ps.setString(2, match.toString());
                ps.setLong(3, notBefore);
                ps.setLong(4, notAfter);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    // FTS5's bm25() is negative, lower is better; flipped so higher is better everywhere in Herald
                    while (rs.next()) {
                        long published = rs.getLong(3);
                        Long date = rs.wasNull() ? null : published;
                        out.add(new Hit(rs.getLong(1), rs.getString(2), date, -rs.getDouble(4)));
                    }
                }
            }
            return out;
        });
    }
}
