package dev.herald.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;

import java.util.Map;

/**
 * A chunk's terms already counted (Herald tokenises with {@code Terms.tokens}, as its questions are): each distinct
 * term once with its weighted frequency, and a final position increment that makes the stream's length the chunk's
 * token count, stop words included, which {@link Fts5Similarity#computeNorm} stores.
 */
final class WeightedTokens extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final String[] terms;
    private final int[] frequencies;
    private final int length;
    private int next;

    WeightedTokens(Map<String, Integer> frequencies, int length) {
        this.terms = frequencies.keySet().toArray(String[]::new);
        this.frequencies = frequencies.values().stream().mapToInt(Integer::intValue).toArray();
        this.length = length;
    }

    @Override
    public boolean incrementToken() {
        if (next == terms.length) return false;
        clearAttributes();
        term.append(terms[next]);
        frequency.setTermFrequency(frequencies[next]);
        increment.setPositionIncrement(1);
        next++;
        return true;
    }

    @Override
    public void end() throws java.io.IOException {
        super.end();
        increment.setPositionIncrement(Math.max(0, length - terms.length));
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        next = 0;
    }
}
