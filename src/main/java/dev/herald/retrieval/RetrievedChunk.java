package dev.herald.retrieval;

import dev.herald.article.ArticleRef;
import dev.herald.article.StoredChunk;

/**
 * A chunk found for a query, with how it was found.
 *
 * @param score       fused score (higher is better); comparable only within one search
 * @param keywordRank 1-based rank in the keyword list, 0 when the keyword side did not return it
 * @param vectorRank  1-based rank in the vector list, 0 when the vector side did not return it
 * @param cosine      cosine similarity between the query and the chunk (computed for every result)
 */
public record RetrievedChunk(StoredChunk chunk, double score, int keywordRank, int vectorRank, double cosine) {

    public ArticleRef article() {
        return chunk.article();
    }

    public String text() {
        return chunk.text();
    }
}
