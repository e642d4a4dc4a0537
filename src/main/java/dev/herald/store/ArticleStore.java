package dev.herald.store;

import dev.herald.article.ArticleChunks;
import dev.herald.article.StoredChunk;
import dev.herald.article.ArticleRef;
import dev.herald.article.Article;
import dev.herald.article.Chunk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Articles, their chunks, vectors and keyword index rows (FTS5's on SQLite; on PostgreSQL a generated column).
 *
 * <p>Every change to an article (store, replace, remove) is one transaction over all four tables, so an interrupted
 * ingest leaves each article either wholly old or wholly new, never half-written. On PostgreSQL each such
 * transaction first takes the advisory lock {@link #ARTICLE_WRITES}: the change log's seqs come from a sequence,
 * handed out before commit, and without the lock a writer committing after a later-numbered one could let a reader
 * that polls {@code seq > last} skip its row for good. With it, article writers (in every instance) commit one
 * after another, in seq order. SQLite has one writer at a time anyway.
 */
public final class ArticleStore {

    /** How an incoming article relates to what is stored. */
    public enum Status { NEW, CHANGED, UNCHANGED }

    /** Result of looking an article up: its status, and the stored id it maps to (for CHANGED/UNCHANGED). */
    public record Match(Status status, String storedId) {
    }

    /** One outlet: how many articles and the date range they span (dates may be null). */
    public record SourceSummary(String source, int articles, Instant first, Instant last) {
    }

    /** The advisory lock key every PostgreSQL transaction that writes articles holds until it commits. */
    static final long ARTICLE_WRITES = 0x4865_7261_6c64_0001L; // "Herald" + 1

    private final Database db;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    // Held while listeners are told about a commit, and while new listeners catch up: see replayAndFollow.
    private final Object notifying = new Object();

    public ArticleStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    public void addListener(StoreListener l) {
        listeners.add(l);
    }

    public void removeListener(StoreListener l) {
        listeners.remove(l);
    }

    /**
     * Reports everything stored to the listeners ({@link #replayTo}) and from then on every committed change, with
     * nothing missed or reported out of order even while others write: a writer's notification waits until the
     * replay is done. A change committed before the replay's snapshot may also be reported after it, which listeners
     * must (and the indexes do) treat as a repeat.
     */
    public void replayAndFollow(StoreListener... targets) {
        synchronized (notifying) {
            replayTo(targets);
            for (StoreListener t : targets) addListener(t);
        }
    }

    private void tellListeners(List<Runnable> notifications) {
        synchronized (notifying) {
            notifications.forEach(Runnable::run);
        }
    }

    /**
     * Finds how an incoming article relates to the stored ones: the same id or URL is the same article (changed if
     * its content hash differs); without a URL, an article with identical content is the same article.
     */
    public Match match(Article a) {
        return db.read(c -> match(c, a));
    }

    private static Match match(Connection c, Article a) throws SQLException {
        String hash = a.contentHash();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, content_hash FROM articles WHERE id = ? OR (url_key IS NOT NULL AND url_key = ?) LIMIT 1")) {
            ps.setString(1, a.id());
            ps.setString(2, a.url() == null ? null : Article.normalizeUrl(a.url()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Match(hash.equals(rs.getString(2)) ? Status.UNCHANGED : Status.CHANGED, rs.getString(1));
                }
            }
        }
        if (a.url() == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM articles WHERE content_hash = ? LIMIT 1")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return new Match(Status.UNCHANGED, rs.getString(1));
                }
            }
        }
        return new Match(Status.NEW, null);
    }

    /** Content hash of every stored article by id: lets a resumed ingest skip finished work without a query each. */
    public Map<String, String> contentHashes() {
        return db.read(c -> {
            Map<String, String> out = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, content_hash FROM articles")) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    /**
     * Stores each article with its chunks and vectors, replacing any stored version (matched by id or URL), all in
     * one transaction. Returns the status each article had before.
     */
    public List<Status> storeAll(List<PreparedArticle> batch) {
        List<Runnable> notifications = new ArrayList<>();
        List<Status> statuses = db.transaction(c -> {
            notifications.clear(); // a transaction retried after a lost connection starts afresh
            lockArticleWrites(c);
            List<Status> out = new ArrayList<>();
            for (PreparedArticle p : batch) out.add(store(c, p, notifications));
            if (!notifications.isEmpty()) {
                long version = bumpContentVersion(c);
                notifications.add(() -> listeners.forEach(l -> l.committed(version)));
            }
            return out;
        });
        tellListeners(notifications);
        return statuses;
    }

    private Status store(Connection c, PreparedArticle p, List<Runnable> notifications) throws SQLException {
        Article a = p.article();
        Match m = match(c, a);
        if (m.status() == Status.UNCHANGED) return Status.UNCHANGED;
        if (m.status() == Status.CHANGED) {
            long[] old = delete(c, m.storedId());
            String oldId = m.storedId();
            notifications.add(() -> listeners.forEach(l -> l.articleRemoved(oldId, old)));
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO articles(id, url, url_key, title, source, published_at, text, origin, content_hash, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, a.id());
            ps.setString(2, a.url());
            ps.setString(3, a.url() == null ? null : Article.normalizeUrl(a.url()));
            ps.setString(4, a.title());
            ps.setString(5, a.source());
            SqlColumns.setInstant(ps, 6, a.publishedAt());
            ps.setString(7, a.text());
            ps.setString(8, a.origin());
            ps.setString(9, a.contentHash());
            ps.setLong(10, Instant.now().getEpochSecond());
            ps.executeUpdate();
        }
        long[] ids = new long[p.chunks().size()];
        String[] texts = new String[ids.length];
        float[][] vectors = new float[ids.length][];
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        String insertChunk = "INSERT INTO chunks(article_id, seq, text) VALUES (?, ?, ?)";
        try (PreparedStatement chunk = sqlite ? c.prepareStatement(insertChunk, Statement.RETURN_GENERATED_KEYS)
                : c.prepareStatement(insertChunk, new String[]{"id"});
             PreparedStatement vec = c.prepareStatement("INSERT INTO vectors(chunk_id, vector) VALUES (?, ?)");
             // PostgreSQL indexes the words itself (a generated column): only SQLite has FTS5 rows to write
             PreparedStatement fts = sqlite ? c.prepareStatement("INSERT INTO chunks_fts(rowid, title, body) VALUES (?, ?, ?)") : null) {
            for (int i = 0; i < ids.length; i++) {
                Chunk ch = p.chunks().get(i);
                chunk.setString(1, a.id());
                chunk.setInt(2, ch.seq());
                chunk.setString(3, ch.text());
                chunk.executeUpdate();
                try (ResultSet keys = chunk.getGeneratedKeys()) {
                    keys.next();
                    ids[i] = keys.getLong(1);
                }
                texts[i] = ch.text();
                vectors[i] = p.vectors().get(i);
                vec.setLong(1, ids[i]);
                vec.setBytes(2, toBytes(vectors[i]));
                vec.executeUpdate();
                if (fts != null) {
                    fts.setLong(1, ids[i]);
                    fts.setString(2, a.title());
                    fts.setString(3, ch.text());
                    fts.executeUpdate();
                }
            }
        }
        Long published = a.publishedAt() == null ? null : a.publishedAt().getEpochSecond();
        ArticleChunks stored = new ArticleChunks(a.id(), a.title(), published, ids, texts, vectors);
        notifications.add(() -> listeners.forEach(l -> l.articleStored(stored)));
        return m.status();
    }

    /** Removes an article by id or URL. Returns false when nothing matched. */
    public boolean remove(String idOrUrl) {
        List<Runnable> notifications = new ArrayList<>();
        boolean removed = db.transaction(c -> {
            notifications.clear();
            lockArticleWrites(c);
            String id = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM articles WHERE id = ? OR url_key = ?")) {
                ps.setString(1, idOrUrl);
                ps.setString(2, Article.normalizeUrl(idOrUrl));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) id = rs.getString(1);
                }
            }
            if (id == null) return false;
            long[] old = delete(c, id);
            String removedId = id;
            notifications.add(() -> listeners.forEach(l -> l.articleRemoved(removedId, old)));
            long version = bumpContentVersion(c);
            notifications.add(() -> listeners.forEach(l -> l.committed(version)));
            return true;
        });
        tellListeners(notifications);
        return removed;
    }

    /** On PostgreSQL: waits for, then holds until commit, the lock that orders article writers ({@link #ARTICLE_WRITES}). */
    void lockArticleWrites(Connection c) throws SQLException {
        if (db.dialect() != Dialect.POSTGRESQL) return;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, ARTICLE_WRITES);
            ps.executeQuery().close();
        }
    }

    /**
     * A number every transaction that changes articles or chunks raises by one, whichever process it runs in: a process
     * whose in-memory indexes followed its own changes can tell from it that another one (a command-line reload
     * beside the bot) changed the database too.
     */
    public long contentVersion() {
        return db.read(ArticleStore::contentVersion);
    }

    private static long contentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'content_version'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    /** Raises the content version inside the caller's write transaction; returns the new version. */
    static long bumpContentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO meta(key, value) VALUES ('content_version', '1')
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)""");
        }
        return contentVersion(c);
    }

    private long[] delete(Connection c, String articleId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chunks WHERE article_id = ?")) {
            ps.setString(1, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        if (db.dialect() == Dialect.SQLITE) {
            try (PreparedStatement fts = c.prepareStatement("DELETE FROM chunks_fts WHERE rowid = ?")) {
                for (long id : ids) {
                    fts.setLong(1, id);
                    fts.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM articles WHERE id = ?")) {
            ps.setString(1, articleId);
            ps.executeUpdate(); // chunks and vectors follow by ON DELETE CASCADE
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    public Optional<Article> article(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title, source, url, published_at, text, origin FROM articles WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    Instant published = SqlColumns.instant(rs, 5);
                    return Optional.of(new Article(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            published, rs.getString(6), rs.getString(7)));
                }
            }
        });
    }

    /** One article's chunks with their texts and vectors, in order; empty when the article is not stored. */
    public Optional<ArticleChunks> articleChunks(String articleId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.title, a.published_at, c.id, c.text, v.vector
                    FROM articles a JOIN chunks c ON c.article_id = a.id JOIN vectors v ON v.chunk_id = c.id
                    WHERE a.id = ? ORDER BY c.seq""")) {
                ps.setString(1, articleId);
                try (ResultSet rs = ps.executeQuery()) {
                    String title = null;
                    Long published = null;
                    List<Long> ids = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    List<float[]> vectors = new ArrayList<>();
                    while (rs.next()) {
                        title = rs.getString(1);
                        long pub = rs.getLong(2);
                        published = rs.wasNull() ? null : pub;
                        ids.add(rs.getLong(3));
                        texts.add(rs.getString(4));
                        vectors.add(fromBytes(rs.getBytes(5)));
                    }
                    if (ids.isEmpty()) return Optional.empty();
                    return Optional.of(new ArticleChunks(articleId, title, published,
                            ids.stream().mapToLong(Long::longValue).toArray(), texts.toArray(String[]::new),
                            vectors.toArray(float[][]::new)));
                }
            }
        });
    }

    /** Every stored chunk's id, ascending. */
    public List<Long> chunkIds() {
        return db.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM chunks ORDER BY id")) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        });
    }

    /** A chunk with its article's reference; {@link #storedChunk} reads a row of it. */
    private static final String CHUNK_WITH_ARTICLE = """
            SELECT c.id, c.seq, c.text, a.id, a.title, a.source, a.url, a.published_at
            FROM chunks c JOIN articles a ON a.id = c.article_id""";

    private static StoredChunk storedChunk(ResultSet rs) throws SQLException {
        ArticleRef ref = new ArticleRef(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                SqlColumns.instant(rs, 8));
        return new StoredChunk(rs.getLong(1), rs.getInt(2), rs.getString(3), ref);
    }

    /** A place in an article: its id and a chunk's 0-based position. */
    public record Position(String articleId, int seq) {
    }

    /** The chunks stored at these places, in one query; places with no chunk are left out. */
    public Map<Position, StoredChunk> chunksAt(List<Position> positions) {
        if (positions.isEmpty()) return Map.of();
        return db.read(c -> {
            StringBuilder sql = new StringBuilder(CHUNK_WITH_ARTICLE).append(" WHERE ");
            for (int i = 0; i < positions.size(); i++) sql.append(i == 0 ? "" : " OR ").append("(c.article_id = ? AND c.seq = ?)");
            Map<Position, StoredChunk> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < positions.size(); i++) {
                    ps.setString(2 * i + 1, positions.get(i).articleId());
                    ps.setInt(2 * i + 2, positions.get(i).seq());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredChunk chunk = storedChunk(rs);
                        found.put(new Position(chunk.article().id(), chunk.seq()), chunk);
                    }
                }
            }
            return found;
        });
    }

    /** The chunks with these ids, in the order given (unknown ids are left out). */
    public List<StoredChunk> chunks(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(c -> {
            Map<Long, StoredChunk> found = new HashMap<>();
            StringBuilder sql = new StringBuilder(CHUNK_WITH_ARTICLE).append(" WHERE c.id IN (");
            for (int i = 0; i < ids.size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(")");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < ids.size(); i++) ps.setLong(i + 1, ids.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredChunk chunk = storedChunk(rs);
                        found.put(chunk.id(), chunk);
                    }
                }
            }
            List<StoredChunk> out = new ArrayList<>();
            for (Long id : ids) if (found.containsKey(id)) out.add(found.get(id));
            return out;
        });
    }

    /**
     * Reports every stored article to the listeners as if it had just been stored, in one pass over one snapshot of
     * the database. To keep an index in step afterwards, use {@link #replayAndFollow}.
     */
    public void replayTo(StoreListener... targets) {
        db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT a.id, a.title, a.published_at, c.id, c.text, v.vector
                    FROM chunks c JOIN articles a ON a.id = c.article_id JOIN vectors v ON v.chunk_id = c.id
                    ORDER BY c.article_id, c.id""")) {
                String current = null;
                String title = null;
                Long published = null;
                List<Long> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                while (true) {
                    boolean more = rs.next();
                    String articleId = more ? rs.getString(1) : null;
                    if (current != null && (!more || !current.equals(articleId))) {
                        ArticleChunks batch = new ArticleChunks(current, title, published,
                                ids.stream().mapToLong(Long::longValue).toArray(), texts.toArray(String[]::new),
                                vectors.toArray(float[][]::new));
                        for (StoreListener t : targets) t.articleStored(batch);
                        ids.clear();
                        texts.clear();
                        vectors.clear();
                    }
                    if (!more) break;
                    if (!articleId.equals(current)) {
                        current = articleId;
                        title = rs.getString(2);
                        long pub = rs.getLong(3);
                        published = rs.wasNull() ? null : pub;
                    }
                    ids.add(rs.getLong(4));
                    texts.add(rs.getString(5));
                    vectors.add(fromBytes(rs.getBytes(6)));
                }
            }
            return null;
        });
    }

    public int articleCount() {
        return count("SELECT COUNT(*) FROM articles");
    }

    /**
     * Whether any article was ever stored here, removed ones included (the change log keeps every one): an empty
     * store that once held articles was emptied by its admin, and is not the fresh one the samples stand in for.
     */
    public boolean everStored() {
        return count("SELECT COUNT(*) FROM (SELECT 1 FROM content_changes LIMIT 1) AS any_change") > 0;
    }

    public int chunkCount() {
        return count("SELECT COUNT(*) FROM chunks");
    }

    /** Dated articles published at or before {@code asOf}: what an answer as of that moment can see. */
    public int publishedBy(Instant asOf) {
        return count("SELECT COUNT(*) FROM articles WHERE published_at <= " + asOf.getEpochSecond());
    }

    /** Publication times of the dated articles, oldest first (the evaluation's "before the archive" date). */
    public List<Instant> publicationTimes() {
        return db.read(c -> {
            List<Instant> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT published_at FROM articles WHERE published_at IS NOT NULL ORDER BY published_at")) {
                while (rs.next()) out.add(Instant.ofEpochSecond(rs.getLong(1)));
            }
            return out;
        });
    }

    private int count(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Outlets with article counts and date ranges, largest first. */
    public List<SourceSummary> sources() {
        return db.read(c -> {
            List<SourceSummary> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT source, COUNT(*), MIN(published_at), MAX(published_at) FROM articles
                    GROUP BY source ORDER BY COUNT(*) DESC, source""")) {
                while (rs.next()) {
                    Instant first = SqlColumns.instant(rs, 3);
                    Instant last = SqlColumns.instant(rs, 4);
                    out.add(new SourceSummary(rs.getString(1), rs.getInt(2), first, last));
                }
            }
            return out;
        });
    }

    /** The newest articles (by publication date, undated last), at most {@code limit}, published at or before asOf. */
    public List<ArticleRef> latest(int limit, Instant asOf) {
        return db.read(c -> {
            List<ArticleRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, title, source, url, published_at FROM articles
                    WHERE published_at IS NULL OR published_at <= ?
                    ORDER BY published_at IS NULL, published_at DESC, title LIMIT ?""")) {
                ps.setLong(1, asOf.getEpochSecond());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant published = SqlColumns.instant(rs, 5);
                        out.add(new ArticleRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), published));
                    }
                }
            }
            return out;
        });
    }

    /** Records where a stored article now comes from (its text is unchanged): a file, say, instead of the samples. */
    public void adopt(String id, String origin) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE articles SET origin = ? WHERE id = ?")) {
                ps.setString(1, origin);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Articles by origin prefix (e.g. a folder that is reloaded), id to origin. */
    public Map<String, String> originsUnder(String prefix) {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, origin FROM articles WHERE substr(origin, 1, ?) = ?")) {
                ps.setInt(1, prefix.length());
                ps.setString(2, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) v[i] = b.getFloat();
        return v;
    }
}
