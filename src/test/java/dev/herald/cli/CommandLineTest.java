package dev.herald.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line in-process, as a user types it: exit codes and what is printed. Real SQLite file. */
class CommandLineTest {

    @TempDir
    Path dir;
    private HttpServer site;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/tram", ex -> {
            byte[] body = ("<html><head><title>Tram line opens</title></head><body><article><h1>Tram line opens</h1>"
                    + "<p>The new tram line opened on Saturday with free rides for a week, the city said.</p>"
                    + "</article></body></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        site.start();
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private Run run(Map<String, String> env, String... args) {
        return runOn(dir.resolve("h.db"), env, args);
    }

    private Run runOn(Path db, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.toString());
        int code = HeraldCli.run(all.toArray(String[]::new), env, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Private addresses allowed, so that a source on 127.0.0.1 can be added. */
    private Run runLocal(String... args) {
        return run(Map.of("HERALD_SOURCES_ALLOW_PRIVATE_ADDRESSES", "true"), args);
    }

    // ---------------------------------------------------------------- item 17: help, bad paths, bad log level

    @Test
    void should_print_help_and_exit_0_when_any_command_gets_help() {
        // given every command and subcommand
        List<List<String>> commands = new ArrayList<>();
        collect(HeraldCli.commandLine(Map.of(), null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), commands);
        assertTrue(commands.size() >= 13, "commands found: " + commands);
        for (List<String> path : commands) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            // when
            Run r = run(args.toArray(String[]::new));
            // then
            assertEquals(0, r.exit(), path + " --help: " + r.err());
            assertTrue(r.out().startsWith("Usage: herald" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    path + ": " + r.out());
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            path.add(e.getKey());
            collect(e.getValue(), path, out);
            path.remove(path.size() - 1);
        }
    }

    @Test
    void should_show_the_subcommands_help_when_asked_for_help_on_a_nested_command() {
        // when
        Run r = run("help", "sources", "add");
        // then
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: herald sources add"), r.out());
        assertTrue(r.out().contains("--every"), r.out());
    }

    @Test
    void should_exit_non_zero_with_a_message_when_an_ingest_path_does_not_exist() {
        // when
        Run r = run("ingest", dir.resolve("nonexistent").toString());
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        assertTrue(r.err().contains("no such file or directory: " + dir.resolve("nonexistent")), r.err());
    }

    @Test
    void should_refuse_an_empty_ingest_path_rather_than_load_the_current_folder() {
        // when ("" is what an unset shell variable gives: herald ingest "$NEWS_DIR")
        Run r = run("ingest", "");
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        assertTrue(r.err().contains("an empty path"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void should_refuse_a_negative_number_of_articles_to_list() {
        // when
        Run r = run("sources", "--articles", "-1");
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        assertTrue(r.err().contains("--articles must be 0 or more"), r.err());
    }

    @Test
    void should_refuse_an_unknown_log_level_with_one_line() {
        // when
        Run r = run(Map.of("HERALD_LOG_LEVEL", "LOUD"), "stats");
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), r.err());
        assertTrue(line.contains("HERALD_LOG_LEVEL") && line.contains("LOUD") && line.contains("INFO"), line);
    }

    // ---------------------------------------------------------------- item 16: sources add / remove, remove

    @ParameterizedTest
    @ValueSource(strings = {"5x", "banana", "0s", "1ms", "100000d"})
    void should_refuse_a_bad_interval_and_register_nothing_when_adding_a_source(String every) {
        // when
        Run r = runLocal("sources", "add", url("/tram"), "--every", every);
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        assertTrue(r.err().contains("--every") && r.err().contains(every), r.err());
        assertTrue(r.err().contains("not a duration") || r.err().contains("too short") || r.err().contains("too long"),
                r.err());
        assertTrue(runLocal("sources", "list").out().startsWith("No sources yet"), "nothing was registered");
    }

    @Test
    void should_apply_a_new_interval_and_name_when_a_known_source_is_added_again() {
        // given
        Run first = runLocal("sources", "add", url("/tram"), "--every", "15m");
        assertEquals(0, first.exit(), first.out() + first.err());
        // when
        Run again = runLocal("sources", "add", url("/tram"), "--every", "2h", "--name", "City Desk");
        // then
        assertEquals(0, again.exit(), again.out() + again.err());
        String list = runLocal("sources", "list").out();
        assertTrue(list.contains("City Desk (" + url("/tram") + ") [added], every 2h"), list);
        assertEquals(1, list.strip().lines().count(), list);
    }

    @Test
    void should_not_register_a_source_when_adding_it_fails() {
        // when: private addresses are refused by default, so the local page cannot be fetched
        Run r = run("sources", "add", url("/tram"));
        // then
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("private or local address") && r.out().contains("not added"), r.out());
        assertTrue(run("sources", "list").out().startsWith("No sources yet"), "nothing was registered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing/folder", "javascript:alert(1)"})
    void should_refuse_to_add_a_source_that_is_no_existing_path_or_web_url(String location) {
        // when
        Run r = runLocal("sources", "add", location);
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no such file or folder: " + location), r.err());
        assertTrue(runLocal("sources", "list").out().startsWith("No sources yet"), "nothing was registered");
    }

    @Test
    void should_exit_non_zero_when_removing_a_source_that_is_not_known() {
        // when
        Run r = run("sources", "remove", "https://example.org/never-added.xml");
        // then
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("No added source is https://example.org/never-added.xml"), r.err());
    }

    @Test
    void should_say_what_is_stored_when_there_are_no_sources() throws IOException {
        // given an empty database, then one article ingested by hand
        String empty = run("sources", "list").out();
        Path file = Files.writeString(dir.resolve("tram.md"), "---\ntitle: Tram line opens\n---\nThe new tram line opened.\n");
        assertEquals(0, run("ingest", file.toString()).exit());
        // when
        String own = run("sources", "list").out();
        // then neither is told it answers from the samples
        assertTrue(empty.startsWith("No sources yet: the archive is empty."), empty);
        assertTrue(own.startsWith("No sources yet: 1 article ingested by hand is stored."), own);
    }

    @Test
    void should_remove_an_article_by_url_and_exit_non_zero_for_an_unknown_one() throws IOException {
        // given one article loaded from a file
        Path file = Files.writeString(dir.resolve("tram.md"), "---\ntitle: Tram line opens\nurl: https://example.org/tram\n"
                + "---\nThe new tram line opened on Saturday with free rides for a week.\n");
        assertEquals(0, run("ingest", file.toString()).exit());
        // when
        Run removed = run("remove", "https://example.org/tram");
        Run unknown = run("remove", "https://example.org/tram");
        // then
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(removed.out().contains("Removed https://example.org/tram"), removed.out());
        assertTrue(run("stats").out().contains("articles   0"));
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no article has the id or URL"), unknown.err());
    }

    @Test
    void should_say_a_new_database_was_created_when_a_reading_command_names_a_missing_file() {
        // given a database name that names no file (a typo for h.db)
        Path typo = dir.resolve("hreald.db");
        // when
        Run stats = runOn(typo, Map.of(), "stats");
        Run again = runOn(typo, Map.of(), "stats");
        // then the first run says the file was new; the second (it exists now) says nothing
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.err().contains(typo + " did not exist, so a new database was created there"), stats.err());
        assertEquals("", again.err());
    }

