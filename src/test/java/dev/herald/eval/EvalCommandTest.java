package dev.herald.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.cli.HeraldCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import dev.herald.support.StoreBackend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code herald eval} end to end on a tiny corpus, with the real local model and a real SQLite file. */
class EvalCommandTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path questions;

    static final String[] ARTICLES = {
            article("a-recall", "Voltra Motors recalls sedans", "2022-06-10",
                    "Voltra Motors is recalling 40,000 sedans over brake defects. The carmaker said the faulty brake "
                            + "hoses can lengthen stopping distances. Owners will be notified by mail in July."),
            article("a-flood", "Floods hit the valley", "2022-06-12",
                    "Heavy rain flooded farms in the Arden valley. Hundreds of families were forced to leave their "
                            + "homes. The regional government promised emergency funds for the farmers."),
            article("a-mayor", "Mayor re-elected", "2022-06-14",
                    "Mayor Lena Ortiz won a third term with 58 percent of the vote after a quiet campaign. Turnout "
                            + "was the lowest in twenty years, officials said."),
            article("a-quake", "Tremor shakes the capital", "2022-06-15",
                    "A magnitude 5.1 earthquake shook the capital overnight. It cracked walls in the old town but "
                            + "injured no one, the fire service said."),
            article("a-vaccine", "Clinic opens for measles shots", "2022-06-09",
                    "A new clinic in Harbor City offers measles vaccinations to children after a rise in infections. "
                            + "Doctors urged parents to book early."),
            // published after the question that asks about it: must stay invisible to that question
            article("a-late", "Zephyr Labs names a new chief executive", "2022-07-20",
                    "Zephyr Labs named Priya Raman as its new chief executive. Raman previously ran the company's "
                            + "battery division, the board said."),
    };

    static final String[] QUESTIONS = {
            question("q-recall", "Which carmaker is recalling 40,000 sedans over brake defects?",
                    "[\"Voltra Motors\"]", "[\"a-recall\"]", "2022-06-16", false, "gold"),
            question("q-choices", "Which of these happened in the capital this week?",
                    "[\"An earthquake\"]", "[\"a-quake\"]", "2022-06-16", true, "gold"),
            "{ this line is not JSON",
            question("q-unlabelled", "What share of the vote did Mayor Lena Ortiz win?",
                    "[\"58 percent\"]", "[]", "2022-06-16", false, "answer_only"),
            question("q-late", "Who did Zephyr Labs name as its new chief executive?",
                    "[\"Priya Raman\"]", "[\"a-late\"]", "2022-06-16", false, "gold"),
    };

    @BeforeAll
    static void writeFixtures() throws IOException {
        corpus = dir.resolve("corpus.jsonl");
        questions = dir.resolve("questions.jsonl");
        Files.writeString(corpus, String.join("\n", ARTICLES) + "\n");
        Files.writeString(questions, String.join("\n", QUESTIONS) + "\n");
    }

    @Test
    void should_write_parseable_reports_with_right_counts_when_run_on_a_fixture_with_baselines() throws IOException {
        // given
        Path report = dir.resolve("report-full");
        Path db = dir.resolve("full.db");

        // when
        Run run = run("eval", "--corpus", corpus.toString(), "--questions", questions.toString(), "--db", db.toString(),
                "--report", report.toString(), "--baselines", "--warmup", "1", "--embed-sample", "10");

        // then the command succeeds and reports the malformed line by number
        assertEquals(0, run.code, run.err);
        assertTrue(run.err.contains("line 3"), run.err);
        assertTrue(run.out.contains("Hits@10"), run.out);
        assertTrue(Files.exists(db));
        // the closing line names every file written, the not-covered run's rows too
        Path notCoveredRows = report.resolve("questions-not-covered.jsonl");
        assertTrue(Files.exists(notCoveredRows) && run.out.contains(notCoveredRows.toString()), run.out);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(report.resolve("report.json").toFile());
        assertTrue(Files.readString(report.resolve("report.md")).contains("## Baselines"));
        JsonNode counts = json.get("counts");
        assertEquals(4, counts.get("questionsRead").asInt());
        assertEquals(1, counts.get("malformedLines").asInt());
        assertEquals(4, counts.get("evaluated").asInt());
        assertEquals(3, counts.get("labelled").asInt());
        assertEquals(3, counts.get("openAnswer").asInt());
        assertEquals(1, counts.get("needsChoices").asInt());
        assertEquals(6, counts.get("storedArticles").asInt());
        // answers: all three open-answer questions scored, every citation valid
        JsonNode answers = json.get("answers");
        assertEquals(3, answers.get("questions").asInt());
        assertEquals(4, answers.get("citationChecked").asInt());
        assertEquals(1.0, answers.get("citationValidity").asDouble(), 1e-9);
        // the word-forms figure only adds matches ("Obama's" for "Obama") to the strict one
        assertTrue(answers.get("containmentWordForms").asDouble() >= answers.get("containment").asDouble(), answers.toString());
        // retrieval: Herald's deep list, the bot's own reply, and both baselines, each over the 3 labelled questions
        List<String> systems = new ArrayList<>();
        for (JsonNode r : json.get("retrieval")) {
            systems.add(r.get("system").asText());
            assertEquals(3, r.get("scores").get("questions").asInt());
        }
        assertEquals(List.of("herald", "herald-reply", "langchain4j-standard", "bm25-only"), systems);
        assertTrue(json.get("retrieval").get(2).get("heraldRatio").has("hits10"));
        // speed: every stage timed on the 4 measured questions
        assertEquals(4, json.get("speed").get("stages").get("total").get("n").asInt());
        assertTrue(json.get("embedding").get("embedAllChunksPerSecond").asDouble() > 0);
        assertTrue(json.get("ingest").get("firstRun").get("chunks").asInt() > 0);

        // and per question: the recall article is found, the article published after its question is not
        Map<String, JsonNode> rows = rows(mapper, report.resolve("questions.jsonl"));
        assertEquals(4, rows.size());
        assertTrue(rows.get("q-recall").get("rank_herald").asInt() >= 1);
        JsonNode late = rows.get("q-late");
        assertEquals(0, late.get("rank_herald").asInt());
        assertEquals(0, late.get("rank_herald_reply").asInt());
        assertEquals(0, late.get("rank_langchain4j_standard").asInt());
        assertEquals(0, late.get("rank_bm25_only").asInt());
        assertFalse(late.get("answer").asText().contains("Priya Raman"), late.toString());
        assertTrue(rows.get("q-unlabelled").get("rank_herald").isNull());
        assertTrue(rows.get("q-choices").get("contained").isNull());
        // where the answer lies among the passages, and in which sentence (none for a question no passage answers)
        JsonNode recall = rows.get("q-recall");
        assertTrue(recall.get("answer_in_passage").isInt(), recall.toString());
        assertTrue(recall.get("answer_sentence").asText().contains("Voltra Motors"), recall.toString());
        assertTrue(late.get("answer_in_passage").isNull() && late.get("answer_sentence").isNull(), late.toString());
        for (JsonNode r : rows.values()) {
            assertTrue(r.get("citation_valid").asBoolean());
            assertFalse(r.has("quiz_explanation"));
        }
    }

    @Test
    void should_evaluate_only_the_first_n_questions_and_reuse_the_database_when_limited_and_run_again() throws IOException {
        // given
        Path report = dir.resolve("report-limit");
        String[] args = {"eval", "--corpus", corpus.toString(), "--questions", questions.toString(),
                "--db", dir.resolve("limit.db").toString(), "--report", report.toString(), "--limit", "2",
                "--warmup", "0", "--embed-sample", "5"};
        Run first = run(args);
        assertEquals(0, first.code, first.err);

        // when
        Run second = run(args);

        // then
        assertEquals(0, second.code, second.err);
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(2, json.get("counts").get("evaluated").asInt());
        assertEquals(2, Files.readAllLines(report.resolve("questions.jsonl")).size());
        JsonNode ingest = json.get("ingest");
        assertTrue(ingest.get("reusedDatabase").asBoolean());
        assertEquals(0, ingest.get("thisRun").get("chunks").asInt());
        assertEquals(6, ingest.get("thisRun").get("unchanged").asInt());
        assertTrue(ingest.get("firstRun").get("chunks").asInt() > 0, ingest.toString());
    }

    @Test
    void should_report_how_often_a_misspelt_question_is_searched_as_written_when_asked_with_typos() throws IOException {
        // given two reports of a recall (a correction must be a word of at least two passages), and a question
        Path home = Files.createTempDirectory(dir, "typos");
        Path recalls = home.resolve("corpus.jsonl");
        Files.writeString(recalls, String.join("\n", ARTICLES[0],
                article("a-recall-2", "Voltra widens its recall", "2022-06-13", "Voltra Motors is now recalling sedans "
                        + "sold in Canada as well, after regulators there asked about the brake hoses.")) + "\n");
        Path asked = home.resolve("questions.jsonl");
        Files.writeString(asked, question("q-recall", "Which carmaker is recalling sedans over brake defects?",
                "[\"Voltra Motors\"]", "[\"a-recall\"]", "2022-06-16", false, "gold") + "\n");

        // when
        Run run = run("eval", "--corpus", recalls.toString(), "--questions", asked.toString(), "--db",
                home.resolve("t.db").toString(), "--report", home.resolve("r").toString(), "--typos", "--warmup", "0",
                "--embed-sample", "0", "--not-covered-as-of", "none");

        // then "recaling" is searched as "recalling", the question as written is left alone, and the row says so
        assertEquals(0, run.code, run.err);
        JsonNode typos = new ObjectMapper().readTree(home.resolve("r").resolve("report.json").toFile())
                .get("answers").get("typos");
        assertEquals(1, typos.get("misspelt").asInt(), typos.toString());
        assertEquals(1.0, typos.get("restored").asDouble(), typos.toString());
        assertEquals(0.0, typos.get("altered").asDouble(), typos.toString());
        assertEquals(1.0, typos.get("containment").asDouble(), typos.toString());
        JsonNode row = rows(new ObjectMapper(), home.resolve("r").resolve("questions-typos.jsonl")).get("q-recall");
        assertEquals("Which carmaker is recaling sedans over brake defects?", row.get("misspelt").asText());
        assertTrue(Files.readString(home.resolve("r").resolve("report.md")).contains("searched as written | 100.0 %"));
    }

    @Test
    void should_exit_2_with_one_line_when_the_questions_file_is_missing() {
        // given
        Path missing = dir.resolve("nope.jsonl");

        // when
        Run run = run("eval", "--corpus", corpus.toString(), "--questions", missing.toString(),
                "--db", dir.resolve("unused.db").toString());

        // then
        assertEquals(2, run.code);
        assertEquals(List.of("eval: questions file not found: " + missing), run.err.lines().toList());
        assertFalse(Files.exists(dir.resolve("unused.db")));
    }

    @Test
    void should_exit_2_with_one_line_when_the_corpus_is_missing_or_malformed() throws IOException {
        // given
        Path missing = dir.resolve("no-corpus.jsonl");
        Path malformed = dir.resolve("bad-corpus.jsonl");
        Files.writeString(malformed, "this is not json\n");

        // when
        Run a = run("eval", "--corpus", missing.toString(), "--questions", questions.toString());
        Run b = run("eval", "--corpus", malformed.toString(), "--questions", questions.toString());

        // then
        assertEquals(2, a.code);
        assertEquals(List.of("eval: corpus file not found: " + missing), a.err.lines().toList());
        assertEquals(2, b.code);
        assertEquals(1, b.err.lines().count(), b.err);
        assertTrue(b.err.startsWith("eval: corpus file is malformed: " + malformed + " line 1"), b.err);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void should_score_as_on_its_own_file_when_evaluating_on_a_store_url(StoreBackend backend) throws IOException {
        // given a store named by URL, and the secrets a server needs in the environment
        Path home = Files.createTempDirectory(dir, "store-url");
        try (StoreBackend.Location store = backend.create(home)) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("HERALD_STORE_USER", StoreBackend.user(),
                    "HERALD_INDEX_PATH", home.resolve("index").toString()));
            if (StoreBackend.password() != null) env.put("HERALD_STORE_PASSWORD", StoreBackend.password());
            String[] common = {"eval", "--corpus", corpus.toString(), "--questions", questions.toString(),
                    "--warmup", "0", "--embed-sample", "0", "--not-covered-as-of", "none"};

            // when evaluated on its own SQLite file, and on the store
            Run own = run(Map.of(), concat(common, "--db", home.resolve("own.db").toString(), "--report", home.resolve("own").toString()));
            Run onUrl = run(env, concat(common, "--store-url", store.url(), "--report", home.resolve("url").toString()));

            // then the same scores, from the store named
            assertEquals(0, own.code, own.err);
            assertEquals(0, onUrl.code, onUrl.err);
            ObjectMapper mapper = new ObjectMapper();
            JsonNode a = mapper.readTree(home.resolve("own").resolve("report.json").toFile());
            JsonNode b = mapper.readTree(home.resolve("url").resolve("report.json").toFile());
            assertEquals(store.url(), b.get("run").get("database").asText());
            assertEquals(6, b.get("counts").get("storedArticles").asInt());
            assertEquals(a.get("answers").get("containment"), b.get("answers").get("containment"));
            assertEquals(a.get("retrieval").get(0).get("scores"), b.get("retrieval").get(0).get("scores"));
        }
    }

    @Test
    void should_exit_2_when_given_both_a_store_url_and_a_database_file() {
        // when
        Run run = run("eval", "--corpus", corpus.toString(), "--questions", questions.toString(),
                "--db", dir.resolve("both.db").toString(), "--store-url", "jdbc:sqlite:" + dir.resolve("other.db"));

        // then
        assertEquals(2, run.code);
        assertEquals(List.of("eval: --store-url and --db name two stores; give one"), run.err.lines().toList());
        assertFalse(Files.exists(dir.resolve("both.db")));
    }

    // ------------------------------------------------------------------ helpers

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HeraldCli.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Map<String, JsonNode> rows(ObjectMapper mapper, Path file) throws IOException {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = mapper.readTree(line);
            out.put(n.get("id").asText(), n);
        }
        return out;
    }

    static String article(String id, String title, String day, String text) {
        return String.format("{\"id\": \"%s\", \"title\": \"%s\", \"text\": \"%s\", \"source\": \"example.org\", "
                + "\"published_at\": \"%s\", \"url\": \"https://example.org/%s\", \"authors\": []}", id, title, text, day, id);
    }

    static String question(String id, String q, String answers, String relevant, String day, boolean needsChoices,
                           String type) {
        return String.format("{\"id\": \"%s\", \"question\": \"%s\", \"answers\": %s, \"relevant_ids\": %s, "
                        + "\"question_date\": \"%s\", \"needs_choices\": %s, \"type\": \"%s\", "
                        + "\"quiz_explanation\": \"The answer is in the explanation.\"}",
                id, q, answers, relevant, day, needsChoices, type);
    }
}
