package dev.herald.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.eval.EvalDatabase;
import dev.herald.eval.EvalQuestion;
import dev.herald.eval.EvalReport;
import dev.herald.eval.Evaluation;
import dev.herald.eval.FillerCheck;
import dev.herald.eval.ReportWriter;
import dev.herald.ingest.IngestSummary;
import dev.herald.ingest.LocalEmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code herald eval}: ingests a benchmark corpus into its own database (reused on the next run), asks every question
 * exactly as the bot would as of the question's date, and writes retrieval, answer and speed figures.
 */
@Command(name = "eval", description = "Evaluate retrieval, answers and speed on a benchmark (corpus + questions JSONL).",
        footer = {"", "Without --db the corpus goes into data/eval-<8 hex>.db, named from the corpus's path, size, "
                + "modification time and the chunking settings, so a re-run reuses it and starts answering within seconds.",
                "Each question is asked as of the end of its question_date (UTC); quiz_explanation is never read."})
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--corpus", required = true, paramLabel = "FILE",
            description = "articles, JSONL (id, title, text, source, published_at, url)")
    Path corpus;

    @Option(names = "--questions", paramLabel = "FILE",
            description = "questions, JSONL (id, question, answers, relevant_ids, question_date, needs_choices, type); "
                    + "required unless --filler-check (which brings its own)")
    Path questionsFile;

    @Option(names = "--filler-check", description = "instead: the seed articles (--seed) among --filler-articles "
            + "unrelated corpus articles, asked about the seed and a few things no article covers; passes when every "
            + "seed fact is found and cited, no answer cites an unrelated article and out-of-scope questions abstain")
    boolean fillerCheck;

    @Option(names = "--seed", paramLabel = "DIR", defaultValue = "../shared/seed",
            description = {"seed articles for --filler-check", "(default: ${DEFAULT-VALUE})"})
    Path seed;

    @Option(names = "--filler-articles", paramLabel = "N", defaultValue = "300",
            description = "unrelated corpus articles for --filler-check (default: ${DEFAULT-VALUE})")
    int fillerArticles;

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.class,
            description = "ask every question as of this date instead of its own (e.g. before the news it asks about, "
                    + "to see how Herald behaves when its sources do not cover a question: abstention calibration)")
    java.time.Instant asOfOverride;

    @Option(names = "--not-covered-as-of", paramLabel = "DATE|auto|none", defaultValue = "auto",
            description = "also ask every open question as of this date, before the news it asks about, and report how "
                    + "many abstain (rows in questions-not-covered.jsonl); auto: the date by which 2.5 %% of the "
                    + "archive's articles were published (default: ${DEFAULT-VALUE})")
    String notCoveredAsOf;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports/eval",
            description = "folder for report.json, report.md and questions.jsonl (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--limit", paramLabel = "N", description = "evaluate only the first N questions")
    Integer limit;

    @Option(names = "--baselines", description = "also score the LangChain4j-standard and BM25-only retrieval baselines")
    boolean baselines;

    @Option(names = "--typos", description = "also ask every open question with the middle letter of its longest "
            + "word dropped, and report how often spelling correction restores it (rows in questions-typos.jsonl)")
    boolean typos;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "questions asked once before timing starts (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--retrieval-k", paramLabel = "K", defaultValue = "30",
            description = "chunks retrieved for the retrieval metrics and baselines (default: ${DEFAULT-VALUE})")
    int retrievalK;

    @Option(names = "--embed-sample", paramLabel = "N", defaultValue = "300",
            description = "stored chunks embedded to measure raw embedding speed (default: ${DEFAULT-VALUE})")
    int embedSample;

    @Option(names = "--store-url", paramLabel = "JDBC-URL",
            description = "evaluate on this store instead of an own SQLite file, e.g. jdbc:postgresql://host:5432/db "
                    + "(user and password from HERALD_STORE_USER, HERALD_STORE_PASSWORD); the corpus is ingested into "
                    + "it, so compare stores with one copied by herald migrate")
    String storeUrl;

    @Override
    public Integer call() throws Exception {
        // 1. Inputs, checked before anything is opened
        Optional<String> problem = corpusProblem(corpus);
        if (problem.isPresent()) return usage(problem.get());
        if (fillerCheck) return fillerCheck();
        if (questionsFile == null) return usage("--questions FILE is required (or --filler-check)");
        if (!Files.exists(questionsFile)) return usage("questions file not found: " + questionsFile);
        if (!Files.isRegularFile(questionsFile) || !Files.isReadable(questionsFile)) {
            return usage("questions file is not a readable file: " + questionsFile);
        }
        if (limit != null && limit < 1) return usage("--limit must be at least 1, got " + limit);
        if (storeUrl != null && root.db != null) return usage("--store-url and --db name two stores; give one");
        if (storeUrl != null && !Settings.storeUrl(storeUrl)) {
            return usage("--store-url must be jdbc:sqlite:FILE or jdbc:postgresql://host:port/database without a "
                    + "user or password in it");
        }
        if (warmup < 0 || retrievalK < 10 || embedSample < 0) {
            return usage("--warmup and --embed-sample must be >= 0 and --retrieval-k >= 10");
        }
        EvalQuestion.Loaded loaded;
        try {
            loaded = EvalQuestion.read(questionsFile);
        } catch (IOException e) {
            return usage("cannot read questions file " + questionsFile + ": " + e.getMessage());
        }
        for (String p : loaded.problems()) root.err().println("eval: " + questionsFile + " " + p + " (skipped)");
        if (loaded.questions().isEmpty()) return usage("no valid question in " + questionsFile);
        List<EvalQuestion> questions = limit == null ? loaded.questions()
                : loaded.questions().subList(0, Math.min(limit, loaded.questions().size()));
        if (asOfOverride != null) {
            questions = questions.stream().map(q -> new EvalQuestion(q.id(), q.question(), q.answers(), q.relevantIds(),
                    q.questionDate(), q.needsChoices(), q.type(), asOfOverride)).toList();
        }

        // 2. The evaluation's own database: by default one per corpus version and chunking
        //    (or the store named by --store-url)
        HeraldConfig config = root.config();
        Path db = root.db != null ? root.db : EvalDatabase.defaultPath(corpus,
                config.get(Settings.CHUNKING_MAX_WORDS), config.get(Settings.CHUNKING_OVERLAP_SENTENCES));
        String database = storeUrl != null ? storeUrl : db.toString();
        boolean fileExisted = Files.exists(db);
        config = storeUrl != null ? config.withOverride(Settings.STORE_URL, storeUrl, "--store-url")
                : config.withOverride(Settings.STORE_PATH, db.toString(), "eval");

        try (Herald herald = Herald.open(config)) {
            // 3. Ingest (unchanged articles are skipped, so a reused database is ready in seconds)
            boolean reused = storeUrl != null ? herald.store().articleCount() > 0 : fileExisted;
            root.err().println("eval: database " + database + (reused ? " (reused)" : " (new)"));
            root.err().flush();
            IngestSummary summary = ingest(herald);
            if (summary.interrupted()) {
                root.err().println("eval: ingest stopped early; run again to resume");
                return 130;
            }
            if (herald.store().articleCount() == 0) {
                String why = summary.skipped().isEmpty() ? "" : " (first problem: " + summary.skipped().get(0) + ")";
                return usage("no article could be loaded from corpus " + corpus + why);
            }
            EvalReport.IngestRun now = new EvalReport.IngestRun(summary.added(), summary.updated(), summary.unchanged(),
                    summary.skipped().size(), summary.chunks(), summary.took().toMillis() / 1000.0,
                    summary.chunksPerSecond(), summary.interrupted());
            Optional<EvalReport.IngestRun> stored = EvalDatabase.firstIngest(herald.meta());
            Optional<EvalReport.IngestRun> first = EvalDatabase.mergeFirst(stored, now);
            if (first.isPresent() && !first.equals(stored)) EvalDatabase.saveFirstIngest(herald.meta(), first.get());

            // 4. Raw embedding speed, then the questions
            Evaluation.QuestionProgress progress = new Evaluation.QuestionProgress(root.err(), System.console() != null);
            Evaluation evaluation = new Evaluation(herald.evaluationServices(retrievalK),
                    new Evaluation.Options(warmup, retrievalK, embedSample, baselines), progress);
            progress.message("eval: measuring raw embedding speed…");
            EvalReport.EmbeddingSpeed speed = evaluation.embeddingSpeed();
            progress.message("eval: " + questions.size() + " questions (" + Math.min(warmup, questions.size())
                    + " warm-up first)");
            Evaluation.Result result = evaluation.run(questions);
            Evaluation.NotCoveredResult notCovered = null;
            Instant notCoveredDay = notCoveredDay(herald);
            if (notCoveredDay != null) {
                progress.message("eval: the same questions as of " + notCoveredDay.toString().substring(0, 10)
                        + ", before the news they ask about…");
                notCovered = evaluation.notCovered(questions, notCoveredDay);
            }

            Evaluation.TyposResult typoPass = null;
            if (typos) {
                progress.message("eval: the same questions misspelt (a letter dropped from the longest word)…");
                typoPass = evaluation.typos(questions);
            }

            // 5. The report
            double pctOfRaw = first.isPresent() && speed.embedAllChunksPerSecond() > 0
                    ? 100 * first.get().chunksPerSecond() / speed.embedAllChunksPerSecond() : Double.NaN;
            EvalReport.Ingest ingest = new EvalReport.Ingest(first.orElse(null), now, reused, pctOfRaw);
            int labelled = (int) questions.stream().filter(EvalQuestion::labelled).count();
            int open = (int) questions.stream().filter(q -> !q.needsChoices()).count();
            EvalReport.Counts counts = new EvalReport.Counts(loaded.questions().size(), loaded.problems().size(),
                    questions.size(), labelled, open, questions.size() - open, Math.min(warmup, questions.size()),
                    herald.store().articleCount(), herald.store().chunkCount());
            EvalReport partial = result.report();
            EvalReport.AnswerScores answers = notCovered == null ? partial.answers()
                    : partial.answers().withNotCovered(notCovered.scores());
            if (typoPass != null) answers = answers.withTypos(typoPass.scores());
            EvalReport report = new EvalReport(runInfo(config, database, herald), counts, ingest, speed,
                    partial.retrieval(), answers, partial.speed());
            ReportWriter.writeAll(reportDir, report, result.questions());
            if (notCovered != null) ReportWriter.writeRows(reportDir.resolve("questions-not-covered.jsonl"), notCovered.questions());
            if (typoPass != null) ReportWriter.writeRows(reportDir.resolve("questions-typos.jsonl"), typoPass.questions());
            root.out().print(ReportWriter.table(report));
            root.out().println("report: " + reportDir.resolve("report.md") + ", " + reportDir.resolve("report.json")
                    + ", " + reportDir.resolve("questions.jsonl")
                    + (notCovered == null ? "" : ", " + reportDir.resolve("questions-not-covered.jsonl"))
                    + (typoPass == null ? "" : ", " + reportDir.resolve("questions-typos.jsonl")));
            root.out().flush();
            return 0;
        }
    }

    /** {@code --filler-check}: its own database (data/filler-*.db unless --db), report in --report. */
    private int fillerCheck() throws IOException {
        if (!Files.exists(seed)) return usage("seed folder not found: " + seed);
        if (fillerArticles < 1) return usage("--filler-articles must be at least 1, got " + fillerArticles);
        List<FillerCheck.Question> questions = questionsFile == null ? FillerCheck.bundledQuestions()
                : FillerCheck.readQuestions(questionsFile);
        FillerCheck.Archive archive = FillerCheck.archive(seed, corpus, fillerArticles);
        HeraldConfig config = root.config();
        Path db = root.db != null ? root.db : Path.of("data", "filler-" + dev.herald.article.Article.sha256Hex(
                EvalDatabase.defaultPath(corpus, config.get(Settings.CHUNKING_MAX_WORDS),
                        config.get(Settings.CHUNKING_OVERLAP_SENTENCES)) + "|" + seed.toAbsolutePath() + "|"
                        + fillerArticles).substring(0, 8) + ".db");
        config = config.withOverride(Settings.STORE_PATH, db.toString(), "eval");
        try (Herald herald = Herald.open(config)) {
            root.err().println("eval: filler check in " + db + ": " + archive.seed().size() + " seed articles among "
                    + archive.unrelated().size() + " unrelated ones (stored articles are skipped)…");
            root.err().flush();
            herald.library().ingestor().ingestAll(archive.all(), dev.herald.ingest.IngestProgress.NONE);
            FillerCheck.Result result = FillerCheck.run(herald.questions(), archive, questions);
            Files.createDirectories(reportDir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("passed", result.passed());
            json.put("result", result);
            ReportWriter.writeAtomically(reportDir.resolve("filler-check.json"),
                    ReportWriter.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            ReportWriter.writeAtomically(reportDir.resolve("filler-check.md"), FillerCheck.markdown(result));
            root.out().println(result.summary());
            root.out().println("report: " + reportDir.resolve("filler-check.md") + ", " + reportDir.resolve("filler-check.json"));
            root.out().flush();
            return result.passed() ? 0 : 1;
        }
    }

    /** The not-covered pass's date, or null when it is switched off (or the value cannot be read). */
    private Instant notCoveredDay(Herald herald) {
        String v = notCoveredAsOf.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none")) return null;
        if (v.equals("auto")) return Evaluation.archiveStart(herald.store(), 0.025);
        return AsOf.parse(notCoveredAsOf);
    }

    private Map<String, Object> runInfo(HeraldConfig config, String database, Herald herald) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", Instant.now().toString());
        m.put("corpus", corpus.toString());
        m.put("questions", questionsFile.toString());
        m.put("database", database);
        m.put("limit", limit);
        m.put("baselines", baselines);
        m.put("warmup", warmup);
        m.put("retrieval_top_k", retrievalK);
        m.put("embed_sample", embedSample);
        m.put("embedding_model", LocalEmbeddingModel.NAME);
        m.put("answerer", herald.answerer().getClass().getSimpleName());
        m.put("chunking_max_words", config.get(Settings.CHUNKING_MAX_WORDS));
        m.put("chunking_overlap_sentences", config.get(Settings.CHUNKING_OVERLAP_SENTENCES));
        m.put("retrieval_options", herald.retriever().options().toString());
        m.put("java", System.getProperty("java.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        return m;
    }

    /** Ingests the corpus with the progress bar; Ctrl-C stops cleanly after the batch in flight, as for ingest. */
    private IngestSummary ingest(Herald herald) {
        ConsoleProgress bar = ConsoleProgress.on(root.err());
        return StopOnSignal.run(herald.library().ingestor(), () -> {
            IngestSummary s = herald.library().ingestCorpus(List.of(corpus), bar);
            bar.done();
            root.err().println("eval: ingest " + s.describe().lines().findFirst().orElse(""));
            root.err().flush();
            return s;
        });
    }

    private int usage(String message) {
        root.err().println("eval: " + message);
        root.err().flush();
        return HeraldCli.USAGE;
    }

    /** A missing, unreadable or malformed corpus, in one line; empty when it looks like article JSONL. */
    static Optional<String> corpusProblem(Path corpus) {
        if (!Files.exists(corpus)) return Optional.of("corpus file not found: " + corpus);
        if (!Files.isRegularFile(corpus) || !Files.isReadable(corpus)) {
            return Optional.of("corpus file is not a readable file: " + corpus);
        }
        String name = corpus.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jsonl")) return Optional.of("corpus file must be JSONL (.jsonl): " + corpus);
        try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                JsonNode n;
                try {
                    n = new ObjectMapper().readTree(line);
                } catch (JsonProcessingException e) {
                    return Optional.of("corpus file is malformed: " + corpus + " line " + lineNo + ": "
                            + e.getOriginalMessage());
                }
                if (n == null || !n.isObject() || !n.hasNonNull("text")) {
                    return Optional.of("corpus file is malformed: " + corpus + " line " + lineNo
                            + ": not an article object with a text field");
                }
                return Optional.empty();
            }
            return Optional.of("corpus file is empty: " + corpus);
        } catch (IOException e) {
            return Optional.of("cannot read corpus file " + corpus + ": " + e.getMessage());
        }
    }
}
