package dev.herald.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.answer.Citation;
import dev.herald.article.Article;
import dev.herald.chat.QuestionService;
import dev.herald.chat.Reply;
import dev.herald.ingest.ArticleFiles;
import dev.herald.text.Terms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filler check: a few seed articles hidden among a few hundred unrelated benchmark articles, with questions about
 * the seed's facts and a few the archive cannot answer. It passes when every seed fact is found and cited from the
 * seed, no answer cites an unrelated article, and every out-of-scope question abstains: a quote from an unrelated
 * article under a correct answer is exactly what makes readers distrust the citations.
 *
 * <p>"Unrelated" is decided from the data, not by hand: a corpus article is left out when it contains any of the
 * seed's rare words (words in at most 1 % of the corpus's articles: names such as Goma or Ruto, and rare vocabulary).
 * The rest are taken at an even stride over the corpus file, so the pick is the same on every run.
 */
public final class FillerCheck {

    /** The questions shipped with Herald, about the project's seed article ({@code ../shared/seed/}). */
    public static final String BUNDLED_QUESTIONS = "/eval/filler-check.jsonl";
    private static final double RARE_SHARE = 0.01;

    /**
     * One question.
     *
     * @param answers strings of which one must occur in the answer (in-scope questions)
     * @param inScope whether the seed answers it; an out-of-scope question must abstain
     * @param follows id of the question this one follows up in the same conversation, or null
     */
    public record Question(String id, String question, List<String> answers, boolean inScope, String follows) {
        public Question {
            answers = List.copyOf(answers);
        }
    }

    /** The articles to load, which of them are the seed, and the moment the questions are asked. */
    public record Archive(List<Article> seed, List<Article> unrelated, Instant asOf) {
        public Set<String> seedIds() {
            Set<String> ids = new HashSet<>();
            for (Article a : seed) ids.add(a.id());
            return ids;
        }

        public List<Article> all() {
            List<Article> out = new ArrayList<>(seed);
            out.addAll(unrelated);
            return out;
        }
    }

    /**
     * @param facts            in-scope questions
     * @param found            in-scope answers containing an expected answer and citing a seed article
     * @param citingUnrelated  answers (any question) citing at least one article that is not a seed article
     * @param outOfScope       out-of-scope questions
     * @param abstained        out-of-scope questions that abstained
     * @param inScopeAbstained in-scope questions that abstained
     * @param meanWords        mean words of the in-scope answers
     */
    public record Result(int facts, int found, int citingUnrelated, int outOfScope, int abstained,
                         int inScopeAbstained, double meanWords, int unrelatedArticles, String asOf,
                         List<Map<String, Object>> rows) {
        public boolean passed() {
            return found == facts && citingUnrelated == 0 && abstained == outOfScope;
        }

        public String summary() {
            return String.format("filler check: %d/%d seed facts found and cited, %d answers cite an unrelated article, "
                            + "%d/%d out-of-scope questions abstain, mean %.1f words; %s", found, facts, citingUnrelated,
                    abstained, outOfScope, meanWords, passed() ? "PASSED" : "FAILED");
        }
    }

    private FillerCheck() {
    }

