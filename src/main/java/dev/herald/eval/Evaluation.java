package dev.herald.eval;

import dev.herald.answer.CitationCheck;
import dev.herald.chat.QuestionService;
import dev.herald.store.ArticleStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.herald.chat.Reply;
import dev.herald.retrieval.HybridRetriever;
import dev.herald.retrieval.RetrievedChunk;
import dev.herald.retrieval.SearchQuery;
import dev.herald.retrieval.SearchResult;
import dev.herald.article.StoredChunk;
import dev.herald.text.Sentences;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.herald.ingest.LocalEmbeddingModel;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark questions through Herald exactly as the bot answers them ({@code QuestionService.ask} as of each
 * question's date), and scores retrieval, answers and speed; optionally the same retrieval with baselines.
 */
public final class Evaluation {

    /** Stage keys of {@link Reply#stageNanos()}, in pipeline order. */
    public static final List<String> STAGES = List.of("embed", "keyword", "vector", "fuse", "retrieve", "answer", "total");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    /**
     * @param warmup        questions asked first and left out of the timings (they are asked again, measured)
     * @param retrievalTopK chunks retrieved for the retrieval metrics (the bot itself uses retrieval.top-k)
     * @param embedSample   stored chunks embedded to measure raw embedding throughput
     * @param baselines     also score the LangChain4j-standard and BM25-only baselines
     */
    public record Options(int warmup, int retrievalTopK, int embedSample, boolean baselines) {
        public static final Options DEFAULTS = new Options(5, 30, 300, false);
    }

    /** The report and one row per question (for {@code questions.jsonl}). */
    public record Result(EvalReport report, List<Map<String, Object>> questions) {
    }

    /**
     * What an evaluation uses, and nothing more: the questions pipeline the bot uses, a retriever with the bot's
     * settings but a deeper top-k (for Hits@10 and MRR@10), the store for chunk samples, the embedding model for raw
     * speed, the citation check every answer must pass, and the baselines to compare with (built on demand: the
     * LangChain4j one copies every vector).
     */
    public record Services(QuestionService questions, HybridRetriever deepRetriever, int botTopK, ArticleStore store,
                           EmbeddingModel embeddings, CitationCheck citationCheck,
                           java.util.function.Supplier<List<Baselines.Baseline>> baselines) {
        public Services {
            java.util.Objects.requireNonNull(questions, "questions");
            java.util.Objects.requireNonNull(deepRetriever, "deepRetriever");
            java.util.Objects.requireNonNull(store, "store");
            java.util.Objects.requireNonNull(embeddings, "embeddings");
            java.util.Objects.requireNonNull(citationCheck, "citationCheck");
            java.util.Objects.requireNonNull(baselines, "baselines");
        }
    }

    private final Services herald;
    private final Options options;
    private final QuestionProgress progress;
    private final MemoryProbe memory = new MemoryProbe();

    public Evaluation(Services herald, Options options, QuestionProgress progress) {
        this.herald = herald;
        this.options = options;
        this.progress = progress;
    }

    public MemoryProbe memory() {
        return memory;
    }

    /** Raw embedding throughput: the same stored chunk texts embedded one by one, then with {@code embedAll}. */
    public EvalReport.EmbeddingSpeed embeddingSpeed() {
        List<String> texts = sampleEmbeddedTexts(options.embedSample());
        if (texts.isEmpty()) return new EvalReport.EmbeddingSpeed(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        // warm the model (it loads on first use) so loading is not counted
        for (int i = 0; i < Math.min(3, texts.size()); i++) herald.embeddings().embed(texts.get(i));
        long t0 = System.nanoTime();
        for (String t : texts) herald.embeddings().embed(t);
        long t1 = System.nanoTime();
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> batched = herald.embeddings().embedAll(segments).content();
        long t2 = System.nanoTime();
        double unbatchedRate = Double.NaN;
        double minCosine = Double.NaN;
        if (herald.embeddings() instanceof LocalEmbeddingModel local) {
            local.unbatched().embedAll(segments.subList(0, Math.min(3, segments.size()))); // load it, uncounted
            long t3 = System.nanoTime();
            List<Embedding> reference = local.unbatched().embedAll(segments).content();
            unbatchedRate = texts.size() / ((System.nanoTime() - t3) / 1e9);
            minCosine = 1.0;
            for (int i = 0; i < reference.size(); i++) {
                minCosine = Math.min(minCosine, CosineSimilarity.between(batched.get(i), reference.get(i)));
            }
        }
        memory.sample();
        return new EvalReport.EmbeddingSpeed(texts.size(), texts.size() / ((t1 - t0) / 1e9),
                texts.size() / ((t2 - t1) / 1e9), unbatchedRate, minCosine);
    }

    /**
     * Up to {@code n} stored chunks spread evenly over the store, as the ingestor embedded them: the title line (with
     * the publication date) and the passage.
     */
    List<String> sampleEmbeddedTexts(int n) {
        List<Long> all = herald.store().chunkIds();
        if (all.isEmpty() || n <= 0) return List.of();
        List<Long> picked = new ArrayList<>();
        double step = Math.max(1.0, all.size() / (double) n);
        for (double i = 0; i < all.size() && picked.size() < n; i += step) picked.add(all.get((int) i));
        List<String> out = new ArrayList<>();
        for (StoredChunk c : herald.store().chunks(picked)) {
            String header = c.article().title();
            if (c.article().publishedAt() != null) header += " (" + DAY.format(c.article().publishedAt()) + ")";
            out.add(header + "\n" + c.text());
        }
        return out;
    }

    /** Asks every question and scores it. */
    public Result run(List<EvalQuestion> questions) {
        HybridRetriever deep = herald.deepRetriever();
        List<Baselines.Baseline> baselines = new ArrayList<>();
        double baselineBuildSeconds = Double.NaN;
        if (options.baselines()) {
            long b0 = System.nanoTime();
            progress.message("eval: baselines: copying stored vectors into a LangChain4j InMemoryEmbeddingStore…");
            baselines.addAll(herald.baselines().get());
            baselineBuildSeconds = (System.nanoTime() - b0) / 1e9;
            memory.sample();
        }
        CitationCheck check = herald.citationCheck();

        // warm-up: the first few questions through every path, not measured
        int warm = Math.min(options.warmup(), questions.size());
        for (int i = 0; i < warm; i++) {
            EvalQuestion q = questions.get(i);
            herald.questions().ask(q.question(), q.asOf());
            deep.search(SearchQuery.of(q.question(), q.asOf()));
            for (Baselines.Baseline b : baselines) b.articleIds(q.question(), q.asOf());
        }

        Map<String, List<Double>> stageMs = new LinkedHashMap<>();
        for (String s : STAGES) stageMs.put(s, new ArrayList<>());
        List<Integer> deepRanks = new ArrayList<>();
        List<Integer> replyRanks = new ArrayList<>();
        List<Double> deepMs = new ArrayList<>();
        Map<String, List<Integer>> baseRanks = new LinkedHashMap<>();
        Map<String, List<Double>> baseMs = new LinkedHashMap<>();
        for (Baselines.Baseline b : baselines) {
            baseRanks.put(b.name(), new ArrayList<>());
            baseMs.put(b.name(), new ArrayList<>());
        }
        Tally all = new Tally();
        Tally[] halves = {new Tally(), new Tally()};
        List<Boolean> valid = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();

        progress.start(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            EvalQuestion q = questions.get(i);
            Reply reply = herald.questions().ask(q.question(), q.asOf());
            for (String s : STAGES) {
                Long ns = reply.stageNanos().get(s);
                if (ns != null) stageMs.get(s).add(ns / 1e6);
            }
            boolean citationsValid = check.valid(reply.answer());
            valid.add(citationsValid);
            String text = reply.answer().text();

            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", q.id());
            row.put("question", q.question());
            row.put("question_date", q.questionDate().toString());
            row.put("type", q.type());
            row.put("needs_choices", q.needsChoices());
            row.put("relevant_ids", q.relevantIds());
            if (q.labelled()) {
                long t0 = System.nanoTime();
                SearchResult found = deep.search(SearchQuery.of(q.question(), q.asOf()));
                deepMs.add((System.nanoTime() - t0) / 1e6);
                int rank = Metrics.firstRelevantRank(articleIds(found), q.relevantIds());
                int replyRank = Metrics.firstRelevantRank(articleIds(reply.search()), q.relevantIds());
                halves[Metrics.half(q.id())].ranks.add(rank);
                deepRanks.add(rank);
                replyRanks.add(replyRank);
                row.put("rank_herald", rank);
                row.put("rank_herald_reply", replyRank);
                for (Baselines.Baseline b : baselines) {
                    long b0 = System.nanoTime();
                    List<String> ids = b.articleIds(q.question(), q.asOf());
                    baseMs.get(b.name()).add((System.nanoTime() - b0) / 1e6);
                    int br = Metrics.firstRelevantRank(ids, q.relevantIds());
                    baseRanks.get(b.name()).add(br);
                    row.put("rank_" + b.name().replace('-', '_'), br);
                }
            } else {
                row.put("rank_herald", null);
                row.put("rank_herald_reply", null);
                for (Baselines.Baseline b : baselines) row.put("rank_" + b.name().replace('-', '_'), null);
            }
            row.put("answer", text);
            row.put("abstained", reply.answer().abstained());
            row.put("evidence", Math.round(reply.answer().evidence() * 1000) / 1000.0);
            row.put("cited_articles", reply.answer().citations().stream().map(c -> c.article().id()).toList());
            Boolean isContained = null;
            Boolean first30 = null;
            if (!q.needsChoices()) {
                isContained = Metrics.contains(text, q.answers());
                first30 = Metrics.containsWithinFirstWords(text, q.answers(), FIRST_WORDS);
                boolean wordForms = Metrics.containsWordForms(text, q.answers());
                for (Tally t : new Tally[]{all, halves[Metrics.half(q.id())]}) {
                    t.answer(q, reply, isContained, first30, wordForms);
                }
            }
            row.put("contained_first_30", first30);
            row.put("contained", isContained);
            // The ceiling of a quoting answer: the first passage given to the answerer that holds a gold answer
            // (0-based; null when none does), so a miss reads as retrieval's or as sentence choice's.
            row.put("answer_in_passage", q.needsChoices() ? null : firstPassageWithAnswer(reply, q.answers()));
            // ...and the sentence there that holds it, beside the one quoted: what sentence choice missed
            row.put("answer_sentence", q.needsChoices() ? null : firstSentenceWithAnswer(reply, q.answers()));
            row.put("citation_valid", citationsValid);
            row.put("total_ms", round(reply.stageNanos().getOrDefault("total", 0L) / 1e6));
            rows.add(row);
            memory.sample();
            progress.advance(i + 1);
        }
        progress.done();

        List<EvalReport.RetrievalRow> retrieval = new ArrayList<>();
        Metrics.Retrieval deepScores = Metrics.Retrieval.of(deepRanks);
        EvalReport.Latency deepLatency = EvalReport.Latency.ofMillis(deepMs);
        retrieval.add(new EvalReport.RetrievalRow("herald", "HybridRetriever (BM25 + vectors, weighted RRF, date priors) "
                + "with the bot's settings but top-k " + options.retrievalTopK() + " chunks, as of the question date",
                options.retrievalTopK(), deepScores, deepLatency, null));
        int botK = herald.botTopK();
        retrieval.add(new EvalReport.RetrievalRow("herald-reply", "the chunks behind the bot's answer "
                + "(QuestionService.ask, top-k " + botK + " chunks): Hits@10 is capped by k; latency is the retrieval "
                + "wall time of retrieval (keyword search runs beside query embedding)", botK, Metrics.Retrieval.of(replyRanks),
                retrievalStages(stageMs), null));
        for (Baselines.Baseline b : baselines) {
            Metrics.Retrieval s = Metrics.Retrieval.of(baseRanks.get(b.name()));
            EvalReport.Latency l = EvalReport.Latency.ofMillis(baseMs.get(b.name()));
            Map<String, Double> ratio = new LinkedHashMap<>();
            ratio.put("hits1", Metrics.ratio(deepScores.hits1(), s.hits1()));
            ratio.put("hits4", Metrics.ratio(deepScores.hits4(), s.hits4()));
            ratio.put("hits10", Metrics.ratio(deepScores.hits10(), s.hits10()));
            ratio.put("mrr10", Metrics.ratio(deepScores.mrr10(), s.mrr10()));
            ratio.put("p50_ms", Metrics.ratio(deepLatency.p50(), l.p50()));
            retrieval.add(new EvalReport.RetrievalRow(b.name(), b.description(), options.retrievalTopK(), s, l, ratio));
        }

        Map<String, EvalReport.Half> halfScores = new LinkedHashMap<>();
        for (int h = 0; h < 2; h++) halfScores.put(h == 0 ? "A" : "B", halves[h].half());
        EvalReport.AnswerScores answers = new EvalReport.AnswerScores(all.contained.size(), all.containedLabelled.size(),
                Metrics.rate(all.contained), Metrics.rate(all.containedLabelled), Metrics.rate(all.first30),
                Metrics.rate(all.wordForms), Metrics.mean(all.words), Metrics.mean(all.wordsAnswered), Metrics.rate(all.abstained),
                all.precision(), all.cited, valid.size(), Metrics.rate(valid), null, halfScores, null);
        Map<String, EvalReport.Latency> stages = new LinkedHashMap<>();
        for (String s : STAGES) stages.put(s, EvalReport.Latency.ofMillis(stageMs.get(s)));
        Map<String, Object> mem = new LinkedHashMap<>(memory.report());
        if (!Double.isNaN(baselineBuildSeconds)) mem.put("baseline_build_seconds", round(baselineBuildSeconds));
        EvalReport partial = new EvalReport(null, null, null, null, retrieval, answers, new EvalReport.Speed(stages, mem));
        return new Result(partial, rows);
    }

    /** Answers within this many words count for the first-words containment (about two lines on a phone). */
    static final int FIRST_WORDS = 30;

    /** Answer scores of a set of questions (all, or one half). */
    private static final class Tally {
        final List<Boolean> contained = new ArrayList<>();
        final List<Boolean> containedLabelled = new ArrayList<>();
        final List<Boolean> first30 = new ArrayList<>();
        final List<Boolean> wordForms = new ArrayList<>();
        final List<Integer> words = new ArrayList<>();
        final List<Integer> wordsAnswered = new ArrayList<>();
        final List<Boolean> abstained = new ArrayList<>();
        final List<Integer> ranks = new ArrayList<>();
        int cited;
        int relevantCited;

        void answer(EvalQuestion q, Reply reply, boolean isContained, boolean isFirst30, boolean inWordForms) {
            contained.add(isContained);
            first30.add(isFirst30);
            wordForms.add(inWordForms);
            if (q.labelled()) {
                containedLabelled.add(isContained);
                List<List<String>> ids = citedIds(reply);
                cited += ids.size();
                relevantCited += Metrics.relevantCited(ids, q.relevantIds());
            }
            int w = Metrics.wordCount(reply.answer().text());
            words.add(w);
            if (!reply.answer().abstained()) wordsAnswered.add(w);
            abstained.add(reply.answer().abstained());
        }

        double precision() {
            return cited == 0 ? Double.NaN : relevantCited / (double) cited;
        }

        EvalReport.Half half() {
            return new EvalReport.Half(contained.size(), Metrics.rate(contained), Metrics.rate(first30),
                    Metrics.mean(words), precision(), ranks.size(), Metrics.mrrAt(ranks, 10));
        }
    }

    private static Integer firstPassageWithAnswer(Reply reply, List<String> answers) {
        List<RetrievedChunk> chunks = reply.search().chunks();
        for (int i = 0; i < chunks.size(); i++) if (Metrics.contains(chunks.get(i).text(), answers)) return i;
        return null;
    }

    private static String firstSentenceWithAnswer(Reply reply, List<String> answers) {
        for (RetrievedChunk c : reply.search().chunks()) {
            for (Sentences.Span s : Sentences.split(c.text())) if (Metrics.contains(s.text(), answers)) return s.text();
        }
        return null;
    }

    /** Each cited article's id followed by the ids of the syndicated copies it stands for. */
    static List<List<String>> citedIds(Reply reply) {
        List<List<String>> out = new ArrayList<>();
        for (var c : reply.answer().citations()) {
            List<String> ids = new ArrayList<>();
            ids.add(c.article().id());
            for (var other : c.alsoReportedBy()) ids.add(other.id());
            out.add(ids);
        }
        return out;
    }

    /**
     * Asks the questions again as of {@code asOf}, a date before the news they ask about, and measures how many
     * abstain; the rows (with each answer's evidence score) serve the abstention calibration.
     */
    public NotCoveredResult notCovered(List<EvalQuestion> questions, java.time.Instant asOf) {
        List<Boolean> abstained = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EvalQuestion q : questions) {
            if (q.needsChoices()) continue;
            Reply reply = herald.questions().ask(q.question(), asOf);
            abstained.add(reply.answer().abstained());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", q.id());
            row.put("question", q.question());
            row.put("answer", reply.answer().text());
            row.put("abstained", reply.answer().abstained());
            row.put("evidence", Math.round(reply.answer().evidence() * 1000) / 1000.0);
            row.put("cited_articles", reply.answer().citations().stream().map(c -> c.article().id()).toList());
            rows.add(row);
        }
        int visible = (int) herald.store().publicationTimes().stream().filter(t -> !t.isAfter(asOf)).count();
        return new NotCoveredResult(new EvalReport.NotCovered(asOf.toString(), abstained.size(), Metrics.rate(abstained),
                visible), rows);
    }

    /**
     * End of the day by which {@code share} of the stored dated articles had been published: "before the archive",
     * for the not-covered pass. On RealTime QA 2022, 2.5 % is mid-2014 (the README's calibration used 2014-06-30):
     * a few old articles are visible, nothing about the questions' news.
     */
    public static java.time.Instant archiveStart(ArticleStore store, double share) {
        List<java.time.Instant> all = store.publicationTimes();
        if (all.isEmpty()) return null;
        java.time.Instant at = all.get((int) Math.min(all.size() - 1, Math.floor(share * all.size())));
        return java.time.LocalDate.ofInstant(at, ZoneOffset.UTC).atTime(java.time.LocalTime.MAX).toInstant(ZoneOffset.UTC);
    }

    /**
     * Asks each open question misspelt ({@link Typos}) and as written, and measures how often the spelling corrector
     * puts the question back as it was written (the search text of the reply is the corrected question), how much
     * containment the typo costs, and how often a question as written is changed.
     */
    public TyposResult typos(List<EvalQuestion> questions) {
        List<Boolean> restored = new ArrayList<>();
        List<Boolean> contained = new ArrayList<>();
        List<Boolean> containedAsWritten = new ArrayList<>();
        List<Boolean> altered = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        progress.start(questions.size());
        int done = 0;
        for (EvalQuestion q : questions) {
            progress.advance(++done);
            if (q.needsChoices()) continue;
            Reply asWritten = herald.questions().ask(q.question(), q.asOf());
            altered.add(!asWritten.searchText().equals(q.question()));
            java.util.Optional<String> misspelt = Typos.misspell(q.question());
            if (misspelt.isEmpty()) continue;
            Reply reply = herald.questions().ask(misspelt.get(), q.asOf());
            boolean back = reply.searchText().equals(q.question());
            boolean in = Metrics.contains(reply.answer().text(), q.answers());
            restored.add(back);
            contained.add(in);
            containedAsWritten.add(Metrics.contains(asWritten.answer().text(), q.answers()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", q.id());
            row.put("question", q.question());
            row.put("misspelt", misspelt.get());
            row.put("searched", reply.searchText());
            row.put("restored", back);
            row.put("contained", in);
            row.put("as_written_searched", asWritten.searchText());
            rows.add(row);
        }
        progress.done();
        return new TyposResult(new EvalReport.TypoScores(restored.size(), Metrics.rate(restored), Metrics.rate(contained),
                Metrics.rate(containedAsWritten), Metrics.rate(altered)), rows);
    }

    /** The typo pass: its scores and one row per misspelt question (for {@code questions-typos.jsonl}). */
    public record TyposResult(EvalReport.TypoScores scores, List<Map<String, Object>> questions) {
    }

    /** The not-covered pass: its scores and one row per question (for {@code questions-not-covered.jsonl}). */
    public record NotCoveredResult(EvalReport.NotCovered scores, List<Map<String, Object>> questions) {
    }

    /** Wall-clock latency of retrieval in each reply (keyword search runs beside query embedding, so not a sum). */
    private static EvalReport.Latency retrievalStages(Map<String, List<Double>> stageMs) {
        return EvalReport.Latency.ofMillis(stageMs.get("retrieve"));
    }

    static List<String> articleIds(SearchResult r) {
        List<String> out = new ArrayList<>(r.chunks().size());
        for (RetrievedChunk c : r.chunks()) out.add(c.article().id());
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Progress of the question loop, on standard error: n/total and time left. */
    public static final class QuestionProgress {
        private final PrintWriter err;
        private final boolean redraw;
        private long start;
        private long lastLine = -1;
        private int total;

        public QuestionProgress(PrintWriter err, boolean redraw) {
            this.err = err;
            this.redraw = redraw;
        }

        public void message(String s) {
            err.println(s);
            err.flush();
        }

        void start(int total) {
            this.total = total;
            this.start = System.nanoTime();
        }

        void advance(int done) {
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            if (!redraw && done < total && lastLine >= 0 && elapsedMs - lastLine < 5000) return;
            lastLine = elapsedMs;
            String line = line(done, total, elapsedMs);
            if (redraw) err.print("\r" + line + "   ");
            else err.println(line);
            err.flush();
        }

        void done() {
            if (redraw) err.println();
            err.flush();
        }

        static String line(int done, int total, long elapsedMs) {
            double s = Math.max(0.001, elapsedMs / 1000.0);
            StringBuilder sb = new StringBuilder(String.format("questions %d/%d · %.1f q/s", done, total, done / s));
            if (done > 0 && done < total) sb.append(" · ETA ").append(Math.round(s * (total - done) / done)).append('s');
            sb.append(" · ").append(Math.round(s)).append('s');
            return sb.toString();
        }
    }
}
