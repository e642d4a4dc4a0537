package dev.herald.retrieval;

import dev.herald.store.ArticleStore;
import dev.herald.index.KeywordSearch;
import dev.herald.index.TextIndex;
import dev.herald.index.VectorSearch;
import dev.herald.index.SearchIndexes;
import dev.herald.article.StoredChunk;

import dev.herald.text.Terms;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyword (BM25) and vector (cosine) search over the same chunks, fused by weighted reciprocal rank, with a recency
 * prior relative to the as-of date.
 *
 * <p>The fusion is written here rather than taken from LangChain4j's {@code ReciprocalRankFuser} because Herald
 * weights the two lists differently and adds date priors before cutting to top-k, which the fuser has no hooks for.
 */
public final class HybridRetriever {

    private final EmbeddingModel model;
    private final SearchIndexes indexes;
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
     * @param leadPassages       the articles of this many of the first results also give their opening passage
     *                           (placed before the result, when not already among the results)
     * @param followingPassages  this many of the first results are followed by the passage after them in their
     *                           article
     */
    public record Options(int topK, int candidates, int rrfK, double keywordWeight, double vectorWeight,
                          double recencyWeight, double recencyHalfLifeDays, double windowBoost, double preferBoost,
                          int maxPerArticle, int vectorBudget, int leadPassages, int followingPassages) {
        public static final Options DEFAULTS = new Options(8, 100, 60, 1.5, 1.0, 0.5, 14.0, 0.3, 0.1, 3, 20_000, 2, 1);

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
            if (leadPassages < 0 || followingPassages < 0) throw new IllegalArgumentException("passages must be >= 0");
        }

        /** The same settings returning {@code k} chunks (candidates raised to at least {@code k}). */
        public Options withTopK(int k) {
            return toBuilder().topK(k).candidates(Math.max(candidates, k)).build();
        }

        /** A builder starting from {@link #DEFAULTS}. */
        public static Builder builder() {
            return DEFAULTS.toBuilder();
        }

        public Builder toBuilder() {
            Builder b = new Builder();
            b.topK = topK;
            b.candidates = candidates;
            b.rrfK = rrfK;
            b.keywordWeight = keywordWeight;
            b.vectorWeight = vectorWeight;
            b.recencyWeight = recencyWeight;
            b.recencyHalfLifeDays = recencyHalfLifeDays;
            b.windowBoost = windowBoost;
            b.preferBoost = preferBoost;
            b.maxPerArticle = maxPerArticle;
            b.vectorBudget = vectorBudget;
            b.leadPassages = leadPassages;
            b.followingPassages = followingPassages;
            return b;
        }

        /** Named settings instead of thirteen positional ones; {@link #build()} validates them. */
        public static final class Builder {
            private int topK;
            private int candidates;
            private int rrfK;
            private double keywordWeight;
            private double vectorWeight;
            private double recencyWeight;
            private double recencyHalfLifeDays;
            private double windowBoost;
            private double preferBoost;
            private int maxPerArticle;
            private int vectorBudget;
            private int leadPassages;
            private int followingPassages;

            private Builder() {
            }

            public Builder topK(int v) { topK = v; return this; }
            public Builder candidates(int v) { candidates = v; return this; }
            public Builder rrfK(int v) { rrfK = v; return this; }
            public Builder keywordWeight(double v) { keywordWeight = v; return this; }
            public Builder vectorWeight(double v) { vectorWeight = v; return this; }
            public Builder recencyWeight(double v) { recencyWeight = v; return this; }
            public Builder recencyHalfLifeDays(double v) { recencyHalfLifeDays = v; return this; }
            public Builder windowBoost(double v) { windowBoost = v; return this; }
            public Builder preferBoost(double v) { preferBoost = v; return this; }
            public Builder maxPerArticle(int v) { maxPerArticle = v; return this; }
            public Builder vectorBudget(int v) { vectorBudget = v; return this; }
            public Builder leadPassages(int v) { leadPassages = v; return this; }
            public Builder followingPassages(int v) { followingPassages = v; return this; }