    // ---------------------------------------------------------------- item 8: credentials in URLs

    @Test
    void should_refuse_a_source_url_with_credentials_without_repeating_them() {
        // when
        Run r = runLocal("sources", "add", "http://editor:hunter2@127.0.0.1:" + site.getAddress().getPort() + "/tram");
        // then
        assertEquals(HeraldCli.USAGE, r.exit(), r.out());
        assertTrue(r.err().contains("user name or password"), r.err());
        assertFalse((r.out() + r.err()).contains("hunter2"), r.out() + r.err());
        assertTrue(runLocal("sources", "list").out().startsWith("No sources yet"), "nothing was registered");
    }

    @Test
    void should_store_and_cite_an_article_link_without_its_credentials() throws IOException {
        // given a file whose link carries a user and password, as some feed items do
        Path file = Files.writeString(dir.resolve("tram.md"), "---\ntitle: Tram line opens\n"
                + "url: https://editor:hunter2@example.org/tram\npublished: 2025-02-01\n---\n"
                + "The new tram line opened on Saturday with free rides for a week.\n");
        assertEquals(0, run("ingest", file.toString()).exit());
        // when
        Run sources = run("sources");
        Run ask = run("ask", "--json", "--as-of", "2025-02-02", "When did the tram line open?");
        // then
        assertTrue(sources.out().contains("https://example.org/tram"), sources.out());
        assertTrue(ask.out().contains("\"url\" : \"https://example.org/tram\""), ask.out());
        assertFalse((sources.out() + ask.out()).contains("hunter2"), sources.out() + ask.out());
    }

