package dev.herald.store;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.logical.And;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Herald's vectors as a LangChain4j {@link EmbeddingStore}: SQLite holds them, a {@link VectorIndex} searches them.
 *
 * <p>Writes go through {@link ArticleStore}, because a vector belongs to a chunk that belongs to an article and all
 * three change in one transaction; the {@code add} methods here therefore only accept ids of stored chunks.
 *
 * <p>Filters on {@link ChunkMetadata#PUBLISHED_AT} (comparisons and their {@code And}) run inside the index scan;
 * any other filter is applied to an over-fetched candidate list.
 */
public final class SqliteEmbeddingStore implements EmbeddingStore<TextSegment> {

    private static final int OVERFETCH = 10;

    private final ArticleStore articles;
    private final Supplier<VectorIndex> index;

    public SqliteEmbeddingStore(ArticleStore articles, VectorIndex index) {
        this(articles, () -> index);
    }

    /** @param index the index to search, asked on every search (Herald's indexes are rebuilt and swapped) */
    public SqliteEmbeddingStore(ArticleStore articles, Supplier<VectorIndex> index) {
        this.articles = articles;
        this.index = index;
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        long[] range = {Long.MIN_VALUE, Long.MAX_VALUE};
        Filter rest = narrowByDate(request.filter(), range);
        int k = rest == null ? request.maxResults() : request.maxResults() * OVERFETCH;
        List<VectorIndex.Hit> hits = index.get().search(request.queryEmbedding().vector(), k, range[0], range[1]);
        List<Long> ids = new ArrayList<>();
        for (VectorIndex.Hit h : hits) ids.add(h.chunkId());
        Map<Long, StoredChunk> chunks = new HashMap<>();
        for (StoredChunk c : articles.chunks(ids)) chunks.put(c.id(), c);
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        for (VectorIndex.Hit h : hits) {
            StoredChunk c = chunks.get(h.chunkId());
            if (c == null) continue;
            double score = RelevanceScore.fromCosineSimilarity(h.cosine());
            if (score < request.minScore()) continue;
            TextSegment segment = ChunkMetadata.toSegment(c);
            if (rest != null && !rest.test(segment.metadata())) continue;
            matches.add(new EmbeddingMatch<>(score, String.valueOf(c.id()), null, segment));
            if (matches.size() == request.maxResults()) break;
        }
        return new EmbeddingSearchResult<>(matches);
    }

    /** Moves date comparisons into {@code range}; returns what is left to test per match (null when nothing). */
    private static Filter narrowByDate(Filter f, long[] range) {
        if (f == null) return null;
        if (f instanceof And and) {
            Filter l = narrowByDate(and.left(), range);
            Filter r = narrowByDate(and.right(), range);
            if (l == null) return r;
            if (r == null) return l;
            return new And(l, r);
        }
        if (f instanceof IsLessThanOrEqualTo c && isDate(c.key(), c.comparisonValue())) {
            range[1] = Math.min(range[1], ((Number) c.comparisonValue()).longValue());
            return null;
        }
        if (f instanceof IsLessThan c && isDate(c.key(), c.comparisonValue())) {
            range[1] = Math.min(range[1], ((Number) c.comparisonValue()).longValue() - 1);
            return null;
        }
        if (f instanceof IsGreaterThanOrEqualTo c && isDate(c.key(), c.comparisonValue())) {
            range[0] = Math.max(range[0], ((Number) c.comparisonValue()).longValue());
            return null;
        }
        if (f instanceof IsGreaterThan c && isDate(c.key(), c.comparisonValue())) {
            range[0] = Math.max(range[0], ((Number) c.comparisonValue()).longValue() + 1);
            return null;
        }
        return f;
    }

    private static boolean isDate(String key, Object value) {
        return ChunkMetadata.PUBLISHED_AT.equals(key) && value instanceof Number;
    }

    @Override
    public void add(String id, Embedding embedding) {
        long chunkId = parseChunkId(id);
        List<StoredChunk> found = articles.chunks(List.of(chunkId));
        if (found.isEmpty()) throw new IllegalArgumentException("no stored chunk with id " + id);
        StoredChunk c = found.get(0);
        articles.database().transaction(conn -> {
            try (var ps = conn.prepareStatement("INSERT OR REPLACE INTO vectors(chunk_id, vector) VALUES (?, ?)")) {
                ps.setLong(1, chunkId);
                ps.setBytes(2, ArticleStore.toBytes(embedding.vector()));
                ps.executeUpdate();
            }
            // a write past ArticleStore's events: the version tells every process's indexes to rebuild
            ArticleStore.bumpContentVersion(conn);
            return null;
        });
        Long published = c.article().publishedAt() == null ? null : c.article().publishedAt().getEpochSecond();
        index.get().add(chunkId, embedding.vector(), c.article().id(), published);
    }

    @Override
    public String add(Embedding embedding) {
        throw unsupported();
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        throw unsupported();
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        throw unsupported();
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        for (int i = 0; i < ids.size(); i++) add(ids.get(i), embeddings.get(i));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        List<Long> chunkIds = ids.stream().map(SqliteEmbeddingStore::parseChunkId).toList();
        articles.database().transaction(conn -> {
            try (var ps = conn.prepareStatement("DELETE FROM vectors WHERE chunk_id = ?")) {
                for (long id : chunkIds) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            ArticleStore.bumpContentVersion(conn);
            return null;
        });
        chunkIds.forEach(index.get()::remove);
    }

    private static long parseChunkId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("embedding ids in Herald's store are chunk ids (numbers), got '" + id + "'");
        }
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(
                "Herald stores a vector together with its article and chunk: use ArticleStore.storeAll");
    }
}
