package dev.herald.retrieval;

import java.util.List;
import java.util.Map;

/**
 * Chunks found for a query, best first, with the query's terms and vector (answerers reuse them) and the time each
 * stage took in nanoseconds (keys: embed, keyword, vector, fuse).
 */
public record SearchResult(List<RetrievedChunk> chunks, List<String> terms, float[] queryVector,
                           Map<String, Long> stageNanos) {
    public SearchResult {
        chunks = List.copyOf(chunks);
        terms = List.copyOf(terms);
        stageNanos = Map.copyOf(stageNanos);
    }
}
