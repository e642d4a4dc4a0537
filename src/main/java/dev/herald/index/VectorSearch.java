package dev.herald.index;

import java.util.List;

/** Cosine similarity search over chunk vectors, limited to a publication-date range and the newest chunks. */
public interface VectorSearch {

    /**
     * One hit: the chunk, its article and when that was published (epoch seconds, null if undated), and its cosine
     * similarity to the query.
     */
    record Hit(long chunkId, String articleId, Long publishedEpochSecond, double cosine) {
    }

    /**
     * The {@code k} chunks most similar to the query among those published within [notBefore, notAfter] (epoch
     * seconds, inclusive) or undated, looking only at the {@code budget} newest chunks published by {@code notAfter}
     * (plus undated ones); 0 means all.
     */
    List<Hit> search(float[] query, int k, long notBefore, long notAfter, int budget);

    /** Chunks indexed. */
    int size();

    /** Cosine similarity of the query to one stored chunk, or NaN when the chunk is not indexed. */
    double similarity(float[] query, long chunkId);
}
