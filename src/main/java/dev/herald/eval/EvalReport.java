package dev.herald.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation run measured; serialised as {@code report.json} (NaN becomes null) and rendered as
 * {@code report.md} and the console table.
 *
 * @param run        when, on what files, with which settings
 * @param counts     questions read, evaluated, labelled, scored for answers, malformed lines skipped
 * @param ingest     ingest of the corpus: this run and the first run into this database
 * @param embedding  raw embedding throughput on stored chunks
 * @param retrieval  article-level retrieval, Herald (deep list and the bot's own reply) and each baseline
 * @param answers    answer quality on open-answer questions
 * @param speed      per-stage latency (warm) and memory
 */
public record EvalReport(Map<String, Object> run, Counts counts, Ingest ingest, EmbeddingSpeed embedding,
                         List<RetrievalRow> retrieval, AnswerScores answers, Speed speed) {

    public record Counts(int questionsRead, int malformedLines, int evaluated, int labelled, int openAnswer,
                         int needsChoices, int warmup, int storedArticles, int storedChunks) {
    }

    /** One ingest: counts, chunks embedded, seconds, chunks per second. */
    public record IngestRun(int added, int updated, int unchanged, int skipped, int chunks, double seconds,
                            double chunksPerSecond, boolean interrupted) {
    }

    /**
     * @param firstRun             the first ingest into this database (stored in its meta table), null if unknown
     * @param thisRun              this run's ingest (mostly "unchanged" on a reused database)
     * @param firstRunPercentOfRaw the first run's chunks/s as a percentage of raw {@code embedAll} chunks/s
     */
    public record Ingest(IngestRun firstRun, IngestRun thisRun, boolean reusedDatabase, double firstRunPercentOfRaw) {
    }

    /**
     * @param embedAllChunksPerSecond            Herald's batched {@code embedAll}, the path ingest takes
     * @param unbatchedEmbedAllChunksPerSecond   LangChain4j's own {@code embedAll} (one text per ONNX call), same texts
     * @param minCosineToUnbatched               the smallest cosine between a batched vector and the unbatched one
     */
    public record EmbeddingSpeed(int sampleChunks, double embedChunksPerSecond, double embedAllChunksPerSecond,
                                 double unbatchedEmbedAllChunksPerSecond, double minCosineToUnbatched) {
    }

    /** Latency in milliseconds. */
    public record Latency(int n, double p50, double p95, double p99, double mean) {
        public static Latency ofMillis(List<Double> ms) {
            return new Latency(ms.size(), Metrics.percentile(ms, 50), Metrics.percentile(ms, 95),
                    Metrics.percentile(ms, 99), Metrics.mean(ms));
        }
    }

    /**
     * One retrieval system's article-level scores over the labelled questions, with how long a search took, and
     * Herald's ratio to it (Herald / this; null for Herald's own rows).
     */
    public record RetrievalRow(String system, String description, int topK, Metrics.Retrieval scores,
                               Latency latency, Map<String, Double> heraldRatio) {
    }

    /**
     * @param questions          open-answer questions scored (needs_choices false)
     * @param containment        share whose answer contains a gold answer (normalised, whole words)
     * @param containmentLabelled the same over those with known relevant articles
     * @param containmentFirst30 share whose answer's first 30 words contain a gold answer (what a reader sees first)
     * @param containmentWordForms containment with possessives and joining hyphens read as word breaks ("Obama's"
     *                           holds "Obama"): how much of the gap to the strict figure is spelling, not substance
     * @param meanWords          mean answer length in words, all answers (abstentions included)
     * @param meanWordsAnswered  mean answer length over answers that did not abstain
     * @param abstentionRate     share of abstentions
     * @param citedPrecision     over labelled questions: share of cited articles that are relevant or syndicated
     *                           copies of a relevant one (a lower bound: the labels are incomplete)
     * @param citedArticles      cited articles counted for that share
     * @param citationChecked    answers checked for citation validity (every evaluated question)
     * @param citationValidity   share of those whose citations are valid (must be 1.0)
     * @param notCovered         the same questions asked as of a date before the archive's news, or null if not run
     * @param halves             the same scores on the two halves of the questions split by a hash of their id
     *                           ("A" and "B"), so a change can be checked on each
     * @param typos              the typo pass, or null if not run
     */
    public record AnswerScores(int questions, int labelled, double containment, double containmentLabelled,
                               double containmentFirst30, double containmentWordForms, double meanWords,
                               double meanWordsAnswered,
                               double abstentionRate, double citedPrecision, int citedArticles,
                               int citationChecked, double citationValidity, NotCovered notCovered,
                               Map<String, Half> halves, TypoScores typos) {
        public AnswerScores withNotCovered(NotCovered n) {
            return new AnswerScores(questions, labelled, containment, containmentLabelled, containmentFirst30,
                    containmentWordForms, meanWords, meanWordsAnswered, abstentionRate, citedPrecision, citedArticles, citationChecked,
                    citationValidity, n, halves, typos);
        }

        public AnswerScores withTypos(TypoScores t) {
            return new AnswerScores(questions, labelled, containment, containmentLabelled, containmentFirst30,
                    containmentWordForms, meanWords, meanWordsAnswered, abstentionRate, citedPrecision, citedArticles, citationChecked,
                    citationValidity, notCovered, halves, t);
        }
    }

    /**
     * Questions asked as of {@code asOf}, when the archive holds nothing about the news they ask about: every answer
     * would be a guess, so the share that abstains should be high (see the README's calibration).
     */
    public record NotCovered(String asOf, int questions, double abstentionRate, int visibleArticles) {
    }

    /**
     * The typo pass: each open question asked again with the middle letter of its longest word dropped ({@link
     * Typos}), and as written.
     *
     * @param misspelt              questions that had a word to misspell
     * @param restored              share of those searched as the question was written (every word put back)
     * @param containment           answer containment on the misspelt questions
     * @param containmentAsWritten  answer containment on the same questions as written
     * @param altered               share of the questions as written whose words the corrector changed (should be 0)
     */
    public record TypoScores(int misspelt, double restored, double containment, double containmentAsWritten,
                             double altered) {
    }

    /** Scores of one half of the questions: answers over its open questions, MRR@10 over its labelled ones. */
    public record Half(int questions, double containment, double containmentFirst30, double meanWords,
                       double citedPrecision, int labelled, double mrr10) {
    }

    /** Per-stage latency of {@code QuestionService.ask} (keys embed, keyword, vector, fuse, answer, total), memory. */
    public record Speed(Map<String, Latency> stages, Map<String, Object> memory) {
    }
}
