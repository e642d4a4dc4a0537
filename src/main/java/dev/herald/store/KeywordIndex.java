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

    /** Most query terms sent to FTS5: the rarest ones; common words cost the most time and say the least. */
    public static final int DEFAULT_MAX_TERMS = 12;
    private static final int FETCH_FACTOR = 5;
    private static final long UNDATED = Long.MIN_VALUE;

    private final Database db;
    private final double titleWeight;
    private final int maxTerms;
    // chunk id -> publication time and article, so the date filter runs in memory instead of as an SQL join
    private long[] publishedByChunk = new long[0];
    private String[] articleByChunk = new String[0];
    private final Map<String, Integer> docFrequency = new ConcurrentHashMap<>();
    private volatile int chunkCount = -1;

    public KeywordIndex(ArticleStore store, double titleWeight) {
        this(store, titleWeight, DEFAULT_MAX_TERMS);
    }

    public KeywordIndex(ArticleStore store, double titleWeight, int maxTerms) {
        this.db = store.database();
        this.titleWeight = titleWeight;
        this.maxTerms = maxTerms;
        loadChunkDates();
        store.addListener(new StoreListener() {
            @Override
            public void articleStored(String articleId, long[] chunkIds, float[][] vectors, Long published) {
                synchronized (KeywordIndex.this) {
                    for (long id : chunkIds) setChunk(id, published == null ? UNDATED : published, articleId);
                }
                invalidate();
            }

            @Override
            public void articleRemoved(String articleId, long[] chunkIds) {
                synchronized (KeywordIndex.this) {
                    for (long id : chunkIds) if (id < articleByChunk.length) articleByChunk[(int) id] = null;
                }
                invalidate();
            }
        });
    }

    private synchronized void loadChunkDates() {
        db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT c.id, a.published_at, a.id FROM chunks c JOIN articles a ON a.id = c.article_id")) {
                while (rs.next()) {
                    long pub = rs.getLong(2);
                    setChunk(rs.getLong(1), rs.wasNull() ? UNDATED : pub, rs.getString(3));
                }
            }
            return null;
        });
    }

    private void setChunk(long id, long published, String articleId) {
        if (id >= publishedByChunk.length) {
            int cap = (int) Math.max(id + 1, publishedByChunk.length * 3L / 2 + 1024);
            publishedByChunk = java.util.Arrays.copyOf(publishedByChunk, cap);
            articleByChunk = java.util.Arrays.copyOf(articleByChunk, cap);
        }
        publishedByChunk[(int) id] = published;
        articleByChunk[(int) id] = articleId;
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
        // the rarest terms carry the ranking; matching every common word would cost far more than it tells
        List<String> chosen = new ArrayList<>();
        for (String t : terms) if (!t.isBlank() && !chosen.contains(t)) chosen.add(t);
        if (chosen.size() > maxTerms) {
            chosen.sort(java.util.Comparator.comparingInt(this::documentFrequency));
            chosen = new ArrayList<>(chosen.subList(0, maxTerms));
        }
        StringBuilder match = new StringBuilder();
        for (String t : chosen) {
            if (match.length() > 0) match.append(" OR ");
            match.append('"').append(t.replace("\"", "\"\"")).append('"');
        }
        if (match.length() == 0) return List.of();
        int fetch = Math.max(limit * FETCH_FACTOR, 300);
        List<Hit> raw = db.read(c -> {
            List<Hit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rowid, bm25(chunks_fts, ?, 1.0) AS s FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?")) {
                ps.setDouble(1, titleWeight);
                ps.setString(2, match.toString());
                ps.setInt(3, fetch);
                try (ResultSet rs = ps.executeQuery()) {
                    // FTS5's bm25() is negative, lower is better; flip it so higher is better everywhere in Herald.
                    while (rs.next()) out.add(new Hit(rs.getLong(1), null, -rs.getDouble(2)));
                }
            }
            return out;
        });
        List<Hit> out = new ArrayList<>(limit);
        synchronized (this) {
            for (Hit h : raw) {
                int id = (int) h.chunkId();
                if (id >= articleByChunk.length || articleByChunk[id] == null) continue;
                long p = publishedByChunk[id];
                if (p != UNDATED && (p < notBefore || p > notAfter)) continue;
                out.add(new Hit(h.chunkId(), articleByChunk[id], h.score()));
                if (out.size() == limit) break;
            }
        }
        // most of the best matches lie outside the dates: ask SQLite for the dated ones directly
        if (out.size() < limit && raw.size() == fetch) return searchJoined(match.toString(), limit, notBefore, notAfter);
        return out;
    }

    private List<Hit> searchJoined(String match, int limit, long notBefore, long notAfter) {
        return db.read(c -> {
            List<Hit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.rowid, c.article_id, bm25(chunks_fts, ?, 1.0) AS s
                    FROM chunks_fts f JOIN chunks c ON c.id = f.rowid JOIN articles a ON a.id = c.article_id
                    WHERE chunks_fts MATCH ?
                      AND (a.published_at IS NULL OR (a.published_at >= ? AND a.published_at <= ?))
                    ORDER BY s LIMIT ?""")) {
                ps.setDouble(1, titleWeight);
                ps.setString(2, match);
                ps.setLong(3, notBefore);
                ps.setLong(4, notAfter);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
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