    /** The bundled questions. */
    public static List<Question> bundledQuestions() {
        try (InputStream in = FillerCheck.class.getResourceAsStream(BUNDLED_QUESTIONS)) {
            if (in == null) throw new IllegalStateException("missing resource " + BUNDLED_QUESTIONS);
            return readQuestions(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Questions from a JSONL file with the bundled file's fields (id, question, answers, in_scope, follows). */
    public static List<Question> readQuestions(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readQuestions(r);
        }
    }

    private static List<Question> readQuestions(BufferedReader r) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Question> out = new ArrayList<>();
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isBlank()) continue;
            JsonNode n = mapper.readTree(line);
            List<String> answers = new ArrayList<>();
            for (JsonNode a : n.path("answers")) answers.add(a.asText());
            out.add(new Question(n.path("id").asText(), n.path("question").asText(), answers,
                    n.path("in_scope").asBoolean(true), n.hasNonNull("follows") ? n.get("follows").asText() : null));
        }
        return out;
    }

    /**
     * The seed articles (every file under {@code seed}) and {@code count} corpus articles that share none of their
     * rare words. An undated seed article is dated like the newest unrelated article, so recency does not single it
     * out; the questions are asked a day later.
     */
    public static Archive archive(Path seed, Path corpus, int count) {
        List<Article> seeds = new ArticleFiles().loadPath(seed).articles();
        if (seeds.isEmpty()) throw new IllegalArgumentException("no article could be loaded from " + seed);
        List<Article> candidates = new ArticleFiles().loadPath(corpus).articles();
        Set<String> seedWords = new HashSet<>();
        for (Article a : seeds) seedWords.addAll(Terms.contentWords(a.title() + " " + a.text()));
        Map<String, Integer> df = new HashMap<>();
        List<Set<String>> words = new ArrayList<>(candidates.size());
        for (Article a : candidates) {
            Set<String> w = new HashSet<>(Terms.contentWords(a.title() + " " + a.text()));
            w.retainAll(seedWords);
            words.add(w);
            for (String t : w) df.merge(t, 1, Integer::sum);
        }
        int rare = Math.max(1, (int) Math.floor(RARE_SHARE * candidates.size()));
        List<Article> unrelated = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            boolean related = false;
            for (String t : words.get(i)) related |= df.get(t) <= rare;
            if (!related && candidates.get(i).publishedAt() != null) unrelated.add(candidates.get(i));
        }
        List<Article> picked = new ArrayList<>();
        double step = Math.max(1.0, unrelated.size() / (double) count);
        for (double i = 0; i < unrelated.size() && picked.size() < count; i += step) picked.add(unrelated.get((int) i));
        Instant newest = picked.stream().map(Article::publishedAt).max(Comparator.naturalOrder())
                .orElse(Instant.parse("2025-01-01T00:00:00Z"));
        List<Article> dated = new ArrayList<>();
        Instant latestSeed = newest;
        for (Article a : seeds) {
            Instant when = a.publishedAt() != null ? a.publishedAt() : newest;
            if (when.isAfter(latestSeed)) latestSeed = when;
            dated.add(new Article(a.id(), a.title(), a.source(), a.url(), when, a.text(), a.origin()));
        }
        Instant asOf = LocalDate.ofInstant(latestSeed.plus(Duration.ofDays(1)), ZoneOffset.UTC).atTime(LocalTime.MAX)
                .toInstant(ZoneOffset.UTC);
        return new Archive(dated, picked, asOf);
    }

    /** Asks every question as of the archive's date, follow-ups in their conversation, and scores the answers. */
    public static Result run(QuestionService questions, Archive archive, List<Question> asked) {
        Set<String> seedIds = archive.seedIds();
        List<String> seedTexts = archive.seed().stream().map(x -> flat(x.text())).toList();
        Map<String, String> conversationOf = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        int facts = 0, found = 0, citingUnrelated = 0, outOfScope = 0, abstained = 0, inScopeAbstained = 0;
        List<Integer> words = new ArrayList<>();
        for (Question q : asked) {
            // a follow-up continues the conversation of the question it follows; any other question starts afresh
            String conversation = q.follows() != null && conversationOf.containsKey(q.follows())
                    ? conversationOf.get(q.follows()) : "filler:" + q.id();
            if (!conversation.equals(conversationOf.get(q.follows()))) questions.conversations().reset(conversation);
            conversationOf.put(q.id(), conversation);
            Reply reply = questions.ask(conversation, q.question(), archive.asOf());
            var a = reply.answer();
            List<String> cited = new ArrayList<>();
            boolean citesSeed = false, unrelated = false;
            for (Citation c : a.citations()) {
                cited.add(c.article().id());
                // by id, or by text: a database filled by an earlier version may store the seed under another id
                if (seedIds.contains(c.article().id()) || quotedFrom(c, seedTexts)) citesSeed = true;
                else unrelated = true;
            }
            boolean contained = q.inScope() && Metrics.contains(a.text(), q.answers());
            if (unrelated) citingUnrelated++;
            if (q.inScope()) {
                facts++;
                if (contained && citesSeed) found++;
                if (a.abstained()) inScopeAbstained++;
                words.add(Metrics.wordCount(a.text()));
            } else {
                outOfScope++;
                if (a.abstained()) abstained++;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", q.id());
            row.put("question", q.question());
            row.put("in_scope", q.inScope());
            row.put("answer", a.text());
            row.put("abstained", a.abstained());
            row.put("evidence", Math.round(a.evidence() * 1000) / 1000.0);
            row.put("cited_articles", cited);
            row.put("cites_seed", citesSeed);
            row.put("cites_unrelated", unrelated);
            row.put("contained", q.inScope() ? contained : null);
            row.put("ok", q.inScope() ? contained && citesSeed && !unrelated : a.abstained());
            rows.add(row);
        }
        // follow-up memory of these conversations is not needed after the check
        for (String c : new HashSet<>(conversationOf.values())) questions.conversations().reset(c);
        return new Result(facts, found, citingUnrelated, outOfScope, abstained, inScopeAbstained, Metrics.mean(words),
                archive.unrelated().size(), archive.asOf().toString(), rows);
    }

    private static boolean quotedFrom(Citation c, List<String> texts) {
        if (c.quotes().isEmpty()) return false;
        for (String q : c.quotes()) {
            String f = flat(q);
            if (texts.stream().noneMatch(t -> t.contains(f))) return false;
        }
        return true;
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The check as a Markdown report: the summary and one line per question. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder("# Herald filler check\n\n");
        sb.append("- ").append(r.summary()).append('\n');
        sb.append("- seed articles among ").append(r.unrelatedArticles()).append(" unrelated articles, asked as of ")
                .append(r.asOf(), 0, 10).append("\n\n");
        sb.append("| id | ok | question | answer |\n|---|---|---|---|\n");
        for (Map<String, Object> row : r.rows()) {
            sb.append("| ").append(row.get("id")).append(" | ").append(Boolean.TRUE.equals(row.get("ok")) ? "yes" : "**no**")
                    .append(" | ").append(cell(row.get("question"))).append(" | ").append(cell(row.get("answer")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(Object o) {
        return String.valueOf(o).replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
