package dev.herald.retrieval;

import dev.herald.store.ArticleStore;
import dev.herald.store.KeywordIndex;
import dev.herald.store.StoredChunk;
import dev.herald.store.VectorIndex;
import dev.herald.text.Terms;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyword (BM25) and vector (cosine) search over the same chunks, fused by weighted reciprocal rank, with a recency
 * prior relative to the as-of date.
 *
 * <p>The fusion is written here rather than taken from LangChain4j's {@code ReciprocalRankFuser} because Herald
 * weights the two lists differently and adds date priors before cutting to top-k, which the fuser has no hooks for.
 * {@link HybridContentRetriever} exposes this as a LangChain4j {@code ContentRetriever}.
 */
public final class HybridRetriever {

    private final EmbeddingModel model;
    private final KeywordIndex keywords;
    private final VectorIndex vectors;
    private final ArticleStore store;
    private final Options options;

    /**
     * Tuning knobs, with defaults measured on the dev benchmark (see README).
     *
     * @param topK               chunks returned
     * @param candidates         chunks taken from each side before fusion
     * @param rrfK               reciprocal-rank constant: larger flattens the rank curve
     * @param keywordWeight      weight of the keyword list
     * @param vectorWeight       weight of the vector list
     * @param recencyWeight      bonus for a chunk published on the as-of date, halving every half-life
     * @param recencyHalfLifeDays half-life of the recency bonus
     * @param windowBoost        bonus for chunks published inside a time window the question names
     * @param preferBoost        bonus for articles the conversation already cited
     * @param maxPerArticle      at most this many chunks of one article in the results
     * @param vectorBudget       vector search looks at this many of the newest chunks (0 = all); keyword search
     *                           always covers the whole archive
     */
    public record Options(int topK, int candidates, int rrfK, double keywordWeight, double vectorWeight,
                          double recencyWeight, double recencyHalfLifeDays, double windowBoost, double preferBoost,
                          int maxPerArticle, int vectorBudget) {
        public static final Options DEFAULTS = new Options(8, 60, 60, 1.5, 1.0, 0.5, 14.0, 0.3, 0.1, 3, 20_000);

        public Options(int topK, int candidates, int rrfK, double keywordWeight, double vectorWeight,
                       double recencyWeight, double recencyHalfLifeDays, double windowBoost, double preferBoost,
                       int maxPerArticle) {
            this(topK, candidates, rrfK, keywordWeight, vectorWeight, recencyWeight, recencyHalfLifeDays, windowBoost,
                    preferBoost, maxPerArticle, DEFAULTS.vectorBudget());
        }

        public Options {
            if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            if (candidates < topK) throw new IllegalArgumentException("candidates must be >= topK");
            if (rrfK < 1) throw new IllegalArgumentException("rrfK must be >= 1, got " + rrfK);
            if (keywordWeight < 0 || vectorWeight < 0 || keywordWeight + vectorWeight == 0) {
                throw new IllegalArgumentException("weights must be >= 0 and not both 0");
            }
            if (recencyHalfLifeDays <= 0) throw new IllegalArgumentException("recencyHalfLifeDays must be > 0");
            if (maxPerArticle < 1) throw new IllegalArgumentException("maxPerArticle must be >= 1");
            if (vectorBudget < 0) throw new IllegalArgumentException("vectorBudget must be >= 0 (0 = all)");
        }

        public Options withTopK(int k) {
            return new Options(k, Math.max(candidates, k), rrfK, keywordWeight, vectorWeight, recencyWeight,
                    recencyHalfLifeDays, windowBoost, preferBoost, maxPerArticle, vectorBudget);
        }
    }

