package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.herald.ingest.ArticleLoader.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArticleLoaderTest {

    @TempDir
    Path dir;

    private final JsonArticleLoader loader = new JsonArticleLoader();

    @Test
    void should_load_every_object_when_json_file_holds_an_array() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("articles.json"), """
                [
                  {"id": "a1", "title": "First", "text": "One.", "url": "https://www.example.com/one",
                   "published_at": "2022-06-16", "source": "Example News"},
                  {"title": "Second", "body": "Two.", "url": "https://example.com/two", "date": "2022-06-17T08:00:00Z"}
                ]
                """);
        // when
        LoadResult result = loader.load(file);
        // then
        assertTrue(result.skipped().isEmpty(), () -> result.skipped().toString());
        List<Article> a = result.articles();
        assertEquals(2, a.size());
        assertEquals("a1", a.get(0).id());
        assertEquals("Example News", a.get(0).source());
        assertEquals(Instant.parse("2022-06-16T00:00:00Z"), a.get(0).publishedAt());
        assertEquals(Article.deriveId("https://example.com/two", "Second", "Two."), a.get(1).id());
        assertEquals("Two.", a.get(1).text());
        assertEquals("example.com", a.get(1).source(), "host when source is missing");
        assertEquals(Instant.parse("2022-06-17T08:00:00Z"), a.get(1).publishedAt());
    }

    @Test
    void should_name_each_bad_element_by_its_index_when_an_array_is_on_one_line() throws IOException {
        // given: the shape most tools write, everything on line 1
        Path file = Files.writeString(dir.resolve("batch.json"),
                "[{\"title\": \"A\", \"text\": \"One.\"}, {\"title\": \"B\"}, 42, {\"title\": \"D\", \"text\": \"Four.\"}]");
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(2, result.articles().size());
        assertEquals(List.of(file + "[1] (line 1): no article text (need a non-empty \"text\" or \"body\")",
                file + "[2] (line 1): not a JSON object"), result.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void should_read_an_integer_published_at_as_yyyymmdd_and_drop_implausible_dates_with_a_warning() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("dates.json"), """
                [{"id": "d1", "title": "Day", "text": "One.", "published_at": 20250124},
                 {"id": "d2", "title": "Epoch", "text": "Two.", "published_at": 1737676800},
                 {"id": "d3", "title": "Far", "text": "Three.", "published_at": 32503680000},
                 {"id": "d4", "title": "Old", "text": "Four.", "published_at": "1066-10-14"}]
                """);
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(JsonArticleFields.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings = new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try {
            // when
            List<Article> a = loader.load(file).articles();
            // then
            assertEquals(Instant.parse("2025-01-24T00:00:00Z"), a.get(0).publishedAt(), "yyyyMMdd, not 1970");
            assertEquals(Instant.parse("2025-01-24T00:00:00Z"), a.get(1).publishedAt(), "Unix seconds still work");
            assertNull(a.get(2).publishedAt(), "year 3000");
            assertNull(a.get(3).publishedAt(), "year 1066");
            List<String> lines = warnings.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("[2]") && lines.get(0).contains("32503680000") && lines.get(0).contains("3000-01-01"),
                    lines.get(0));
            assertTrue(lines.get(1).contains("[3]") && lines.get(1).contains("1066-10-14"), lines.get(1));
        } finally {
            log.detachAppender(warnings);
        }
    }

    @Test
    void should_load_it_when_json_file_holds_a_single_object() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("one.json"), "{\"title\": \"Solo\", \"text\": \"Alone.\", \"published\": \"2022-06-16 14:30\"}");
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(1, result.articles().size());
        Article a = result.articles().get(0);
        assertEquals("Solo", a.title());
        assertEquals("unknown", a.source());
        assertEquals(Instant.parse("2022-06-16T14:30:00Z"), a.publishedAt());
    }

    @Test
    void should_load_other_lines_and_report_file_line_when_one_jsonl_line_is_malformed() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("corpus.jsonl"), """
                {"id": "rtqa-1", "title": "One", "text": "First text.", "url": "https://cnn.com/a"}
                {"id": "rtqa-2", "title": "Two", "text": "broken
                {"id": "rtqa-3", "title": null, "text": "Third text.", "url": "https://cnn.com/2022/06/12/politics/whats-in-the-deal/index.html"}

                {"id": "rtqa-4", "title": "Four", "text": "   "}
                """);
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(List.of("rtqa-1", "rtqa-3"), result.articles().stream().map(Article::id).toList());
        assertEquals(2, result.skipped().size());
        assertEquals(file + ":2", result.skipped().get(0).where());
        assertTrue(result.skipped().get(0).reason().startsWith("malformed JSON"));
        assertEquals(file + ":5", result.skipped().get(1).where());
        assertTrue(result.skipped().get(1).reason().contains("no article text"));
        assertEquals("Whats in the deal", result.articles().get(1).title(), "null title falls back to the URL slug");
        assertEquals("cnn.com", result.articles().get(1).source());
        assertEquals(file + "#3", result.articles().get(1).origin());
    }

    @Test
    void should_say_a_value_is_far_too_long_for_an_article_when_a_jsonl_line_holds_a_huge_string() throws IOException {
        // given a line whose text is over Jackson's 20-million-character limit, between two good ones
        Path file = dir.resolve("huge.jsonl");
        try (var w = Files.newBufferedWriter(file)) {
            w.write("{\"id\": \"a\", \"text\": \"Fine text.\"}\n{\"id\": \"b\", \"text\": \"");
            char[] block = new char[1_000_000];
            java.util.Arrays.fill(block, 'x');
            for (int i = 0; i < 21; i++) w.write(block);
            w.write("\"}\n{\"id\": \"c\", \"text\": \"Also fine.\"}\n");
        }
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(List.of("a", "c"), result.articles().stream().map(Article::id).toList());
        assertEquals(file + ":2", result.skipped().get(0).where());
        assertEquals("a JSON value is longer than 20 million characters, far beyond any article (is it a whole corpus"
                + " in one field?)", result.skipped().get(0).reason());
    }

    @Test
    void should_keep_article_without_date_when_date_is_unparseable() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("d.jsonl"), "{\"text\": \"T.\", \"published_at\": \"soon\"}\n");
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(1, result.articles().size());
        assertTrue(result.skipped().isEmpty());
        assertNull(result.articles().get(0).publishedAt());
    }

    @Test
    void should_keep_earlier_items_when_json_array_is_truncated() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("cut.json"), "[\n{\"text\": \"Kept.\"},\n{\"text\": \"Lost");
        // when
        LoadResult result = loader.load(file);
        // then
        assertEquals(1, result.articles().size());
        assertEquals(1, result.skipped().size());
        assertTrue(result.skipped().get(0).reason().startsWith("malformed JSON"));
    }

    @Test
    void should_skip_with_reason_when_json_holds_neither_object_nor_array() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("n.json"), "42");
        // when
        LoadResult result = loader.load(file);
        // then
        assertTrue(result.articles().isEmpty());
        assertEquals("expected a JSON object or an array of objects", result.skipped().get(0).reason());
    }
}
