package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.herald.ingest.ArticleLoader.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextArticleLoaderTest {

    @TempDir
    Path dir;

    private final TextArticleLoader loader = new TextArticleLoader();

    private Article loadOne(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        LoadResult result = loader.load(file);
        assertEquals(1, result.articles().size(), () -> "skipped: " + result.skipped());
        return result.articles().get(0);
    }

    @Test
    void should_read_all_fields_when_markdown_has_fenced_front_matter() throws IOException {
        // given
        String md = """
                ---
                title: "Tram line opens"
                source: City Gazette
                url: https://example.org/tram
                published: 2025-01-25T09:15:00+01:00
                tags: [transport]
                ---

                # Tram line opens

                The **new** line has _sixteen_ stops.
                """;
        // when
        Article a = loadOne("tram.md", md);
        // then
        assertEquals("Tram line opens", a.title());
        assertEquals("City Gazette", a.source());
        assertEquals("https://example.org/tram", a.url());
        assertEquals(Instant.parse("2025-01-25T08:15:00Z"), a.publishedAt());
        assertEquals("Tram line opens\n\nThe new line has sixteen stops.", a.text());
        assertEquals(Article.deriveId("https://example.org/tram", null, ""), a.id());
        assertTrue(a.origin().endsWith("tram.md"));
    }

    @Test
    void should_read_plain_header_when_keys_are_capitalised_and_end_with_blank_line() throws IOException {
        // given
        String txt = "Title: Cup final\nSOURCE: Sports Desk\nPublished: 2022-06-16 14:30\n\nRovers won on penalties.\n";
        // when
        Article a = loadOne("final.txt", txt);
        // then
        assertEquals("Cup final", a.title());
        assertEquals("Sports Desk", a.source());
        assertEquals(Instant.parse("2022-06-16T14:30:00Z"), a.publishedAt());
        assertEquals("Rovers won on penalties.", a.text());
    }

    @Test
    void should_use_start_of_day_utc_when_published_is_a_date() throws IOException {
        // given
        String txt = "published: 2022-06-16\n\nBody text.";
        // when
        Article a = loadOne("dated.txt", txt);
        // then
        assertEquals(Instant.parse("2022-06-16T00:00:00Z"), a.publishedAt());
        assertEquals("Body text.", a.title());
    }

    @Test
    void should_keep_article_without_date_when_published_is_unparseable() throws IOException {
        // given
        String txt = "title: Odd date\npublished: last Tuesday-ish\n\nStill worth keeping.";
        // when
        LoadResult result = loader.load(Files.writeString(dir.resolve("odd.txt"), txt));
        // then
        assertEquals(1, result.articles().size());
        assertTrue(result.skipped().isEmpty());
        assertNull(result.articles().get(0).publishedAt());
    }

    @Test
    void should_use_first_line_as_title_when_there_is_no_header() throws IOException {
        // given
        String md = "\n## Drought lifts coffee prices\n\nArabica rose 12 percent.";
        // when
        Article a = loadOne("coffee.md", md);
        // then
        assertEquals("Drought lifts coffee prices", a.title());
        assertEquals("unknown", a.source());
        assertNull(a.url());
        assertNull(a.publishedAt());
    }

    @Test
    void should_use_file_name_as_title_when_first_line_is_too_long() throws IOException {
        // given
        String txt = "word ".repeat(60) + "\n\nSecond paragraph.";
        // when
        Article a = loadOne("long-first-line.txt", txt);
        // then
        assertEquals("long-first-line", a.title());
    }

    @Test
    void should_not_treat_body_as_header_when_no_known_key_is_present() throws IOException {
        // given
        String txt = "Update: the bridge is closed.\n\nMore later.";
        // when
        Article a = loadOne("update.txt", txt);
        // then
        assertEquals("Update: the bridge is closed.", a.title());
        assertTrue(a.text().startsWith("Update: the bridge is closed."));
    }

    @Test
    void should_keep_body_when_fence_is_not_closed() throws IOException {
        // given
        String md = "---\ntitle: not really a header\n\nBody after a rule.";
        // when
        Article a = loadOne("rule.md", md);
        // then
        assertTrue(a.text().contains("Body after a rule."));
        assertFalse(a.title().equals("not really a header"));
    }

    @Test
    void should_take_host_as_source_when_only_url_is_given() throws IOException {
        // given
        String txt = "url: https://www.example.com/news/1\n\nText.";
        // when
        Article a = loadOne("hosted.txt", txt);
        // then
        assertEquals("example.com", a.source());
    }

    @Test
    void should_skip_when_header_has_no_body() throws IOException {
        // given
        String md = "---\ntitle: Empty\n---\n\n";
        // when
        LoadResult result = loader.load(Files.writeString(dir.resolve("empty-body.md"), md));
        // then
        assertTrue(result.articles().isEmpty());
        assertEquals("no article text after the header", result.skipped().get(0).reason());
    }
}
