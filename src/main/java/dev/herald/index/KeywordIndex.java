package dev.herald.index;

import dev.herald.store.StoreListener;
import dev.herald.store.ArticleStore;
import dev.herald.article.ArticleChunks;
import dev.herald.text.EditDistance;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * BM25 over chunk text and article titles, held in memory and kept in step with the store.
 *
 * <p>Written here rather than taken from a library: SQLite's FTS5 {@code bm25()} over the 111k-chunk benchmark
 * archive took about 40 ms a query on two cores, reading posting lists from database pages and ranking every match
 * in SQL, and Lucene would add a second on-disk index that has to agree with SQLite after every crash. This index is
 * rebuilt from SQLite at start-up (the database stays the only copy) and ranks as FTS5 does (BM25 with b 0.75, a title
 * occurrence counting {@code titleWeight} of a body occurrence, FTS5's idf), except that k1 is a parameter.
 *
 * <p>Stop words are not indexed: {@link Terms#contentWords} never asks for them. They still count toward a chunk's
 * length, as in FTS5.
 */
public final class KeywordIndex implements TextIndex, StoreListener {

    /** Most query terms scored: the rarest ones; common words say little about which chunk answers. */
    public static final int DEFAULT_MAX_TERMS = 12;
    /**
     * Term-frequency saturation. FTS5 fixes it at 1.2; on the dev benchmark 1.5 to 2.0 ranked better (MRR@10 0.802 at
     * 1.5, 0.806 at 1.8, 0.803 at 2.0, 0.796 at 1.2, 0.792 at 2.5): a news chunk naming a rare term several times is
     * usually about it.
     */
    public static final double DEFAULT_K1 = 1.8;
    /** FTS5's own k1, for comparisons with it. */
    public static final double FTS5_K1 = 1.2;
    private static final double B = 0.75;
    private static final long UNDATED = Long.MIN_VALUE;
    private static final int INITIAL = 1024;

    private final double titleWeight;
    private final int maxTerms;
    private final double k1;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // One document per chunk, by ordinal; a removed chunk keeps its ordinal (chunk id -1) until the next compaction.
    private long[] chunkIds = new long[INITIAL];
    private String[] articleIds = new String[INITIAL];
    private long[] published = new long[INITIAL];
    private int[] lengths = new int[INITIAL];
    private int docs;
    private int removed;
    // Over all ordinals, removed ones included, so it agrees with the posting-list lengths that idf is computed from.
    private long totalLength;
    private final Map<Long, Integer> ordinalByChunk = new HashMap<>();
    // Terms are numbered on first sight; stop words map to STOP so one lookup per token also drops them.
    private static final int STOP = -1;
    private final Map<String, Integer> termIds = new HashMap<>();
    private Postings[] postings = new Postings[INITIAL];
    // by term id, for spelling: the term and which letters a-z (and "other") it contains
    private String[] termNames = new String[INITIAL];
    private int[] letterMasks = new int[INITIAL];
    private int[] termLengths = new int[INITIAL];
    private int terms;
    // per-term frequency while one document is added (all zero in between); guarded by the write lock
    private float[] pending = new float[INITIAL];
    private int[] pendingTerms = new int[256];

    /** The documents containing one term, in ordinal order, with the term's (title-weighted) frequency in each. */
    private static final class Postings {
        int[] docs = new int[2];
        float[] tf = new float[2];
        int size;

        void add(int doc, float frequency) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                tf = Arrays.copyOf(tf, size * 2);
            }
            docs[size] = doc;
            tf[size] = frequency;
            size++;
        }
    }

    public KeywordIndex(double titleWeight, int maxTerms) {
        this(titleWeight, maxTerms, DEFAULT_K1);
    }

    public KeywordIndex(double titleWeight, int maxTerms, double k1) {
        if (titleWeight < 0) throw new IllegalArgumentException("titleWeight must be >= 0, got " + titleWeight);
        if (maxTerms < 1) throw new IllegalArgumentException("maxTerms must be >= 1, got " + maxTerms);
        if (k1 <= 0) throw new IllegalArgumentException("k1 must be > 0, got " + k1);
        this.titleWeight = titleWeight;
        this.maxTerms = maxTerms;
        this.k1 = k1;
        for (String w : Terms.STOP_WORDS) termIds.put(w, STOP);
    }

    /** An index of everything stored, following the store's committed changes from now on. */
    public static KeywordIndex loadFrom(ArticleStore store, double titleWeight) {
        return loadFrom(store, titleWeight, DEFAULT_MAX_TERMS, DEFAULT_K1);
    }

    public static KeywordIndex loadFrom(ArticleStore store, double titleWeight, int maxTerms, double k1) {
        KeywordIndex index = new KeywordIndex(titleWeight, maxTerms, k1);
        store.replayAndFollow(index);
        return index;
    }

    @Override
    public void articleStored(ArticleChunks stored) {
        List<String> titleTokens = Terms.tokens(stored.title());
        long date = stored.publishedEpochSecond() == null ? UNDATED : stored.publishedEpochSecond();
        // tokenised before the lock is taken: it is most of the work, and searches wait while the lock is held
        List<List<String>> bodies = new ArrayList<>(stored.size());
        for (String text : stored.texts()) bodies.add(Terms.tokens(text));
        lock.writeLock().lock();
        try {
            for (int i = 0; i < stored.size(); i++) {
                Integer previous = ordinalByChunk.get(stored.chunkIds()[i]);
                if (previous != null) removeOrdinal(stored.chunkIds()[i], previous);
                addDocument(stored.chunkIds()[i], stored.articleId(), date, titleTokens, bodies.get(i));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void articleRemoved(String articleId, long[] ids) {
        lock.writeLock().lock();
        try {
            for (long id : ids) {
                Integer ordinal = ordinalByChunk.get(id);
                if (ordinal != null) removeOrdinal(id, ordinal);
            }
            if (removed > INITIAL && removed > docs / 4) compact();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addDocument(long chunkId, String articleId, long date, List<String> title, List<String> body) {
        if (docs == chunkIds.length) {
            int cap = docs * 3 / 2;
            chunkIds = Arrays.copyOf(chunkIds, cap);
            articleIds = Arrays.copyOf(articleIds, cap);
            published = Arrays.copyOf(published, cap);
            lengths = Arrays.copyOf(lengths, cap);
        }
        int ordinal = docs++;
        chunkIds[ordinal] = chunkId;
        articleIds[ordinal] = articleId;
        published[ordinal] = date;
        lengths[ordinal] = title.size() + body.size();
        totalLength += lengths[ordinal];
        ordinalByChunk.put(chunkId, ordinal);
        int distinct = 0;
        if (titleWeight > 0) for (String t : title) distinct = count(t, (float) titleWeight, distinct);
        for (String t : body) distinct = count(t, 1f, distinct);
        for (int i = 0; i < distinct; i++) {
            int id = pendingTerms[i];
            postings[id].add(ordinal, pending[id]);
            pending[id] = 0;
        }
    }

    /** Adds one occurrence of a token to the pending document; returns the number of distinct terms so far. */
    private int count(String token, float weight, int distinct) {
        int id = termIds.computeIfAbsent(token, this::newTerm);
        if (id == STOP) return distinct;
        if (pending[id] == 0) {
            if (distinct == pendingTerms.length) pendingTerms = Arrays.copyOf(pendingTerms, distinct * 2);
            pendingTerms[distinct++] = id;
        }
        pending[id] += weight;
        return distinct;
    }

    private int newTerm(String term) {
        if (terms == postings.length) {
            postings = Arrays.copyOf(postings, terms * 2);
            pending = Arrays.copyOf(pending, terms * 2);
            termNames = Arrays.copyOf(termNames, terms * 2);
            letterMasks = Arrays.copyOf(letterMasks, terms * 2);
            termLengths = Arrays.copyOf(termLengths, terms * 2);
        }
        termLengths[terms] = term.length();
        termNames[terms] = term;
        letterMasks[terms] = letters(term);
        postings[terms] = new Postings();
        return terms++;
    }

    private void removeOrdinal(long chunkId, int ordinal) {
        ordinalByChunk.remove(chunkId);
        chunkIds[ordinal] = -1;
        articleIds[ordinal] = null;
        removed++;
    }

    /** Drops removed documents from every posting list and renumbers the rest. */
    private void compact() {
        int[] renumbered = new int[docs];
        int live = 0;
        totalLength = 0;
        for (int d = 0; d < docs; d++) {
            if (chunkIds[d] < 0) {
                renumbered[d] = -1;
                continue;
            }
            renumbered[d] = live;
            chunkIds[live] = chunkIds[d];
            articleIds[live] = articleIds[d];
            published[live] = published[d];
            lengths[live] = lengths[d];
            totalLength += lengths[d];
            ordinalByChunk.put(chunkIds[live], live);
            live++;
        }
        Arrays.fill(articleIds, live, docs, null);
        docs = live;
        removed = 0;
        for (int t = 0; t < terms; t++) {
            Postings p = postings[t];
            int w = 0;
            for (int i = 0; i < p.size; i++) {
                int d = renumbered[p.docs[i]];
                if (d < 0) continue;
                p.docs[w] = d;
                p.tf[w] = p.tf[i];
                w++;
            }
            p.size = w;
        }
    }

    @Override
    public List<Hit> search(List<String> terms, int limit, long notBefore, long notAfter) {
        if (terms.isEmpty() || limit <= 0) return List.of();
        lock.readLock().lock();
        try {
            List<Postings> lists = rarest(terms);
            if (lists.isEmpty() || docs == 0) return List.of();
            double averageLength = Math.max(1e-9, (double) totalLength / docs);
            float[] score = new float[docs];
            int[] touched = new int[256];
            int touchedCount = 0;
            for (Postings p : lists) {
                double idf = fts5Idf(p.size);
                for (int j = 0; j < p.size; j++) {
                    int d = p.docs[j];
                    if (chunkIds[d] < 0) continue;
                    long date = published[d];
                    if (date != UNDATED && (date < notBefore || date > notAfter)) continue;
                    double tf = p.tf[j];
                    double s = idf * tf * (k1 + 1) / (tf + k1 * (1 - B + B * lengths[d] / averageLength));
                    if (score[d] == 0f) {
                        if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
                        touched[touchedCount++] = d;
                    }
                    score[d] += (float) s;
                }
            }
            return best(score, touched, touchedCount, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Posting lists of the distinct known terms, the rarest {@code maxTerms} of them. */
    private List<Postings> rarest(List<String> terms) {
        List<Postings> lists = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String t : terms) {
            if (t.isBlank() || seen.contains(t)) continue;
            seen.add(t);
            Integer id = termIds.get(t);
            if (id != null && id != STOP && postings[id].size > 0) lists.add(postings[id]);
        }
        if (lists.size() > maxTerms) {
            lists.sort(Comparator.comparingInt(p -> p.size));
            lists = lists.subList(0, maxTerms);
        }
        return lists;
    }

    private List<Hit> best(float[] score, int[] touched, int count, int limit) {
        // a min-heap of the best so far; ties go to the older chunk, as FTS5's rowid order would
        Comparator<Integer> worstFirst = Comparator.<Integer>comparingDouble(d -> score[d]).thenComparing(d -> -d);
        PriorityQueue<Integer> heap = new PriorityQueue<>(limit + 1, worstFirst);
        for (int i = 0; i < count; i++) {
            int d = touched[i];
            if (heap.size() < limit) heap.add(d);
            else if (worstFirst.compare(d, heap.peek()) > 0) {
                heap.poll();
                heap.add(d);
            }
        }
        Hit[] out = new Hit[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            int d = heap.poll();
            out[i] = new Hit(chunkIds[d], articleIds[d], published[d] == UNDATED ? null : published[d], score[d]);
        }
        return List.of(out);
    }

    private double fts5Idf(int documentsWithTerm) {
        double idf = Math.log((docs - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    @Override
    public int documentFrequency(String term) {
        lock.readLock().lock();
        try {
            Integer id = termIds.get(term);
            return id == null || id == STOP ? 0 : postings[id].size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Scans the whole vocabulary: see {@code Spelling} for what that costs. */
    @Override
    public List<Near> near(String word, int maxDistance, int minFrequency) {
        List<Near> out = new ArrayList<>();
        int length = word.length();
        int mask = letters(word);
        lock.readLock().lock();
        try {
            // lengths and letter sets are read from flat arrays first: following each term's pointers cost 6-15 ms
            // over the benchmark vocabulary, these scans well under a millisecond
            for (int id = 0; id < terms; id++) {
                if (Math.abs(termLengths[id] - length) > maxDistance) continue;
                // an edit changes at most two letters' presence: a cheap test that skips most of the vocabulary
                if (Integer.bitCount(mask ^ letterMasks[id]) > 2 * maxDistance || postings[id].size < minFrequency) continue;
                String t = termNames[id];
                int d = EditDistance.within(word, t, maxDistance);
                if (d <= maxDistance && d > 0) out.add(new Near(t, d, postings[id].size));
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    @Override
    public boolean together(String a, String b) {
        lock.readLock().lock();
        try {
            Integer ia = termIds.get(a);
            Integer ib = termIds.get(b);
            if (ia == null || ib == null || ia == STOP || ib == STOP) return false;
            Postings pa = postings[ia];
            Postings pb = postings[ib];
            int i = 0, j = 0;
            while (i < pa.size && j < pb.size) {
                int da = pa.docs[i], db = pb.docs[j];
                if (da == db) {
                    if (chunkIds[da] >= 0) return true;
                    i++;
                    j++;
                } else if (da < db) i++;
                else j++;
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static int letters(String term) {
        int m = 0;
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            m |= c >= 'a' && c <= 'z' ? 1 << (c - 'a') : 1 << 26;
        }
        return m;
    }

    @Override
    public int chunkCount() {
        lock.readLock().lock();
        try {
            return docs - removed;
        } finally {
            lock.readLock().unlock();
        }
    }
}
