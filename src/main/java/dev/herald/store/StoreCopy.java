package dev.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies an SQLite store into PostgreSQL ({@code herald migrate --to}) as it is: articles with their chunks and the
 * vectors' bytes (nothing is embedded again), syndicated copies, sources and their fetch state, feedback, follows,
 * alerts, paused chats and briefings, keeping every id.
 *
 * <p>Resumable: articles go over in batches, each batch one transaction with its chunks and vectors, so a run that
 * is interrupted (Ctrl-C, kill, a lost connection) leaves whole articles only, and the next run copies just the
 * ones missing. The small tables are copied at the end with {@code ON CONFLICT DO NOTHING}. The target records
 * where it was copied from ({@code meta.migrated_from}) and refuses to receive a second, different store.
 *
 * <p>The follows' positions in the arrival log stay true: before the first article is copied, the target's
 * arrival sequence is moved past the source's, the arrivals the copy's triggers record are dropped at the end, and
 * the source's arrivals not yet matched are carried over with their own numbers (with the matching cursor). The
 * target's change log is its own (one 'stored' row per copied article), so an index following it starts afresh.
 */
public final class StoreCopy {

    /** Told after each batch: articles copied so far (of all to copy in this run) and their chunks. */
    public interface Progress {
        void copied(int articles, int total, int chunks);
    }

    /** Rows per table in both stores, and the vectors compared byte for byte (with those that differed). */
    public record Verification(Map<String, long[]> counts, int vectorsCompared, List<Long> vectorsDiffering) {
        public boolean ok() {
            return vectorsDiffering.isEmpty() && counts.values().stream().allMatch(c -> c[0] == c[1]);
        }
    }

    /** What a run did: articles copied now, already there from an earlier run, and the final check. */
    public record Result(int copied, int alreadyThere, long chunks, Verification verification) {
    }

    static final String MIGRATED_FROM = "migrated_from";
    /** Tables compared by count, in the order they are copied. */
    static final List<String> TABLES = List.of("articles", "chunks", "vectors", "article_aliases", "sources",
            "answers_sent", "feedback", "follows", "alerts", "paused_chats", "briefings");
    private static final Set<String> OWN_META = Set.of("schema_version", "content_version", FollowStore.CURSOR, MIGRATED_FROM);

    private final Database from;
    private final Database to;
    private final int batch;

    public StoreCopy(Database from, Database to, int batchArticles) {
        if (from.dialect() != Dialect.SQLITE || to.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("copies an SQLite store into PostgreSQL");
        }
        if (batchArticles < 1) throw new IllegalArgumentException("batch must be positive: " + batchArticles);
        this.from = from;
        this.to = to;
        this.batch = batchArticles;
    }

    public Result run(Progress progress, int vectorSample) {
        claimTarget();
        List<String> ids = from.read(c -> strings(c, "SELECT id FROM articles ORDER BY id"));
        Set<String> there = new HashSet<>(to.read(c -> strings(c, "SELECT id FROM articles")));
        List<String> missing = ids.stream().filter(id -> !there.contains(id)).toList();
        int copied = 0;
        long chunks = 0;
        for (int i = 0; i < missing.size(); i += batch) {
            List<String> part = missing.subList(i, Math.min(missing.size(), i + batch));
            chunks += copyArticles(part);
            copied += part.size();
            progress.copied(copied, missing.size(), (int) chunks);
        }
        copySmallTables();
        return new Result(copied, ids.size() - missing.size(), chunks, verify(vectorSample));
    }

