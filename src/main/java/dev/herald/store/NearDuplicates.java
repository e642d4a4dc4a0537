package dev.herald.store;

import dev.herald.text.Terms;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises the same story published under different URLs (syndicated copies, wire stories): the Jaccard
 * similarity of their 5-word shingle sets. Copies usually differ only in a byline, a dateline or a trailing
 * "Copyright" line, which barely moves the score; two different stories on the same event stay far below.
 * See {@link #same} for the exact rule.
 */
public final class NearDuplicates {

    /** Shingles shared by this fraction of the union (or more) mark the same story. */
    public static final double THRESHOLD = 0.9;
    static final int SHINGLE_WORDS = 5;

    private NearDuplicates() {
    }

    /** Hashes of every run of 5 consecutive words (lower-cased, accents and punctuation removed). */
    public static Set<Long> shingles(String text) {
        List<String> words = Terms.tokens(text);
        Set<Long> out = new HashSet<>();
        if (words.isEmpty()) return out;
        if (words.size() < SHINGLE_WORDS) {
            out.add(hash(words, 0, words.size()));
            return out;
        }
        for (int i = 0; i + SHINGLE_WORDS <= words.size(); i++) out.add(hash(words, i, i + SHINGLE_WORDS));
        return out;
    }

    /** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
    public static double jaccard(Set<Long> a, Set<Long> b) {
        if (a.isEmpty() && b.isEmpty()) return 0;
        Set<Long> small = a.size() <= b.size() ? a : b;
        Set<Long> large = small == a ? b : a;
        int common = 0;
        for (Long h : small) if (large.contains(h)) common++;
        return (double) common / (a.size() + b.size() - common);
    }

    public static double similarity(String a, String b) {
        return jaccard(shingles(a), shingles(b));
    }

    /**
     * True when two shingle sets tell the same story: Jaccard at least {@link #THRESHOLD}, or (for short texts,
     * where a headline and a byline weigh a lot) one set almost wholly inside the other (95 %) with both of similar
     * length (the shorter at least 80 % of the longer), so a brief quoted inside a longer follow-up stays separate.
     */
    public static boolean same(Set<Long> a, Set<Long> b) {
        if (a.isEmpty() || b.isEmpty()) return false;
        if (jaccard(a, b) >= THRESHOLD) return true;
        Set<Long> small = a.size() <= b.size() ? a : b;
        Set<Long> large = small == a ? b : a;
        if (small.size() < 0.8 * large.size()) return false;
        int common = 0;
        for (Long h : small) if (large.contains(h)) common++;
        return common >= 0.95 * small.size();
    }

    /**
     * The words that find candidate copies in the keyword index: the article's most distinctive (longest) ones, to be
     * OR-ed so a copy containing all of them ranks first. Only letters and digits, so they need no quoting.
     */
    static List<String> candidateWords(String text, int maxTerms) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : Terms.tokens(text)) {
            if (w.length() >= 5 && !Terms.STOP_WORDS.contains(w) && w.chars().allMatch(Character::isLetterOrDigit)) {
                words.add(w);
            }
            if (words.size() >= maxTerms * 4) break;
        }
        return words.stream()
                .sorted((x, y) -> Integer.compare(y.length(), x.length()))
                .limit(maxTerms).toList();
    }

    /** An FTS5 query for SQLite's {@code chunks_fts}: any of the words in the body. */
    static String fts5Query(List<String> words) {
        StringBuilder q = new StringBuilder();
        for (String w : words) {
            if (q.length() > 0) q.append(" OR ");
            q.append("body:\"").append(w).append('"');
        }
        return q.toString();
    }

    /** A PostgreSQL {@code to_tsquery} text: any of the words. */
    static String tsQuery(List<String> words) {
        return String.join(" | ", words);
    }


    private static long hash(List<String> words, int from, int to) {
        long h = 1125899906842597L;
        for (int i = from; i < to; i++) {
            String w = words.get(i);
            for (int k = 0; k < w.length(); k++) h = 31 * h + w.charAt(k);
            h = 31 * h + ' ';
        }
        // final avalanche (MurmurHash3 fmix64) so near-identical shingles spread out
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a87e5L;
        h ^= h >>> 33;
        return h;
    }
}
