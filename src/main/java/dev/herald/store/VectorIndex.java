package dev.herald.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All chunk vectors in memory, searched exhaustively by cosine similarity.
 *
 * <p>Exhaustive search over one flat float array is exact and, at tens of thousands of 384-dimension vectors, takes a
 * few milliseconds, so an approximate index (and its recall loss) is not worth it at Herald's scale. Vectors are
 * L2-normalised on insert, so cosine is a dot product.
 */
public final class VectorIndex implements StoreListener {

    /** One hit: the chunk and its cosine similarity to the query. */
    public record Hit(long chunkId, String articleId, double cosine) {
    }

    private static final long UNDATED = Long.MIN_VALUE;
    private static final int PARALLEL_THRESHOLD = 20_000;
    private static final int SLICES = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private int dim = -1;
    private float[] data = new float[0];
    private long[] chunkIds = new long[0];
    private long[] published = new long[0];
    private String[] articleIds = new String[0];
    private int size;
    private int dead;
    private final Map<Long, Integer> slotByChunk = new HashMap<>();
    // Live slots ordered by publication time (undated first), rebuilt lazily after changes.
    private volatile int[] byDate;

    /** Loads every stored vector and keeps following the store's committed changes. */
    public static VectorIndex loadFrom(ArticleStore store) {
        VectorIndex index = new VectorIndex();
        store.forEachVector(index::add);
        store.addListener(index);
        return index;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size - dead;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int dimension() {
        return dim;
    }

    public void add(long chunkId, float[] vector, String articleId, Long publishedEpochSecond) {
        lock.writeLock().lock();
        try {
            if (dim < 0) dim = vector.length;
            if (vector.length != dim) {
                throw new IllegalArgumentException("vector of dimension " + vector.length + ", index holds " + dim);
            }
            Integer existing = slotByChunk.get(chunkId);
            int slot = existing != null ? existing : size;
            if (existing == null) {
                ensureCapacity(size + 1);
                size++;
            }
            float[] unit = normalized(vector);
            System.arraycopy(unit, 0, data, slot * dim, dim);
            chunkIds[slot] = chunkId;
            articleIds[slot] = articleId;
            published[slot] = publishedEpochSecond == null ? UNDATED : publishedEpochSecond;
            slotByChunk.put(chunkId, slot);
            byDate = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(long chunkId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotByChunk.remove(chunkId);
            if (slot == null) return;
            chunkIds[slot] = -1;
            articleIds[slot] = null;
            dead++;
            byDate = null;
            if (dead > 1024 && dead > size / 4) compact();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void articleStored(String articleId, long[] ids, float[][] vectors, Long publishedEpochSecond) {
        for (int i = 0; i < ids.length; i++) add(ids[i], vectors[i], articleId, publishedEpochSecond);
    }

    @Override
    public void articleRemoved(String articleId, long[] ids) {
        for (long id : ids) remove(id);
    }

    /**
     * The {@code k} chunks most similar to the query among those published within [notBefore, notAfter] (epoch
     * seconds, inclusive; {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE} for open ends). Undated chunks always pass.
     */
    public List<Hit> search(float[] query, int k, long notBefore, long notAfter) {
        return search(query, k, notBefore, notAfter, 0);
    }

    /**
     * As {@link #search(float[], int, long, long)}, but looking only at the {@code budget} newest chunks published
     * by {@code notAfter} (plus undated ones); 0 means all. For news, the newest coverage is what most questions are
     * about, and a budget keeps the cost of a search flat however large the archive grows (keyword search still
     * covers the whole archive).
     */
    public List<Hit> search(float[] query, int k, long notBefore, long notAfter, int budget) {
        lock.readLock().lock();
        try {
            if (size == 0 || k <= 0) return List.of();
            int[] order = dateOrder();
            float[] q = normalized(query);
            if (q.length != dim) throw new IllegalArgumentException("query of dimension " + q.length + ", index holds " + dim);
            // the scan covers order[from, to): undated chunks sit at the front and are always scanned
            int undated = 0;
            while (undated < order.length && published[order[undated]] == UNDATED) undated++;
            int to = upperBound(order, undated, notAfter);
            int from = budget <= 0 ? undated : Math.max(undated, to - budget);
            int[] ranges = undated > 0 && from > undated ? new int[]{0, undated, from, to} : new int[]{from == undated ? 0 : from, to};
            int total = 0;
            for (int r = 0; r < ranges.length; r += 2) total += ranges[r + 1] - ranges[r];
            // Large scans run in slices on all cores: one query's latency, not throughput, is what a reader feels.
            int slices = total < PARALLEL_THRESHOLD ? 1 : Math.min(SLICES, total / (PARALLEL_THRESHOLD / 2));
            List<int[]> parts = slice(ranges, slices);
            List<java.util.concurrent.CompletableFuture<PriorityQueue<double[]>>> futures = new ArrayList<>();
            for (int i = 1; i < parts.size(); i++) {
                int[] part = parts.get(i);
                futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> scan(q, k, notBefore, notAfter, order, part)));
            }
            PriorityQueue<double[]> heap = parts.isEmpty() ? new PriorityQueue<>(1, (a, b) -> Double.compare(a[0], b[0]))
                    : scan(q, k, notBefore, notAfter, order, parts.get(0));
            for (var f : futures) for (double[] e : f.join()) offer(heap, k, e);
            List<Hit> out = new ArrayList<>(heap.size());
            while (!heap.isEmpty()) {
                double[] e = heap.poll();
                int slot = (int) e[1];
                out.add(new Hit(chunkIds[slot], articleIds[slot], e[0]));
            }
            java.util.Collections.reverse(out);
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** First position in order[from..] whose date is after notAfter. */
    private int upperBound(int[] order, int from, long notAfter) {
        int lo = from, hi = order.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (published[order[mid]] <= notAfter) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Splits position ranges (pairs) into about {@code n} pieces of similar length. */
    private static List<int[]> slice(int[] ranges, int n) {
        int total = 0;
        for (int r = 0; r < ranges.length; r += 2) total += ranges[r + 1] - ranges[r];
        List<int[]> out = new ArrayList<>();
        if (total == 0) return out;
        int per = (total + n - 1) / n;
        List<Integer> cur = new ArrayList<>();
        int curLen = 0;
        for (int r = 0; r < ranges.length; r += 2) {
            int a = ranges[r];
            while (a < ranges[r + 1]) {
                int b = Math.min(ranges[r + 1], a + (per - curLen));
                cur.add(a);
                cur.add(b);
                curLen += b - a;
                a = b;
                if (curLen == per) {
                    out.add(cur.stream().mapToInt(Integer::intValue).toArray());
                    cur = new ArrayList<>();
                    curLen = 0;
                }
            }
        }
        if (!cur.isEmpty()) out.add(cur.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    private int[] dateOrder() {
        int[] order = byDate;
        if (order != null) return order;
        lock.readLock().lock();
        try {
            Integer[] live = new Integer[size - dead];
            int n = 0;
            for (int slot = 0; slot < size; slot++) if (chunkIds[slot] >= 0) live[n++] = slot;
            java.util.Arrays.sort(live, 0, n, java.util.Comparator.comparingLong((Integer s) -> published[s]));
            order = new int[n];
            for (int i = 0; i < n; i++) order[i] = live[i];
        } finally {
            lock.readLock().unlock();
        }
        byDate = order;
        return order;
    }

    private PriorityQueue<double[]> scan(float[] q, int k, long notBefore, long notAfter, int[] order, int[] ranges) {
        PriorityQueue<double[]> heap = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a[0], b[0]));
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i < ranges[r + 1]; i++) {
                int slot = order[i];
                if (slot >= size || chunkIds[slot] < 0) continue;
                long p = published[slot];
                if (p != UNDATED && (p < notBefore || p > notAfter)) continue;
                double s = dot(q, data, slot * dim, dim);
                if (heap.size() < k || s > heap.peek()[0]) offer(heap, k, new double[]{s, slot});
            }
        }
        return heap;
    }

    private static void offer(PriorityQueue<double[]> heap, int k, double[] e) {
        if (heap.size() < k) heap.add(e);
        else if (e[0] > heap.peek()[0]) {
            heap.poll();
            heap.add(e);
        }
    }

    /** Cosine similarity of the query to one stored chunk, or NaN when the chunk is not indexed. */
    public double similarity(float[] query, long chunkId) {
        lock.readLock().lock();
        try {
            Integer slot = slotByChunk.get(chunkId);
            if (slot == null) return Double.NaN;
            return dot(normalized(query), data, slot * dim, dim);
        } finally {
            lock.readLock().unlock();
        }
    }

    // Four independent accumulators let the CPU overlap the multiply-adds; a single running sum serialises them.
    private static double dot(float[] q, float[] d, int off, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += q[i] * d[off + i];
            s1 += q[i + 1] * d[off + i + 1];
            s2 += q[i + 2] * d[off + i + 2];
            s3 += q[i + 3] * d[off + i + 3];
        }
        for (; i < n; i++) s0 += q[i] * d[off + i];
        return (s0 + s1) + (s2 + s3);
    }

    static float[] normalized(float[] v) {
        double norm = 0;
        for (float f : v) norm += f * f;
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm == 0) return out;
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
        return out;
    }

    private void ensureCapacity(int needed) {
        if (chunkIds.length >= needed) return;
        int cap = Math.max(needed, Math.max(1024, chunkIds.length * 3 / 2));
        data = Arrays.copyOf(data, cap * dim);
        chunkIds = Arrays.copyOf(chunkIds, cap);
        published = Arrays.copyOf(published, cap);
        articleIds = Arrays.copyOf(articleIds, cap);
    }

    private void compact() {
        int w = 0;
        slotByChunk.clear();
        for (int r = 0; r < size; r++) {
            if (chunkIds[r] < 0) continue;
            if (w != r) {
                System.arraycopy(data, r * dim, data, w * dim, dim);
                chunkIds[w] = chunkIds[r];
                published[w] = published[r];
                articleIds[w] = articleIds[r];
            }
            slotByChunk.put(chunkIds[w], w);
            w++;
        }
        for (int i = w; i < size; i++) articleIds[i] = null;
        size = w;
        dead = 0;
        byDate = null;
    }
}