    /** Marks the target as this source's copy; refuses a target holding anything else. */
    private void claimTarget() {
        String source = from.describe();
        to.transaction(c -> {
            String recorded = meta(c, MIGRATED_FROM);
            if (recorded != null && !recorded.equals(source)) {
                throw new StoreException("the target " + to.describe() + " was copied from " + recorded
                        + ", not from " + source + "; copy into an empty database");
            }
            if (recorded == null) {
                long articles = count(c, "articles");
                if (articles > 0) {
                    throw new StoreException("the target " + to.describe() + " already holds " + articles
                            + " articles; copy into an empty database");
                }
                long arrivals = from.read(f -> single(f, "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'article_arrivals'"));
                try (Statement st = c.createStatement()) {
                    // after every arrival number the source handed out, so the follows' after_seq keep their meaning
                    st.execute("SELECT setval(pg_get_serial_sequence('article_arrivals', 'seq'), " + Math.max(1, arrivals) + ")");
                    // after every id the source used, so nothing written meanwhile collides with a copied one
                    for (String table : List.of("chunks", "sources", "feedback", "follows")) {
                        long max = from.read(f -> single(f, "SELECT COALESCE(MAX(id), 0) FROM " + table));
                        st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + Math.max(1, max) + ")");
                    }
                }
                putMeta(c, MIGRATED_FROM, source);
            }
            return null;
        });
    }

    /** One batch of articles with their chunks and vectors, in one target transaction; returns the chunks copied. */
    private long copyArticles(List<String> ids) {
        String in = "(" + String.join(",", ids.stream().map(x -> "?").toList()) + ")";
        List<Object[]> articles = from.read(c -> rows(c, """
                SELECT id, url, url_key, title, source, published_at, text, origin, content_hash, ingested_at
                FROM articles WHERE id IN""" + in + " ORDER BY id", ids, 10));
        List<Object[]> chunks = from.read(c -> rows(c, """
                SELECT c.id, c.article_id, c.seq, c.text, v.vector FROM chunks c LEFT JOIN vectors v ON v.chunk_id = c.id
                WHERE c.article_id IN""" + in + " ORDER BY c.id", ids, 5));
        to.transaction(c -> {
            new ArticleStore(to).lockArticleWrites(c);
            insert(c, "INSERT INTO articles(id, url, url_key, title, source, published_at, text, origin, content_hash,"
                    + " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles, 10);
            insert(c, "INSERT INTO chunks(id, article_id, seq, text) VALUES (?, ?, ?, ?)", chunks, 4);
            List<Object[]> vectors = new ArrayList<>();
            for (Object[] ch : chunks) if (ch[4] != null) vectors.add(new Object[]{ch[0], ch[4]});
            insert(c, "INSERT INTO vectors(chunk_id, vector) VALUES (?, ?)", vectors, 2);
            ArticleStore.bumpContentVersion(c);
            return null;
        });
        return chunks.size();
    }

    private void copySmallTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("article_aliases", "article_id, alias_id, url, url_key, source, title, published_at, added_at");
        tables.put("sources", "id, location, kind, name, refresh_seconds, added_at, last_fetch_at, last_ok_at, last_error,"
                + " failures, etag, last_modified, configured");
        tables.put("answers_sent", "answer_key, sent_at, chat_id, question, answer, sources");
        tables.put("feedback", "id, at, chat_id, user_id, question, answer, sources, vote, answer_key");
        tables.put("follows", "id, chat_id, topic, created_at, after_seq");
        tables.put("alerts", "chat_id, article_id, topic, state, matched_at, sent_at");
        tables.put("paused_chats", "chat_id, paused_at, reason");
        tables.put("briefings", "chat_id, minute, zone, last_day");
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        for (var t : tables.entrySet()) {
            int n = t.getValue().split(",").length;
            // alerts in the order they were matched, which their seq keeps on PostgreSQL
            rows.put(t.getKey(), from.read(c -> rows(c, "SELECT " + t.getValue() + " FROM " + t.getKey() + " ORDER BY rowid", List.of(), n)));
        }
        String cursor = from.read(c -> meta(c, FollowStore.CURSOR));
        long matched = cursor == null ? 0 : Long.parseLong(cursor);
        List<Object[]> pending = from.read(c -> rows(c, "SELECT seq, article_id FROM article_arrivals WHERE seq > ? ORDER BY seq",
                List.of(matched), 2));
        List<Object[]> meta = from.read(c -> rows(c, "SELECT key, value FROM meta ORDER BY key", List.of(), 2));
        to.transaction(c -> {
            for (var t : tables.entrySet()) {
                String cols = t.getValue();
                String marks = String.join(", ", Arrays.stream(cols.split(",")).map(x -> "?").toList());
                insert(c, "INSERT INTO " + t.getKey() + "(" + cols + ") VALUES (" + marks + ") ON CONFLICT DO NOTHING",
                        rows.get(t.getKey()), cols.split(",").length);
            }
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM article_arrivals"); // the copy's own, from the trigger: these were matched already
            }
            insert(c, "INSERT INTO article_arrivals(seq, article_id) VALUES (?, ?)", pending, 2);
            putMeta(c, FollowStore.CURSOR, String.valueOf(matched));
            List<Object[]> carried = meta.stream().filter(m -> !OWN_META.contains((String) m[0])).toList();
            insert(c, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", carried, 2);
            try (Statement st = c.createStatement()) {
                for (String table : List.of("chunks", "sources", "feedback", "follows")) {
                    st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), GREATEST("
                            + "(SELECT COALESCE(MAX(id), 0) FROM " + table + "), "
                            + "(SELECT last_value FROM " + table + "_id_seq)))");
                }
            }
            return null;
        });
    }

    /** Counts per table in both stores, and {@code sample} random vectors compared byte for byte. */
    public Verification verify(int sample) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String t : TABLES) counts.put(t, new long[]{from.read(c -> count(c, t)), to.read(c -> count(c, t))});
        List<Object[]> picked = from.read(c -> rows(c,
                "SELECT chunk_id, vector FROM vectors ORDER BY random() LIMIT " + Math.max(0, sample), List.of(), 2));
        List<Long> differing = new ArrayList<>();
        to.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM vectors WHERE chunk_id = ?")) {
                for (Object[] p : picked) {
                    long id = ((Number) p[0]).longValue();
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !Arrays.equals((byte[]) p[1], rs.getBytes(1))) differing.add(id);
                    }
                }
            }
            return null;
        });
        return new Verification(counts, picked.size(), differing);
    }

    // ---------------------------------------------------------------- SQL helpers

    private static List<Object[]> rows(Connection c, String sql, List<?> params, int columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) row[i] = rs.getObject(i + 1);
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static void insert(Connection c, String sql, List<Object[]> rows, int columns) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    Object v = row[i];
                    // SQLite hands out Integer or Long for the same INTEGER column; PostgreSQL's are BIGINT or INTEGER
                    if (v instanceof Integer n) ps.setLong(i + 1, n);
                    else ps.setObject(i + 1, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return single(c, "SELECT COUNT(*) FROM " + table);
    }

    private static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