    // ---------------------------------------------------------------- item 3: content.allowed-roots

    @Test
    void should_refuse_to_ingest_outside_the_allowed_roots_and_links_leaving_them(@TempDir Path outside) throws IOException {
        // given a notes file outside the database's folder, and a folder inside it holding a link to the notes
        Path notes = Files.writeString(outside.resolve("notes.txt"), "title: Notes\n\nThe admin password is swordfish.\n");
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("tram.txt"), "title: Tram line opens\n\nThe new tram line opened on Saturday.\n");
        Files.createSymbolicLink(news.resolve("leak.txt"), notes);
        // when
        Run direct = run("ingest", notes.toString());
        Run folder = run("ingest", news.toString());
        Run allowed = run(Map.of("HERALD_CONTENT_ALLOWED_ROOTS", outside.toString()), "ingest", notes.toString());
        // then
        assertEquals(HeraldCli.USAGE, direct.exit(), direct.out());
        assertTrue(direct.err().contains(notes + " is outside content.allowed-roots"), direct.err());
        assertEquals(0, folder.exit(), folder.err());
        assertTrue(folder.out().contains("1 added") && folder.out().contains("leak.txt: links to " + notes.toRealPath()),
                folder.out());
        assertEquals(0, allowed.exit(), allowed.err());
        assertTrue(allowed.out().contains("1 added"), allowed.out());
    }

    // ---------------------------------------------------------------- item 19: output

    @Test
    void should_count_and_pluralise_right_and_report_each_skip_once_when_ingesting() throws IOException {
        // given a .json array (three articles in one file, the progress estimate counts one) and an empty file
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("batch.json"), "[{\"id\": \"a\", \"title\": \"A\", \"text\": \"One.\"},"
                + "{\"id\": \"b\", \"title\": \"B\", \"text\": \"Two.\"}, {\"id\": \"c\", \"title\": \"C\", \"text\": \"Three.\"}]");
        Files.writeString(news.resolve("empty.txt"), "");
        Path one = Files.writeString(dir.resolve("one.txt"), "title: One\n\nJust one sentence here.\n");
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.herald");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            // when
            Run batch = run("ingest", news.toString());
            Run single = run("ingest", one.toString());
            // then
            assertEquals(0, batch.exit(), batch.err());
            assertFalse(batch.err().matches("(?s).*\\b4/2 articles.*"), batch.err());
            assertTrue(batch.err().contains("4 articles · 3 chunks"), batch.err());
            assertTrue(single.out().contains("; 1 chunk in "), single.out());
            assertTrue(single.err().contains("1/1 article · 1 chunk ·"), single.err());
            assertEquals(1, batch.out().split("empty.txt", -1).length - 1, batch.out());
            assertTrue(logged.list.stream().noneMatch(e -> e.getFormattedMessage().contains("empty.txt")),
                    "the skipped file is reported by the summary only, not also as a log line");
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void should_align_the_outlet_table_when_names_are_wide_long_or_hold_line_breaks() throws IOException {
        // given outlets named in Chinese, with a newline, and longer than the column
        Path news = Files.createDirectories(dir.resolve("news"));
        String[] outlets = {"新华社", "Line\\nBreak Times", "The Extraordinarily Long Name Of A Regional Newspaper", "AP",
                "Reuters Institute for the Study of Journalism"};
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < outlets.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"o").append(i).append("\", \"title\": \"T").append(i)
                    .append("\", \"text\": \"Text number ").append(i).append(".\", \"source\": \"").append(outlets[i])
                    .append("\", \"published_at\": \"2025-01-2").append(i).append("\"}");
        }
        Files.writeString(news.resolve("o.json"), json.append("]").toString());
        assertEquals(0, run("ingest", news.toString()).exit());
        // when
        List<String> rows = run("sources", "--articles", "0").out().strip().lines().toList();
        // then: every row is one line, and the article counts end in the same column
        assertEquals(outlets.length + 1, rows.size(), String.join("\n", rows));
        int end = Columns.width(rows.get(0).substring(0, rows.get(0).indexOf("articles") + "articles".length()));
        for (String row : rows.subList(1, rows.size())) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*? +1)  ").matcher(row);
            assertTrue(m.find(), row);
            assertEquals(end, Columns.width(m.group(1)), "misaligned: " + row);
            assertTrue(Columns.width(row) <= 80, "wider than a terminal: " + row);
        }
        // a long name that fits is shown whole; only the one past the column is cut
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("Reuters Institute for the Study of Journalism ")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("The Extraordinarily Long Name Of A Regional N… ")), String.join("\n", rows));
    }

    @Test
    void should_keep_each_quote_on_one_line_when_answering_as_json() throws IOException {
        // given a sentence written across two lines of its file
        Path file = Files.writeString(dir.resolve("tram.md"), "---\ntitle: Tram line opens\npublished: 2025-02-01\n---\n"
                + "The new tram line opened on Saturday\nwith free rides for a week.\n");
        assertEquals(0, run("ingest", file.toString()).exit());
        // when
        Run ask = run("ask", "--json", "--as-of", "2025-02-02", "When did the tram line open?");
        // then
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ask.out());
        String quote = json.get("citations").get(0).get("quote").asText();
        assertTrue(quote.contains("Saturday with free rides"), quote);
        assertFalse(quote.contains("\n"), quote);
    }

    @Test
    void should_refuse_a_question_longer_than_the_chat_and_the_bot_accept() {
        // when: 1,500 characters, over telegram.max-question-chars (1,000), which the chat and the bot apply
        Run ask = run("ask", "who controls goma ".repeat(84));
        // then
        assertEquals(2, ask.exit(), ask.err());
        assertTrue(ask.err().contains("too long for a question (1511 characters; the limit is 1000)"), ask.err());
        assertEquals("", ask.out());
    }

    @Test
    void should_give_the_question_as_asked_and_the_correction_in_the_note_when_answering_as_json() throws IOException {
        // given the sample news (an empty database), and a question misspelling two words the archive knows
        // when
        Run ask = run("ask", "--json", "--as-of", "2025-01-28", "Who contrls Gomma?");
        // then "question" is what was asked, and the note says what was searched
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ask.out());
        assertEquals("Who contrls Gomma?", json.get("question").asText());
        assertTrue(json.has("note") && json.get("note").asText().contains("Goma"), ask.out());
    }

    @Test
    void should_grow_an_archive_and_time_its_start_up_to_the_first_answer() throws IOException {
        // given an archive of two articles
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("tram.txt"), "title: Tram line opens\npublished: 2024-03-02\n"
                + "url: https://example.org/news/tram#top\n\n"
                + "The new tram line in Lyonsfield opened on Saturday with free rides for a week, the city said.\n");
        Files.writeString(news.resolve("bridge.txt"), "title: Bridge closes\npublished: 2024-03-03\n"
                + "url: https://example.org/news/bridge?id=7\n\n"
                + "The old bridge over the Wendle river closes for repairs until June, engineers said.\n");
        assertEquals(0, run("ingest", news.toString()).exit());
        Path big = dir.resolve("big.db");
        Path report = dir.resolve("report");

        // when it is grown to three times its size, then started on and asked
        Run grow = run("bench", "grow", "--from", dir.resolve("h.db").toString(), "--to", big.toString(), "--copies", "2");
        Run start = runOn(big, Map.of(), "bench", "start", "--question", "When does the Wendle bridge reopen?",
                "--as-of", "2024-03-04", "--report", report.toString());

        // then the report has the grown archive's size, the start-up phases in order and an answer, not an abstention
        assertEquals(0, grow.exit(), grow.err());
        assertTrue(grow.err().contains("6 articles"), grow.err()); // the originals and two copies of each, with links
        assertEquals(0, start.exit(), start.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("bench-start.json").toFile());
        assertEquals(6, json.get("articles").asInt(), json.toString());
        assertEquals(big.toString(), json.get("database").asText());
        assertFalse(json.get("abstained").asBoolean(), json.toString());
        assertFalse(json.get("index_existed").asBoolean(), "the grown archive has no index yet: " + json);
        assertTrue(json.get("jvm_to_first_answer_ms").asLong() >= json.get("jvm_to_open_ms").asLong(), json.toString());
        assertTrue(Files.exists(report.resolve("bench-start.md")));
        assertTrue(start.out().contains("jvm_to_first_answer_ms: "), start.out());
    }
}
