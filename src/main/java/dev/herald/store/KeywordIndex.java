package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BM25 search over chunk text and article titles with SQLite's FTS5, and the document frequencies behind it.
 */
public final class KeywordIndex {

    /** One hit: the chunk and its BM25 score (higher is better). */
    public record Hit(long chunkId, String articleId, double score) {
    }

    private final Database db;
    private final double titleWeight;
    private final Map<String, Integer> docFrequency = new ConcurrentHashMap<>();
    private volatile int chunkCount = -1;

    public KeywordIndex(ArticleStore store, double titleWeight) {
        this.db = store.database();
        this.titleWeight = titleWeight;
        store.addListener(new StoreListener() {
            @Override
            public void articleStored(String articleId, long[] chunkIds, float[][] vectors, Long published) {
                invalidate();
            }

            @Override
            public void articleRemoved(String articleId, long[] chunkIds) {
                invalidate();
            }
        });
    }

    private void invalidate() {
        docFrequency.clear();
        chunkCount = -1;
    }

    /**
     * Chunks matching any of the terms, best first, from articles published within [notBefore, notAfter] (epoch
     * seconds, inclusive) or undated.
     *
     * @param terms plain lower-case words; they are quoted here, so FTS5 syntax in them is inert
     */
    public List<Hit> search(List<String> terms, int limit, long notBefore, long notAfter) {
        if (terms.isEmpty() || limit <= 0) return List.of();
        StringBuilder match = new StringBuilder();
        for (String t : terms) {
            if (t.isBlank()) continue;
            if (match.length() > 0) match.append(" OR ");
            match.append('"').append(t.replace("\"", "\"\"")).append('"');
        }
        if (match.length() == 0) return List.of();
        return db.read(c -> {
            List<Hit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.rowid, c.article_id, bm25(chunks_fts, ?, 1.0) AS s
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
                    // FTS5's bm25() is negative, lower is better; flip it so higher is better everywhere in Herald.
                    while (rs.next()) out.add(new Hit(rs.getLong(1), rs.getString(2), -rs.getDouble(3)));
                }
            }
            return out;
        });
    }

    /** In how many chunks the (lower-case) term occurs. */
    public int documentFrequency(String term) {
        Integer cached = docFrequency.get(term);
        if (cached != null) return cached;
        int df = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM chunks_vocab WHERE term = ?")) {
                ps.setString(1, term);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
        if (docFrequency.size() > 200_000) docFrequency.clear();
        docFrequency.put(term, df);
        return df;
    }

    public int chunkCount() {
        int n = chunkCount;
        if (n >= 0) return n;
        n = db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM chunks")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
        chunkCount = n;
        return n;
    }

    /** Inverse document frequency, BM25 style, never negative. */
    public double idf(String term) {
        int n = Math.max(1, chunkCount());
        int df = documentFrequency(term);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}
