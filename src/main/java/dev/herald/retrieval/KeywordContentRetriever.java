package dev.herald.retrieval;

import dev.herald.store.ArticleStore;
import dev.herald.index.KeywordSearch;
import dev.herald.article.StoredChunk;
import dev.herald.text.Terms;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** BM25 keyword search alone, as a LangChain4j {@link ContentRetriever} (the keyword-only baseline uses it). */
public final class KeywordContentRetriever implements ContentRetriever {

    private final KeywordSearch index;
    private final ArticleStore store;
    private final int maxResults;
    private final Supplier<Instant> asOf;

    public KeywordContentRetriever(KeywordSearch index, ArticleStore store, int maxResults, Supplier<Instant> asOf) {
        this.index = index;
        this.store = store;
        this.maxResults = maxResults;
        this.asOf = asOf;
    }

    @Override
    public List<Content> retrieve(Query query) {
        List<KeywordSearch.Hit> hits = index.search(Terms.contentWords(query.text()), maxResults, Long.MIN_VALUE,
                asOf.get().getEpochSecond());
        List<Long> ids = new ArrayList<>();
        Map<Long, Double> scores = new HashMap<>();
        for (KeywordSearch.Hit h : hits) {
            ids.add(h.chunkId());
            scores.put(h.chunkId(), h.score());
        }
        List<Content> out = new ArrayList<>();
        for (StoredChunk c : store.chunks(ids)) {
            out.add(Content.from(ChunkMetadata.toSegment(c), Map.of(ContentMetadata.SCORE, scores.get(c.id()))));
        }
        return out;
    }
}
