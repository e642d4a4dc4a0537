package dev.herald.retrieval;

import dev.herald.store.ChunkMetadata;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Herald's hybrid search as a LangChain4j {@link ContentRetriever}, so it plugs into a {@code RetrievalAugmentor}.
 * Each {@link Content} carries the chunk's article metadata ({@link ChunkMetadata}) for citing.
 */
public final class HybridContentRetriever implements ContentRetriever {

    private final HybridRetriever retriever;
    private final Supplier<Instant> asOf;

    /** @param asOf when the question is asked; usually {@code Instant::now}, a fixed date for evaluation */
    public HybridContentRetriever(HybridRetriever retriever, Supplier<Instant> asOf) {
        this.retriever = retriever;
        this.asOf = asOf;
    }

    @Override
    public List<Content> retrieve(Query query) {
        SearchResult result = retriever.search(SearchQuery.of(query.text(), asOf.get()));
        return toContents(result.chunks());
    }

    public static List<Content> toContents(List<RetrievedChunk> chunks) {
        List<Content> out = new ArrayList<>(chunks.size());
        for (RetrievedChunk r : chunks) {
            out.add(Content.from(ChunkMetadata.toSegment(r.chunk()), Map.of(ContentMetadata.SCORE, r.score())));
        }
        return out;
    }
}
