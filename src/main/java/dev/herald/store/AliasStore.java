package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.article.ArticleRef;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Syndicated copies: the same story published by several outlets is stored and indexed once, and every other
 * outlet's copy is recorded here as an alias of it, so answers cite it under each outlet without quoting one passage
 * twice. Removing the stored article removes its aliases with it (a cascading foreign key).
 */
public final class AliasStore {

    private final Database db;

    public AliasStore(Database db) {
        this.db = db;
    }

    /**
     * The stored article that tells the same story as {@code a} under another id and URL (a syndicated copy:
     * see {@link NearDuplicates#same}), if any. Candidates come from
     * the keyword index, so only a handful of texts are compared.
     */
    public Optional<String> nearDuplicate(Article a) {
        List<String> words = NearDuplicates.candidateWords(a.text(), 12);
        if (words.isEmpty()) return Optional.empty();
        Set<Long> mine = NearDuplicates.shingles(a.text());
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        return db.read(c -> {
            List<String> candidates = new ArrayList<>();
            // the same candidates from each database's keyword index: FTS5's bm25 on SQLite, the chunks' tsvector
            // ranked by ts_rank on PostgreSQL (any of the words, the chunks holding more of them first)
            try (PreparedStatement ps = c.prepareStatement(sqlite ? """
                    SELECT c.article_id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid
                    WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts) LIMIT 40""" : """
                    SELECT c.article_id FROM chunks c, to_tsquery('simple', ?) q
                    WHERE c.words @@ q ORDER BY ts_rank(c.words, q) DESC, c.id LIMIT 40""")) {
                ps.setString(1, sqlite ? NearDuplicates.fts5Query(words) : NearDuplicates.tsQuery(words));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (!candidates.contains(id) && !id.equals(a.id())) candidates.add(id);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT text FROM articles WHERE id = ?")) {
                for (String id : candidates.subList(0, Math.min(8, candidates.size()))) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && NearDuplicates.same(mine, NearDuplicates.shingles(rs.getString(1)))) {
                            return Optional.of(id);
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Records {@code copy} as another outlet's version of the stored article {@code articleId}: it is not indexed
     * again (so answers never quote the same passage twice) but stays citable through {@link #aliases}. Returns
     * false when this copy was already recorded with the same title and date (nothing changed).
     */
    public boolean add(String articleId, Article copy) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT title, published_at FROM article_aliases WHERE article_id = ? AND alias_id = ?")) {
                ps.setString(1, articleId);
                ps.setString(2, copy.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long pub = rs.getLong(2);
                        Long stored = rs.wasNull() ? null : pub;
                        Long incoming = copy.publishedAt() == null ? null : copy.publishedAt().getEpochSecond();
                        if (copy.title().equals(rs.getString(1)) && java.util.Objects.equals(stored, incoming)) {
                            return false;
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO article_aliases(article_id, alias_id, url, url_key, source, title,
                      published_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(article_id, alias_id) DO UPDATE SET url = excluded.url, url_key = excluded.url_key,
                      source = excluded.source, title = excluded.title, published_at = excluded.published_at,
                      added_at = excluded.added_at""")) {
                ps.setString(1, articleId);
                ps.setString(2, copy.id());
                ps.setString(3, copy.url());
                ps.setString(4, copy.url() == null ? null : Article.normalizeUrl(copy.url()));
                ps.setString(5, copy.source());
                ps.setString(6, copy.title());
                SqlColumns.setInstant(ps, 7, copy.publishedAt());
                ps.setLong(8, Instant.now().getEpochSecond());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** The other outlets that published the stored article {@code articleId} (oldest first), for "also reported by". */
    public List<ArticleRef> aliases(String articleId) {
        return db.read(c -> {
            List<ArticleRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT alias_id, title, source, url, published_at FROM article_aliases WHERE article_id = ?
                    ORDER BY published_at IS NULL, published_at, source""")) {
                ps.setString(1, articleId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant published = SqlColumns.instant(rs, 5);
                        out.add(new ArticleRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                published));
                    }
                }
            }
            return out;
        });
    }

    /** The stored article that {@code aliasIdOrUrl} (an alias id or its URL) was recorded as a copy of, if any. */
    public Optional<String> target(String aliasIdOrUrl) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT article_id FROM article_aliases WHERE alias_id = ? OR url_key = ? LIMIT 1")) {
                ps.setString(1, aliasIdOrUrl);
                ps.setString(2, Article.normalizeUrl(aliasIdOrUrl));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
