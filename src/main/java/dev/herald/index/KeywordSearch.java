package dev.herald.index;

import java.util.List;

/** BM25 keyword search over stored chunks, limited to a publication-date range. */
public interface KeywordSearch {

    /**
     * One hit: the chunk, its article and when that was published (epoch seconds, null if undated), and its BM25 score
     * (higher is better).
     */
    record Hit(long chunkId, String articleId, Long publishedEpochSecond, double score) {
    }

    /**
     * Chunks matching any of the terms, best first, from articles published within [notBefore, notAfter] (epoch
     * seconds, inclusive) or undated.
     *
     * @param terms plain lower-case words, matched literally (no query syntax)
     */
    List<Hit> search(List<String> terms, int limit, long notBefore, long notAfter);
}