            public Options build() {
                return new Options(topK, candidates, rrfK, keywordWeight, vectorWeight, recencyWeight,
                        recencyHalfLifeDays, windowBoost, preferBoost, maxPerArticle, vectorBudget, leadPassages,
                        followingPassages);
            }
        }
    }

    public HybridRetriever(EmbeddingModel model, SearchIndexes indexes, ArticleStore store, Options options) {
        this.model = model;
        this.indexes = indexes;
        this.store = store;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** The same retrieval returning {@code k} chunks (briefings and evaluation look deeper than answers). */
    public HybridRetriever withTopK(int k) {
        return new HybridRetriever(model, indexes, store, options.withTopK(k));
    }

    public SearchResult search(SearchQuery query) {
        Map<String, Long> nanos = new ConcurrentHashMap<>();
        TextIndex keywords = indexes.keywords();
        VectorSearch vectors = indexes.vectors();
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
        CompletableFuture<List<KeywordSearch.Hit>> keywordSearch = options.keywordWeight() == 0
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> {
                    long k0 = System.nanoTime();
                    List<KeywordSearch.Hit> hits = keywords.search(keywordTerms, options.candidates(), Long.MIN_VALUE, asOf);
                    nanos.put("keyword", System.nanoTime() - k0);
                    return hits;
                });
        float[] qv = model.embed(query.text()).content().vector();
        long t1 = System.nanoTime();
        nanos.put("embed", t1 - t0);
        // a side weighted 0 is not searched at all, so single-sided configurations are pure baselines
        List<VectorSearch.Hit> vec = options.vectorWeight() == 0 ? List.of()
                : vectors.search(qv, options.candidates(), Long.MIN_VALUE, asOf, options.vectorBudget());
        long t2 = System.nanoTime();
        nanos.put("vector", t2 - t1);
        List<KeywordSearch.Hit> kw = keywordSearch.join();
        nanos.putIfAbsent("keyword", 0L);
        long t3 = System.nanoTime();

        // 3. Fuse by weighted reciprocal rank, normalised so a chunk ranked first by both sides scores 1, from what the
        //    indexes hold in memory; only the chunks that make the cut are read from the database
        Map<Long, Candidate> fused = new HashMap<>();
        double norm = (options.rrfK() + 1) / (options.keywordWeight() + options.vectorWeight());
        double bestBm25 = kw.isEmpty() ? 1 : Math.max(1e-9, kw.get(0).score());
        for (int i = 0; i < kw.size(); i++) {
            KeywordSearch.Hit h = kw.get(i);
            Candidate c = fused.computeIfAbsent(h.chunkId(), id -> new Candidate(id, h.articleId(), h.publishedEpochSecond()));
            c.rrf += norm * options.keywordWeight() / (options.rrfK() + i + 1);
            c.keywordRank = i + 1;
            c.bm25 = h.score() / bestBm25;
        }
        for (int i = 0; i < vec.size(); i++) {
            VectorSearch.Hit h = vec.get(i);
            Candidate c = fused.computeIfAbsent(h.chunkId(), id -> new Candidate(id, h.articleId(), h.publishedEpochSecond()));
            c.rrf += norm * options.vectorWeight() / (options.rrfK() + i + 1);
            c.vectorRank = i + 1;
            c.cosine = h.cosine();
        }
        double bestCosine = vec.isEmpty() ? 1 : Math.max(1e-9, vec.get(0).cosine());
        List<Candidate> ranked = new ArrayList<>(fused.values());
        for (Candidate c : ranked) {
            c.score = c.rrf + prior(c, asOf, window, query);
            if (Double.isNaN(c.cosine)) c.cosine = vectors.similarity(qv, c.chunkId);
            // Ties are common in rank fusion (A first and B second on one side, the reverse on the other); the raw
            // scores, each relative to its side's best, break them by how clearly each side preferred the chunk.
            c.tieBreak = c.bm25 + Math.max(0, Double.isNaN(c.cosine) ? 0 : c.cosine) / bestCosine;
        }
        ranked.sort(Comparator.comparingDouble((Candidate c) -> c.score).thenComparingDouble(c -> c.tieBreak).reversed());
        List<Candidate> chosen = new ArrayList<>();
        Map<String, Integer> perArticle = new HashMap<>();
        for (Candidate c : ranked) {
            int n = perArticle.merge(c.articleId, 1, Integer::sum);
            if (n > options.maxPerArticle()) continue;
            chosen.add(c);
            if (chosen.size() == options.topK()) break;
        }
        Map<Long, StoredChunk> loaded = new HashMap<>();
        for (StoredChunk c : store.chunks(chosen.stream().map(c -> c.chunkId).toList())) loaded.put(c.id(), c);
        List<RetrievedChunk> top = new ArrayList<>(chosen.size());
        for (Candidate c : chosen) {
            StoredChunk chunk = loaded.get(c.chunkId);
            // a chunk removed by a reload since the search is simply left out
            if (chunk != null) top.add(new RetrievedChunk(chunk, c.score, c.keywordRank, c.vectorRank, c.cosine));
        }
        // 4. Context for quoting: the best articles' opening passages and the passage after the best one
        top = withContext(top, qv, vectors);
        long end = System.nanoTime();
        nanos.put("fuse", end - t3);
        nanos.put("retrieve", end - t0);
        return new SearchResult(top, terms, qv, nanos);
    }

    /**
     * The results with the opening passage of the first results' articles before them and the passage after the
     * first results behind them, each scored a little below the result it stands beside (0.95 of it) and found by
     * neither search (ranks 0). A news article says who, what and where in its opening lines, and a quiz question
     * is often written from one sentence whose next one, cut into the following chunk, holds the answer. Measured
     * with `herald eval` on RealTime QA (README), together with the answerer's context share: answer containment
     * 2022 dev 39.3 -> 41.0 % (halves +2.7 / +0.8), 2025h2 26.2 -> 27.2 % (+0.8 / +1.1). On 2022 the openings
     * alone gave 39.8 % (of the first one or two results' articles; three: 39.7 %), the next passage alone 39.5 %,
     * and more results for the answerer instead (top-k 10, 12) lowered it to 38.7 and 38.1 %: what helps is the
     * context of the best articles, not more articles. Cost: one database query and up to three cosines.
     */
    private List<RetrievedChunk> withContext(List<RetrievedChunk> top, float[] qv, VectorSearch vectors) {
        int leads = Math.min(options.leadPassages(), top.size());
        int following = Math.min(options.followingPassages(), top.size());
        if (leads == 0 && following == 0) return top;
        Set<ArticleStore.Position> present = new HashSet<>();
        for (RetrievedChunk r : top) present.add(new ArticleStore.Position(r.article().id(), r.chunk().seq()));
        Map<Integer, ArticleStore.Position> before = new HashMap<>();
        Map<Integer, ArticleStore.Position> after = new HashMap<>();
        Set<ArticleStore.Position> wanted = new LinkedHashSet<>();
        for (int i = 0; i < Math.max(leads, following); i++) {
            StoredChunk c = top.get(i).chunk();
            ArticleStore.Position lead = new ArticleStore.Position(c.article().id(), 0);
            if (i < leads && !present.contains(lead) && wanted.add(lead)) before.put(i, lead);
            ArticleStore.Position next = new ArticleStore.Position(c.article().id(), c.seq() + 1);
            if (i < following && !present.contains(next) && wanted.add(next)) after.put(i, next);
        }
        if (wanted.isEmpty()) return top;
        Map<ArticleStore.Position, StoredChunk> found = store.chunksAt(new ArrayList<>(wanted));
        List<RetrievedChunk> out = new ArrayList<>(top.size() + found.size());
        for (int i = 0; i < top.size(); i++) {
            RetrievedChunk r = top.get(i);
            StoredChunk lead = before.containsKey(i) ? found.get(before.get(i)) : null;
            if (lead != null) out.add(beside(r, lead, qv, vectors));
            out.add(r);
            StoredChunk next = after.containsKey(i) ? found.get(after.get(i)) : null;
            if (next != null) out.add(beside(r, next, qv, vectors));
        }
        return out;
    }

    /** A context passage for {@code result}: scored just below it, found by neither search. */
    private static RetrievedChunk beside(RetrievedChunk result, StoredChunk context, float[] qv, VectorSearch vectors) {
        return new RetrievedChunk(context, 0.95 * result.score(), 0, 0, vectors.similarity(qv, context.id()));
    }

    /** A chunk found by either search, with what fusion needs to know about it. */
    private static final class Candidate {
        final long chunkId;
        final String articleId;
        final Long published;
        double rrf;
        int keywordRank;
        int vectorRank;
        double cosine = Double.NaN;
        double bm25;
        double score;
        double tieBreak;

        Candidate(long chunkId, String articleId, Long published) {
            this.chunkId = chunkId;
            this.articleId = articleId;
            this.published = published;
        }
    }

    private double prior(Candidate c, long asOf, Optional<TimeWindow> window, SearchQuery q) {
        double bonus = 0;
        if (c.published != null) {
            if (options.recencyWeight() > 0) {
                double ageDays = Math.max(0, (asOf - c.published) / 86400.0);
                bonus += options.recencyWeight() * Math.pow(0.5, ageDays / options.recencyHalfLifeDays());
            }
            if (window.isPresent()) {
                LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(c.published), ZoneOffset.UTC);
                // coverage of a day's events appears that day or the next
                if (window.get().contains(day) || window.get().contains(day.minusDays(1))) bonus += options.windowBoost();
            }
        }
        if (q.preferArticles().contains(c.articleId)) bonus += options.preferBoost();
        return bonus;
    }
}
