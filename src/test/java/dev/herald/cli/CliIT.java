package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar, run as a user runs it: {@code java -jar target/herald.jar ...} in a fresh folder. */
class CliIT {

    static Path jar;
    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of("target/herald.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run 'mvn package' first: " + jar);
    }

    private Run run(String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_") || k.equals("TELEGRAM_BOT_TOKEN"));
        pb.environment().putAll(env);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "herald did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run("", Map.of(), args);
    }

    @Test
    void should_answer_with_numbered_citations_as_json_on_the_sample_news() throws Exception {
        // when
        Run r = run("ask", "--as-of", "2025-01-30", "--json", "Who controls Goma now?");

        // then
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("Who controls Goma now?", json.get("question").asText());
        assertFalse(json.get("abstained").asBoolean());
        assertTrue(json.get("answer").asText().contains("[1]"));
        JsonNode c = json.get("citations").get(0);
        assertEquals(1, c.get("n").asInt());
        for (String field : List.of("article_id", "title", "source", "url", "published_at", "quote")) {
            assertTrue(c.hasNonNull(field), "citation lacks " + field);
        }
        assertTrue(json.get("took_ms").asLong() >= 0);
    }

    @Test
    void should_hold_a_console_conversation_with_follow_ups_when_run_without_arguments() throws Exception {
        // when: no command, no Telegram token
        Run r = run("Who controls Goma now?\nand how many were injured?\n/quit\n", Map.of());

        // then
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("sample news"), r.out());
        assertTrue(r.out().contains("Sources:"), r.out());
        assertTrue(r.out().contains("300"), r.out());
    }

    @Test
    void should_print_usage_and_exit_2_for_unknown_commands_and_bad_options() throws Exception {
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Usage"), unknown.err());
        Run badOption = run("ask", "--as-of", "yesterday-ish", "hello");
        assertEquals(2, badOption.exit());
        assertTrue(badOption.err().contains("YYYY-MM-DD"), badOption.err());
    }

    @Test
    void should_stop_with_one_clear_line_for_a_bad_setting() throws Exception {
        // when
        Run r = run("", Map.of("HERALD_RETRIEVAL_TOP_K", "abc"), "stats");

        // then
        assertEquals(2, r.exit());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), r.err());
        assertTrue(line.contains("retrieval.top-k") && line.contains("abc") && line.contains("1 to 50"), line);
        assertFalse(line.contains("Exception"), line);
    }

    @Test
    void should_ingest_a_folder_skip_bad_files_and_report_them_with_db_given_before_or_after_the_command() throws Exception {
        // given
        Path news = Files.createDirectories(work.resolve("news/sub"));
        Files.writeString(news.resolve("tram.md"), "---\ntitle: Tram line opens\nsource: City Desk\npublished: 2025-02-01\n---\n"
                + "The new tram line opened on Saturday with free rides for a week.\n");
        Files.write(news.resolve("broken.html"), new byte[]{0, 1, 2, 3, 0, 0, 7});
        Files.writeString(news.resolve("empty.txt"), "");

        // when
        Run ingest = run("--db", "mine.db", "ingest", "news");
        Run sources = run("sources", "--db", "mine.db");
        Run stats = run("stats", "--db", "mine.db");
        Run ask = run("--db", "mine.db", "ask", "--as-of", "2025-02-02", "When did the tram line open?");

        // then
        assertEquals(0, ingest.exit(), ingest.err());
        assertTrue(ingest.out().contains("1 added"), ingest.out());
        assertTrue(ingest.out().contains("broken.html") && ingest.out().contains("binary"), ingest.out());
        assertTrue(ingest.out().contains("empty.txt") && ingest.out().contains("empty"), ingest.out());
        assertTrue(sources.out().contains("City Desk"), sources.out());
        assertTrue(stats.out().contains("articles   1"), stats.out());
        assertTrue(ask.out().contains("Saturday") && ask.out().contains("[1] Tram line opens — City Desk"), ask.out());
        assertTrue(Files.exists(work.resolve("mine.db")));
    }

    @Test
    void should_say_so_instead_of_guessing_when_the_news_does_not_cover_a_question() throws Exception {
        // when
        Run r = run("ask", "--as-of", "2025-01-30", "What is the boiling point of tungsten?");

        // then
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("I couldn't find this in my sources."), r.out());
    }

    @Test
    void should_stop_the_bot_cleanly_when_the_process_gets_sigterm() throws Exception {
        // given the sample news loaded, and the jar running as a bot against a fake Bot API
        assertEquals(0, run("reload").exit());
        String token = "123456789:AAE_fake-token-for-tests_abcdefghijk";
        try (dev.herald.telegram.FakeBotApi api = new dev.herald.telegram.FakeBotApi(token)) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "bot").directory(work.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_") || k.equals("TELEGRAM_BOT_TOKEN"));
            pb.environment().putAll(Map.of("TELEGRAM_BOT_TOKEN", token, "HERALD_TELEGRAM_API_URL", api.url(),
                    "HERALD_LOG_LEVEL", "INFO"));
            Path log = work.resolve("bot.txt");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process bot = pb.start();
            try {
                api.push(api.privateText(1001, "Who controls Goma?"));
                String answer;
                try {
                    // a cold JVM loads the jar, the database and the embedding model before it can answer
                    answer = api.awaitSent(1001, 1, 60_000).get(0).text();
                } catch (AssertionError e) {
                    throw new AssertionError("no answer; the bot printed:\n" + Files.readString(log), e);
                }
                assertTrue(answer.contains("[1]"), answer);

                // when
                bot.destroy(); // SIGTERM

                // then the shutdown hook stops polling, closes the database, and the process ends
                assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "bot did not stop on SIGTERM");
                String output = Files.readString(log);
                assertTrue(output.contains("stopping Herald bot @HeraldTestBot"), output);
                assertFalse(output.contains(token), "the token never appears in the log");
                int polls = api.calls("getUpdates").size();
                Thread.sleep(500);
                assertEquals(polls, api.calls("getUpdates").size(), "no polling after exit");
            } finally {
                bot.destroyForcibly();
            }
        }
        Run stats = run("stats");
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains("articles   9"), stats.out());
    }
}
