package dev.herald.eval;

import dev.herald.index.KeywordSearch;
import dev.herald.store.ArticleStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.herald.retrieval.KeywordContentRetriever;
import dev.herald.article.ArticleChunks;
import dev.herald.retrieval.ChunkMetadata;
import dev.herald.store.StoreListener;
import dev.herald.article.StoredChunk;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * Retrieval baselines over exactly Herald's stored chunks and vectors, so only the retrieval method differs.
 */
public final class Baselines {

    private static final int BATCH = 1000;

    private Baselines() {
    }

    /** A baseline: a name, a description for the report, and a retriever as of a moment. */
    public interface Baseline {
        String name();

        String description();

        /** Article ids of the retrieved chunks, best first. */
        List<String> articleIds(String question, Instant asOf);
    }

    /**
     * The standard LangChain4j setup: every stored vector and segment copied into an {@link InMemoryEmbeddingStore}
     * and searched densely by an {@link EmbeddingStoreContentRetriever}, here filtered to chunks published by the
     * as-of moment (the typical setup has no date filter at all). Undated chunks are dropped by that filter, whereas
     * Herald keeps them.
     */
    public static Baseline langChain4jStandard(ArticleStore articles, EmbeddingModel model, int maxResults) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<Long> ids = new ArrayList<>(BATCH);
        List<float[]> vectors = new ArrayList<>(BATCH);
        Runnable flush = () -> {
            if (ids.isEmpty()) return;
            List<StoredChunk> chunks = articles.chunks(ids);
            List<String> keys = new ArrayList<>(chunks.size());
            List<Embedding> embeddings = new ArrayList<>(chunks.size());
            List<TextSegment> segments = new ArrayList<>(chunks.size());
            // chunks() returns the given order, leaving out unknown ids: match by id
            java.util.Map<Long, float[]> byId = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) byId.put(ids.get(i), vectors.get(i));
            for (StoredChunk c : chunks) {
                keys.add(Long.toString(c.id()));
                embeddings.add(Embedding.from(byId.get(c.id())));
                segments.add(ChunkMetadata.toSegment(c));
            }
            store.addAll(keys, embeddings, segments);
            ids.clear();
            vectors.clear();
        };
        articles.replayTo(new StoreListener() {
            @Override
            public void articleStored(ArticleChunks stored) {
                for (int i = 0; i < stored.size(); i++) {
                    ids.add(stored.chunkIds()[i]);
                    vectors.add(stored.vectors()[i]);
                    if (ids.size() >= BATCH) flush.run();
                }
            }

            @Override
            public void articleRemoved(String articleId, long[] chunkIds) {
            }
        });
        flush.run();
        return new Baseline() {
            @Override
            public String name() {
                return "langchain4j-standard";
            }

            @Override
            public String description() {
                return "LangChain4j InMemoryEmbeddingStore + EmbeddingStoreContentRetriever, dense only, maxResults "
                        + maxResults + ", filter published_at <= as-of (the typical setup has no date filter)";
            }

            @Override
            public List<String> articleIds(String question, Instant asOf) {
                ContentRetriever r = EmbeddingStoreContentRetriever.builder()
                        .embeddingStore(store)
                        .embeddingModel(model)
                        .maxResults(maxResults)
                        .filter(metadataKey(ChunkMetadata.PUBLISHED_AT).isLessThanOrEqualTo(asOf.getEpochSecond()))
                        .build();
                return articles(r.retrieve(Query.from(question)));
            }
        };
    }

    /** BM25 alone over Herald's keyword index, as of the question's moment. */
    public static Baseline bm25(KeywordSearch fts5, ArticleStore articles, int maxResults) {
        return new Baseline() {
            @Override
            public String name() {
                return "bm25-only";
            }

            @Override
            public String description() {
                return "BM25 keyword search alone (SQLite FTS5 over the same chunks, KeywordContentRetriever), maxResults "
                        + maxResults + ", as of the question date";
            }

            @Override
            public List<String> articleIds(String question, Instant asOf) {
                return articles(new KeywordContentRetriever(fts5, articles, maxResults, () -> asOf)
                        .retrieve(Query.from(question)));
            }
        };
    }

    static List<String> articles(List<Content> contents) {
        List<String> out = new ArrayList<>(contents.size());
        for (Content c : contents) out.add(c.textSegment().metadata().getString(ChunkMetadata.ARTICLE_ID));
        return out;
    }
}
