package dev.herald.index;

import java.util.List;

/**
 * Keyword search plus what spelling, language detection and the answerer ask of the vocabulary: how many chunks hold
 * a term, terms near a misspelt word, and whether two terms occur together.
 */
public interface TextIndex extends KeywordSearch {

    /** In how many chunks the (lower-case) term occurs. */
    int documentFrequency(String term);

    /** A vocabulary term near a word, with the number of chunks it occurs in. */
    record Near(String term, int distance, int documentFrequency) {
    }

    /**
     * Indexed terms within {@code maxDistance} edits of the word ({@link dev.herald.text.EditDistance}), each occurring
     * in at least {@code minFrequency} chunks.
     */
    List<Near> near(String word, int maxDistance, int minFrequency);

    /** Whether some chunk contains both terms (what a spelling correction must share with the rest of a question). */
    boolean together(String a, String b);

    /** Chunks indexed. */
    int chunkCount();

    /** Inverse document frequency, BM25 style, never negative. */
    default double idf(String term) {
        int n = Math.max(1, chunkCount());
        int df = documentFrequency(term);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}
