package dev.herald.index;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorIndexTest {

    @Test
    void should_rank_exactly_when_the_date_range_holds_fewer_chunks_than_the_shortlist() {
        // given random vectors, of which fewer than the shortlist fall in the date range
        Random r = new Random(7);
        int n = 5_000, dim = 32;
        float[][] v = new float[n][dim];
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) v[i][d] = (float) r.nextGaussian();
            index.add(i, v[i], "a" + (i % 100), (long) i);
        }
        float[] q = new float[dim];
        for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();

        // when
        List<VectorSearch.Hit> hits = index.search(q, 10, 1_000, 1_000 + VectorIndex.SHORTLIST - 1);

        // then: the same as a brute-force ranking over the allowed dates
        assertEquals(bruteForce(v, q, 1_000, 1_000 + VectorIndex.SHORTLIST - 1, 10),
                hits.stream().map(h -> (int) h.chunkId()).toList());
    }

    @Test
    void should_find_the_true_nearest_neighbours_of_topical_vectors_in_a_large_index() {
        // given 30,000 vectors of 384 dimensions around 300 topics, as sentence embeddings of news cluster
        Random r = new Random(11);
        int n = 30_000, dim = 384, topics = 300;
        float[][] centre = new float[topics][dim];
        for (float[] c : centre) for (int d = 0; d < dim; d++) c[d] = (float) r.nextGaussian();
        float[][] v = new float[n][dim];
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) v[i][d] = centre[i % topics][d] + 1.2f * (float) r.nextGaussian();
            index.add(i, v[i], "a" + (i % topics), (long) i);
        }

        for (int probe = 0; probe < 20; probe++) {
            float[] q = new float[dim];
            for (int d = 0; d < dim; d++) q[d] = centre[probe * 7][d] + 1.2f * (float) r.nextGaussian();

            // when
            List<VectorSearch.Hit> hits = index.search(q, 10, 0, n);

            // then: the ten nearest by exact cosine, in order
            assertEquals(bruteForce(v, q, 0, n - 1, 10), hits.stream().map(h -> (int) h.chunkId()).toList());
        }
    }

    private static List<Integer> bruteForce(float[][] v, float[] q, int from, int to, int k) {
        float[] qn = VectorIndex.normalized(q);
        // each cosine once, not once per comparison: that sort took 50 s of the unit tests
        double[] cosine = new double[to + 1];
        for (int i = from; i <= to; i++) cosine[i] = dot(qn, VectorIndex.normalized(v[i]));
        return IntStream.rangeClosed(from, to).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -cosine[i])).limit(k).toList();
    }

    @Test
    void should_forget_removed_chunks_and_keep_searching_after_compaction() {
        // given
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < 3000; i++) index.add(i, new float[]{i % 7, 1, (i % 3)}, "a", null);

        // when
        for (int i = 0; i < 2000; i++) index.remove(i);

        // then
        assertEquals(1000, index.size());
        assertTrue(index.search(new float[]{1, 1, 1}, 50, Long.MIN_VALUE, Long.MAX_VALUE).stream().allMatch(h -> h.chunkId() >= 2000));
    }

    @Test
    void should_rank_exactly_when_compaction_moves_vectors_across_pages() {
        // given random vectors filling more than two pages, most of the first page then removed (compaction moves the
        // later pages' vectors down into it)
        Random r = new Random(3);
        int page = 1 << VectorIndex.PAGE_BITS, n = 2 * page + 500, dim = 16;
        float[][] v = new float[n][dim];
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) v[i][d] = (float) r.nextGaussian();
            index.add(i, v[i], "a", (long) i);
        }
        int removed = page - 100;
        for (int i = 0; i < removed; i++) index.remove(i);
        float[] q = new float[dim];
        for (int d = 0; d < dim; d++) q[d] = (float) r.nextGaussian();

        // when: the date range holds fewer chunks than the shortlist, so ranking is exact
        List<VectorSearch.Hit> hits = index.search(q, 10, n - VectorIndex.SHORTLIST, n);

        // then: each vector still sits under its own chunk id
        assertEquals(n - removed, index.size());
        assertEquals(bruteForce(v, q, n - VectorIndex.SHORTLIST, n - 1, 10), hits.stream().map(h -> (int) h.chunkId()).toList());
        float[] qn = VectorIndex.normalized(q);
        for (int i = removed; i < n; i += 97) {
            assertEquals(dot(qn, VectorIndex.normalized(v[i])), index.similarity(q, i), 1e-5, "chunk " + i);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void should_search_only_the_newest_chunks_up_to_the_as_of_date_when_given_a_budget() {
        // given: chunk i published at second i, all pointing the same way; one undated chunk
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < 1000; i++) index.add(i, new float[]{1, 0.001f * i}, "a" + i, (long) i);
        index.add(5000, new float[]{1, 0}, "undated", null);

        // when: the 100 newest chunks published by second 700
        List<VectorSearch.Hit> hits = index.search(new float[]{1, 0}, 1000, Long.MIN_VALUE, 700, 100);

        // then
        assertEquals(101, hits.size());
        assertTrue(hits.stream().anyMatch(h -> h.chunkId() == 5000));
        assertTrue(hits.stream().filter(h -> h.chunkId() != 5000).allMatch(h -> h.chunkId() > 600 && h.chunkId() <= 700));
    }

    @Test
    void should_search_the_right_date_window_when_chunks_are_added_replaced_and_removed_between_searches() {
        // given: an index searched after every batch of changes, in random date order, as during a reload
        Random random = new Random(42);
        VectorIndex index = new VectorIndex();
        java.util.Map<Long, float[]> vectors = new java.util.HashMap<>();
        java.util.Map<Long, Long> dates = new java.util.HashMap<>();
        float[] query = randomUnit(random, 8);
        long nextId = 0;
        for (int round = 0; round < 60; round++) {
            // when: some chunks come in, some are re-dated (same chunk id stored again), some go
            for (int i = 0; i < 40; i++) {
                long id = nextId++;
                float[] v = randomUnit(random, 8);
                long date = random.nextInt(1_000_000); // distinct enough that windows are unambiguous
                index.add(id, v, "a" + id, date);
                vectors.put(id, v);
                dates.put(id, date);
            }
            List<Long> live = new java.util.ArrayList<>(vectors.keySet());
            java.util.Collections.sort(live);
            for (int i = 0; i < 5; i++) {
                long id = live.get(random.nextInt(live.size()));
                long date = random.nextInt(1_000_000);
                index.add(id, vectors.get(id), "a" + id, date);
                dates.put(id, date);
            }
            for (int i = 0; i < 25; i++) {
                long id = live.get(random.nextInt(live.size()));
                if (vectors.remove(id) != null) {
                    index.remove(id);
                    dates.remove(id);
                }
            }
            long asOf = random.nextInt(1_000_000);
            int budget = 1 + random.nextInt(60);
            List<VectorSearch.Hit> hits = index.search(query, 10, Long.MIN_VALUE, asOf, budget);

            // then: exactly the best 10 of the `budget` newest chunks published by the as-of date
            List<Long> window = dates.entrySet().stream().filter(e -> e.getValue() <= asOf)
                    .sorted(java.util.Map.Entry.<Long, Long>comparingByValue().reversed())
                    .limit(budget).map(java.util.Map.Entry::getKey).toList();
            List<Long> expected = window.stream()
                    .sorted(Comparator.comparingDouble((Long id) -> -dot(query, vectors.get(id)))).limit(10).toList();
            assertEquals(expected, hits.stream().map(VectorSearch.Hit::chunkId).toList(), "round " + round);
            assertEquals(vectors.size(), index.size());
        }
    }

    private static float[] randomUnit(Random random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }
}