    public HybridRetriever(EmbeddingModel model, KeywordIndex keywords, VectorIndex vectors, ArticleStore store,
                           Options options) {
        this.model = model;
        this.keywords = keywords;
        this.vectors = vectors;
        this.store = store;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    public SearchResult search(SearchQuery query) {
        Map<String, Long> nanos = new ConcurrentHashMap<>();
        long asOf = query.asOf().getEpochSecond();
        LocalDate today = LocalDate.ofInstant(query.asOf(), ZoneOffset.UTC);
        Optional<TimeWindow> window = query.window().or(() -> TimeExpressions.resolve(query.text(), today));

        // 1. Query terms and vector
        List<String> terms = new ArrayList<>();
        for (String t : Terms.contentWords(query.text())) if (!TimeExpressions.isTimeWord(t)) terms.add(t);
        List<String> keywordTerms = new ArrayList<>(terms);
        for (String t : terms) {
            for (String syn : Terms.synonyms(t)) if (!keywordTerms.contains(syn)) keywordTerms.add(syn);
        }
        // 2. Keyword search on another core while the query is embedded, then the vector search; both limited to
        //    what was published by the as-of date
        long t0 = System.nanoTime();
        CompletableFuture<List<KeywordIndex.Hit>> keywordSearch = options.keywordWeight() == 0
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> {
                    long k0 = System.nanoTime();
                    List<KeywordIndex.Hit> hits = keywords.search(keywordTerms, options.candidates(), Long.MIN_VALUE, asOf);
                    nanos.put("keyword", System.nanoTime() - k0);
                    return hits;
                });
        float[] qv = model.embed(query.text()).content().vector();
        long t1 = System.nanoTime();
        nanos.put("embed", t1 - t0);
        // a side weighted 0 is not searched at all, so single-sided configurations are pure baselines
        List<VectorIndex.Hit> vec = options.vectorWeight() == 0 ? List.of()
                : vectors.search(qv, options.candidates(), Long.MIN_VALUE, asOf, options.vectorBudget());
        long t2 = System.nanoTime();
        nanos.put("vector", t2 - t1);
        List<KeywordIndex.Hit> kw = keywordSearch.join();
        nanos.putIfAbsent("keyword", 0L);
        long t3 = System.nanoTime();

        // 3. Fuse by weighted reciprocal rank, normalised so a chunk ranked first by both sides scores 1
        Map<Long, double[]> fused = new HashMap<>(); // chunk -> {rrf, keywordRank, vectorRank, cosine, bm25/best}
        double norm = (options.rrfK() + 1) / (options.keywordWeight() + options.vectorWeight());
        double bestBm25 = kw.isEmpty() ? 1 : Math.max(1e-9, kw.get(0).score());
        for (int i = 0; i < kw.size(); i++) {
            double[] f = fused.computeIfAbsent(kw.get(i).chunkId(), id -> new double[]{0, 0, 0, Double.NaN, 0});
            f[0] += norm * options.keywordWeight() / (options.rrfK() + i + 1);
            f[1] = i + 1;
            f[4] = kw.get(i).score() / bestBm25;
        }
        for (int i = 0; i < vec.size(); i++) {
            double[] f = fused.computeIfAbsent(vec.get(i).chunkId(), id -> new double[]{0, 0, 0, Double.NaN, 0});
            f[0] += norm * options.vectorWeight() / (options.rrfK() + i + 1);
            f[2] = i + 1;
            f[3] = vec.get(i).cosine();
        }
        List<StoredChunk> chunks = store.chunks(new ArrayList<>(fused.keySet()));
        double bestCosine = vec.isEmpty() ? 1 : Math.max(1e-9, vec.get(0).cosine());
        List<RetrievedChunk> scored = new ArrayList<>(chunks.size());
        Map<Long, Double> tieBreak = new HashMap<>();
        for (StoredChunk c : chunks) {
            double[] f = fused.get(c.id());
            double score = f[0] + prior(c, asOf, window, query);
            double cosine = Double.isNaN(f[3]) ? vectors.similarity(qv, c.id()) : f[3];
            scored.add(new RetrievedChunk(c, score, (int) f[1], (int) f[2], cosine));
            tieBreak.put(c.id(), f[4] + Math.max(0, cosine) / bestCosine);
        }
        // Ties are common in rank fusion (A first and B second on one side, the reverse on the other); the raw scores,
        // each relative to its side's best, break them by how clearly each side preferred the chunk.
        scored.sort(Comparator.comparingDouble(RetrievedChunk::score)
                .thenComparingDouble(r -> tieBreak.get(r.chunk().id())).reversed());
        List<RetrievedChunk> top = new ArrayList<>();
        Map<String, Integer> perArticle = new HashMap<>();
        for (RetrievedChunk r : scored) {
            int n = perArticle.merge(r.article().id(), 1, Integer::sum);
            if (n > options.maxPerArticle()) continue;
            top.add(r);
            if (top.size() == options.topK()) break;
        }
        long end = System.nanoTime();
        nanos.put("fuse", end - t3);
        nanos.put("retrieve", end - t0);
        return new SearchResult(top, terms, qv, nanos);
    }

    private double prior(StoredChunk c, long asOf, Optional<TimeWindow> window, SearchQuery q) {
        double bonus = 0;
        Instant published = c.article().publishedAt();
        if (published != null) {
            if (options.recencyWeight() > 0) {
                double ageDays = Math.max(0, (asOf - published.getEpochSecond()) / 86400.0);
                bonus += options.recencyWeight() * Math.pow(0.5, ageDays / options.recencyHalfLifeDays());
            }
            if (window.isPresent()) {
                LocalDate day = LocalDate.ofInstant(published, ZoneOffset.UTC);
                // coverage of a day's events appears that day or the next
                if (window.get().contains(day) || window.get().contains(day.minusDays(1))) bonus += options.windowBoost();
            }
        }
        if (q.preferArticles().contains(c.article().id())) bonus += options.preferBoost();
        return bonus;
    }
}
