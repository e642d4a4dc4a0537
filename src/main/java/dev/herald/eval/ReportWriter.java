package dev.herald.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code report.json}, {@code report.md} and {@code questions.jsonl}, each atomically, and the console table. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** JSON with NaN and infinities written as null, so any strict parser reads the report. */
    public static ObjectMapper mapper() {
        JsonSerializer<Double> finite = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || v.isNaN() || v.isInfinite()) g.writeNull();
                else g.writeNumber(v);
            }
        };
        SimpleModule m = new SimpleModule();
        m.addSerializer(Double.class, finite);
        m.addSerializer(double.class, finite);
        return new ObjectMapper().registerModule(m);
    }

    public static void writeAll(Path dir, EvalReport report, List<Map<String, Object>> questions) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = mapper();
        writeAtomically(dir.resolve("report.json"),
                mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
        writeAtomically(dir.resolve("report.md"), markdown(report));
        writeRows(dir.resolve("questions.jsonl"), questions);
    }

    /** One JSON object per line. */
    public static void writeRows(Path file, List<Map<String, Object>> rows) throws IOException {
        ObjectMapper mapper = mapper();
        StringBuilder jsonl = new StringBuilder();
        for (Map<String, Object> q : rows) jsonl.append(mapper.writeValueAsString(q)).append('\n');
        writeAtomically(file, jsonl.toString());
    }

    /** Writes to a temporary file beside the target, then moves it into place. */
    public static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String markdown(EvalReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Herald evaluation\n\n");
        sb.append("- run at: ").append(r.run().get("timestamp")).append('\n');
        sb.append("- corpus: `").append(r.run().get("corpus")).append("`, questions: `")
                .append(r.run().get("questions")).append("`, database: `").append(r.run().get("database")).append("`\n");
        EvalReport.Counts c = r.counts();
        sb.append(String.format("- questions: %d read, %d evaluated (%d malformed lines skipped), %d labelled, "
                        + "%d open-answer, %d need choices; %d warm-up questions not timed%n",
                c.questionsRead(), c.evaluated(), c.malformedLines(), c.labelled(), c.openAnswer(), c.needsChoices(),
                c.warmup()));
        sb.append(String.format("- store: %d articles, %d chunks%n%n", c.storedArticles(), c.storedChunks()));

        sb.append("## Retrieval (article level, labelled questions)\n\n");
        sb.append("| system | k (chunks) | n | Hits@1 | Hits@4 | Hits@10 | MRR@10 | p50 ms | p95 ms |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (EvalReport.RetrievalRow row : r.retrieval()) {
            Metrics.Retrieval s = row.scores();
            sb.append(String.format("| %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", row.system(), row.topK(),
                    s.questions(), f3(s.hits1()), f3(s.hits4()), f3(s.hits10()), f3(s.mrr10()), f1(row.latency().p50()),
                    f1(row.latency().p95())));
        }
        sb.append('\n');
        for (EvalReport.RetrievalRow row : r.retrieval()) {
            sb.append("- **").append(row.system()).append("**: ").append(row.description()).append('\n');
        }
        sb.append('\n');

        sb.append("## Answers (questions with needs_choices false)\n\n");
        EvalReport.AnswerScores a = r.answers();
        sb.append("| metric | value |\n|---|---:|\n");
        sb.append(String.format("| questions scored | %d |%n", a.questions()));
        sb.append(String.format("| containment, all | %s |%n", pct(a.containment())));
        sb.append(String.format("| containment, labelled (n = %d) | %s |%n", a.labelled(), pct(a.containmentLabelled())));
        sb.append(String.format("| containment within the first %d words | %s |%n", Evaluation.FIRST_WORDS,
                pct(a.containmentFirst30())));
        sb.append(String.format("| containment, possessives and hyphens read as word breaks (\"Obama's\" holds "
                + "\"Obama\") | %s |%n", pct(a.containmentWordForms())));
        sb.append(String.format("| abstention rate | %s |%n", pct(a.abstentionRate())));
        sb.append(String.format("| mean answer length, words (all / not abstained) | %s / %s |%n",
                f1(a.meanWords()), f1(a.meanWordsAnswered())));
        sb.append(String.format("| cited-article precision, labelled (%d cited articles) | %s |%n", a.citedArticles(),
                f3(a.citedPrecision())));
        if (a.notCovered() != null) {
            sb.append(String.format("| abstention when not covered (as of %s, %d articles visible; n = %d) | %s |%n",
                    a.notCovered().asOf().substring(0, 10), a.notCovered().visibleArticles(), a.notCovered().questions(),
                    pct(a.notCovered().abstentionRate())));
        }
        if (a.typos() != null) {
            EvalReport.TypoScores t = a.typos();
            sb.append(String.format("| misspelt (a letter dropped from the longest word; n = %d): searched as written | %s |%n",
                    t.misspelt(), pct(t.restored())));
            sb.append(String.format("| misspelt: containment (as written: %s) | %s |%n", pct(t.containmentAsWritten()),
                    pct(t.containment())));
            sb.append(String.format("| questions as written that spelling correction changed | %s |%n", pct(t.altered())));
        }
        sb.append(String.format("| citation validity (all %d answers) | %s |%n%n", a.citationChecked(),
                pct(a.citationValidity())));
        sb.append("Containment: a gold answer, lower-cased with ASCII punctuation and typographic quotes removed and "
                + "whitespace collapsed, occurs as whole words in the answer so normalised (citation markers removed "
                + "first). An abstention counts as not containing the answer. Cited-article precision: the share of "
                + "cited articles (over labelled questions) that are among the question's relevant articles or are "
                + "stored copies of one; the labels are incomplete, so it is a lower bound. Not covered: the same "
                + "questions asked as of a date before the news they ask about, when any answer would be a guess.\n\n");
        if (a.halves() != null && !a.halves().isEmpty()) {
            sb.append("Halves (questions split by a hash of their id; keep a change only when it helps both):\n\n");
            sb.append("| half | open questions | containment | first 30 words | mean words | cited precision "
                    + "| labelled | MRR@10 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, EvalReport.Half> e : a.halves().entrySet()) {
                EvalReport.Half h = e.getValue();
                sb.append(String.format("| %s | %d | %s | %s | %s | %s | %d | %s |%n", e.getKey(), h.questions(),
                        pct(h.containment()), pct(h.containmentFirst30()), f1(h.meanWords()), f3(h.citedPrecision()),
                        h.labelled(), f3(h.mrr10())));
            }
            sb.append('\n');
        }

        sb.append("## Speed (warm; QuestionService.ask)\n\n");
        sb.append("| stage | n | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, EvalReport.Latency> e : r.speed().stages().entrySet()) {
            EvalReport.Latency l = e.getValue();
            sb.append(String.format("| %s | %d | %s | %s | %s | %s |%n", e.getKey(), l.n(), f1(l.p50()), f1(l.p95()),
                    f1(l.p99()), f1(l.mean())));
        }
        sb.append('\n');
        EvalReport.Ingest in = r.ingest();
        EvalReport.EmbeddingSpeed em = r.embedding();
        sb.append("| throughput | value |\n|---|---:|\n");
        if (in.firstRun() != null) {
            sb.append(String.format("| first ingest into this database | %d chunks in %.1f s = %.1f chunks/s%s |%n",
                    in.firstRun().chunks(), in.firstRun().seconds(), in.firstRun().chunksPerSecond(),
                    in.firstRun().interrupted() ? " (interrupted)" : ""));
        }
        sb.append(String.format("| this run's ingest | %d chunks in %.1f s (%d unchanged articles skipped) |%n",
                in.thisRun().chunks(), in.thisRun().seconds(), in.thisRun().unchanged()));
        sb.append(String.format("| raw embedding, `embed` one by one (%d chunks) | %s chunks/s |%n", em.sampleChunks(),
                f1(em.embedChunksPerSecond())));
        sb.append(String.format("| raw embedding, `embedAll` (in batches of `embedding.batch`, the ingest path) | %s chunks/s |%n",
                f1(em.embedAllChunksPerSecond())));
        sb.append(String.format("| raw embedding, LangChain4j `embedAll` (one text per call) | %s chunks/s |%n",
                f1(em.unbatchedEmbedAllChunksPerSecond())));
        sb.append(String.format("| smallest cosine, batched vs one text per call | %s |%n",
                Double.isNaN(em.minCosineToUnbatched()) ? "n/a" : String.format("%.4f", em.minCosineToUnbatched())));
        sb.append(String.format("| first ingest rate as %% of raw `embedAll` | %s |%n%n",
                Double.isNaN(in.firstRunPercentOfRaw()) ? "n/a" : f1(in.firstRunPercentOfRaw()) + " %"));
        sb.append("| memory | MiB |\n|---|---:|\n");
        for (Map.Entry<String, Object> e : r.speed().memory().entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue() == null ? "n/a" : e.getValue()).append(" |\n");
        }
        sb.append('\n');

        sb.append("## Baselines (same chunks, same vectors, same questions)\n\n");
        boolean any = false;
        for (EvalReport.RetrievalRow row : r.retrieval()) {
            if (row.heraldRatio() == null) continue;
            if (!any) {
                sb.append("Herald = `herald` row above. Ratio = Herald / baseline (> 1: Herald better, except latency "
                        + "where < 1 is faster).\n\n");
                sb.append("| baseline | Hits@1 | Hits@4 | Hits@10 | MRR@10 | p50 ms | Herald/baseline H@1 | H@4 | H@10 "
                        + "| MRR@10 | p50 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                any = true;
            }
            Metrics.Retrieval s = row.scores();
            Map<String, Double> q = row.heraldRatio();
            sb.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", row.system(),
                    f3(s.hits1()), f3(s.hits4()), f3(s.hits10()), f3(s.mrr10()), f1(row.latency().p50()),
                    f2(q.get("hits1")), f2(q.get("hits4")), f2(q.get("hits10")), f2(q.get("mrr10")), f2(q.get("p50_ms"))));
        }
        if (!any) sb.append("Not run (use `--baselines`).\n");
        else sb.append("\nThe LangChain4j baseline filters chunks to `published_at <= as-of` so the comparison is fair; "
                + "the typical LangChain4j setup has no date filter and would also see articles published after the "
                + "question.\n");
        return sb.toString();
    }

    /** The console summary. */
    public static String table(EvalReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-22s %4s %5s %7s %7s %7s %7s %8s%n", "retrieval", "k", "n", "Hits@1", "Hits@4",
                "Hits@10", "MRR@10", "p50 ms"));
        for (EvalReport.RetrievalRow row : r.retrieval()) {
            Metrics.Retrieval s = row.scores();
            sb.append(String.format("%-22s %4d %5d %7s %7s %7s %7s %8s%n", row.system(), row.topK(), s.questions(),
                    f3(s.hits1()), f3(s.hits4()), f3(s.hits10()), f3(s.mrr10()), f1(row.latency().p50())));
        }
        EvalReport.AnswerScores a = r.answers();
        sb.append(String.format("%nanswers (%d open-answer questions): containment %s (first %d words %s; word forms %s; "
                        + "labelled %s, n=%d), abstained %s, mean %s words (answered %s), cited precision %s, citations valid %s "
                        + "of %d%n", a.questions(), pct(a.containment()), Evaluation.FIRST_WORDS,
                pct(a.containmentFirst30()), pct(a.containmentWordForms()), pct(a.containmentLabelled()), a.labelled(),
                pct(a.abstentionRate()),
                f1(a.meanWords()), f1(a.meanWordsAnswered()), f3(a.citedPrecision()), pct(a.citationValidity()),
                a.citationChecked()));
        if (a.notCovered() != null) {
            sb.append(String.format("not covered (as of %s): %s of %d abstain%n", a.notCovered().asOf().substring(0, 10),
                    pct(a.notCovered().abstentionRate()), a.notCovered().questions()));
        }
        if (a.typos() != null) {
            sb.append(String.format("misspelt (%d): searched as written %s, containment %s (as written %s); as written "
                            + "changed %s%n", a.typos().misspelt(), pct(a.typos().restored()), pct(a.typos().containment()),
                    pct(a.typos().containmentAsWritten()), pct(a.typos().altered())));
        }
        if (a.halves() != null) {
            for (Map.Entry<String, EvalReport.Half> e : a.halves().entrySet()) {
                EvalReport.Half h = e.getValue();
                sb.append(String.format("half %s (%d): containment %s, first %d words %s, mean %s words, cited "
                                + "precision %s, MRR@10 %s (n=%d)%n", e.getKey(), h.questions(), pct(h.containment()),
                        Evaluation.FIRST_WORDS, pct(h.containmentFirst30()), f1(h.meanWords()), f3(h.citedPrecision()),
                        f3(h.mrr10()), h.labelled()));
            }
        }
        sb.append(String.format("%n%-8s %5s %8s %8s %8s%n", "stage", "n", "p50 ms", "p95 ms", "p99 ms"));
        for (Map.Entry<String, EvalReport.Latency> e : r.speed().stages().entrySet()) {
            EvalReport.Latency l = e.getValue();
            sb.append(String.format("%-8s %5d %8s %8s %8s%n", e.getKey(), l.n(), f1(l.p50()), f1(l.p95()), f1(l.p99())));
        }
        EvalReport.Ingest in = r.ingest();
        EvalReport.EmbeddingSpeed em = r.embedding();
        sb.append(String.format("%nembedding: %s chunks/s one by one, %s chunks/s embedAll batched, %s chunks/s"
                        + " LangChain4j embedAll (%d chunks; smallest cosine between them %.4f)%n",
                f1(em.embedChunksPerSecond()), f1(em.embedAllChunksPerSecond()),
                f1(em.unbatchedEmbedAllChunksPerSecond()), em.sampleChunks(), em.minCosineToUnbatched()));
        if (in.firstRun() != null) {
            sb.append(String.format("ingest (first run): %d chunks in %.1f s = %.1f chunks/s (%s of raw embedAll)%n",
                    in.firstRun().chunks(), in.firstRun().seconds(), in.firstRun().chunksPerSecond(),
                    Double.isNaN(in.firstRunPercentOfRaw()) ? "n/a" : f1(in.firstRunPercentOfRaw()) + " %"));
        }
        sb.append(String.format("ingest (this run): %d chunks in %.1f s, %d unchanged%n", in.thisRun().chunks(),
                in.thisRun().seconds(), in.thisRun().unchanged()));
        sb.append("memory (MiB): ").append(r.speed().memory()).append('\n');
        return sb.toString();
    }

    private static String f3(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f2(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f1(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
