package dev.herald.index;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;

/**
 * BM25 as SQLite FTS5 ranks (and {@link KeywordIndex} ranked in memory), for Lucene: FTS5's idf
 * {@code ln((N - n + 0.5) / (n + 0.5))} (at least 1e-6) where Lucene's {@code BM25Similarity} adds 1 inside the log,
 * b 0.75, Herald's k1, and a chunk's exact length in tokens (stop words included) as its norm, where BM25Similarity
 * keeps a one-byte approximation. Both keep the keyword ranking the README's retrieval figures were measured
 * with, so moving the index into Lucene changes where it lives, not what it finds.
 *
 * <p>Term frequencies arrive multiplied by {@link #FREQUENCY_SCALE} ({@link WeightedTokens}), so a title occurrence
 * can count a fraction of a body occurrence; the chunk's length comes from the token stream's final position.
 */
final class Fts5Similarity extends Similarity {

    /** Frequencies are indexed as integers in hundredths: a title word at weight 0.5 counts 50. */
    static final int FREQUENCY_SCALE = 100;
    private static final double B = 0.75;

    private final double k1;
    private final double averageLength;

    Fts5Similarity(double k1, double averageLength) {
        if (k1 <= 0) throw new IllegalArgumentException("k1 must be > 0, got " + k1);
        this.k1 = k1;
        this.averageLength = averageLength;
    }

    @Override
    public long computeNorm(FieldInvertState state) {
        return Math.max(1, state.getPosition() + 1);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collection, TermStatistics... terms) {
        double idf = 0;
        for (TermStatistics t : terms) idf += idf(t.docFreq(), collection.maxDoc());
        double weight = boost * idf;
        return new SimScorer() {
            @Override
            public float score(float freq, long norm) {
                double tf = freq / FREQUENCY_SCALE;
                return (float) (weight * tf * (k1 + 1) / (tf + k1 * (1 - B + B * norm / averageLength)));
            }
        };
    }

    static double idf(long documentsWithTerm, long documents) {
        double idf = Math.log((documents - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }
}
