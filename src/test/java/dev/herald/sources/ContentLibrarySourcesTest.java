package dev.herald.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.library.ContentLibrary;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentLibrarySourcesTest {

    @TempDir
    Path dir;

    private final FakeSite site;

    ContentLibrarySourcesTest() throws IOException {
        site = new FakeSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private void serveFeed() {
        site.serve("/rss", "application/rss+xml", Pages.rss("Example Wire",
                Pages.rssItem("w-1", site.url("/goma"), "Goma clashes continue", "Mon, 27 Jan 2025 10:00:00 GMT", "t")));
        site.serve("/goma", "text/html", Pages.article("Example Wire", "Goma clashes continue", Pages.GOMA));
    }

    @Test
    void should_register_and_fetch_url_when_added_and_keep_it_after_restart() throws IOException {
        // given
        serveFeed();
        Path db = dir.resolve("db");
        Files.createDirectories(db);
        try (Env env = Env.open(db)) {
            // when
            IngestSummary s = env.library.add(site.url("/rss"), IngestProgress.NONE);
            // then
            assertEquals(1, s.added(), s.describe());
        }
        // and after a restart the source is still known, with its kind and state
        try (Env env = Env.open(db)) {
            List<Source> sources = env.library.sources();
            assertEquals(1, sources.size());
            assertEquals(SourceKind.FEED, sources.get(0).kind());
            assertTrue(env.library.describeSources().get(0).startsWith("feed " + site.url("/rss") + " [added], every 30m"),
                    env.library.describeSources().get(0));
        }
    }

    @Test
    void should_report_failure_as_skipped_and_not_register_it_when_added_url_fails() throws IOException {
        // given
        site.on("/down", ex -> FakeSite.send(ex, 500, "text/plain", "x"));
        try (Env env = Env.open(dir)) {
            // when
            IngestSummary s = env.library.add(site.url("/down"), IngestProgress.NONE);
            // then
            assertEquals(0, s.added());
            assertEquals(site.url("/down") + ": HTTP 500 (not added)", s.skipped().get(0).toString());
            assertTrue(env.library.describeSources().isEmpty(), "a failed add is not registered (issue 12 item 16)");
        }
    }

    @Test
    void should_load_files_and_refresh_urls_when_reloading() throws IOException {
        // given a configured folder and a configured feed with a name and interval
        serveFeed();
        Path folder = dir.resolve("articles");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("storm.txt"), "Storm closes passes\n\n" + String.join("\n\n", Pages.STORM));
        Path db = dir.resolve("db");
        Files.createDirectories(db);
        try (Env env = Env.open(db, folder.toString(), site.url("/rss") + " | Wire | 15m")) {
            // when
            ContentLibrary.ReloadReport report = env.library.reloadAll(IngestProgress.NONE);
            // then
            assertEquals(1, report.files().added(), report.describe());
            assertEquals("feed Wire: 1 added", report.sources().describe());
            assertEquals(2, env.library.reload(IngestProgress.NONE).unchanged());
            Source wire = env.registry.find("Wire").orElseThrow();
            assertEquals(Duration.ofMinutes(15), wire.refreshInterval());
            assertTrue(wire.configured());
            // and configured sources cannot be removed at runtime, added ones can
            assertTrue(env.library.removeSource("Wire").message().startsWith("Cannot remove"));
            env.library.add(site.url("/goma"), IngestProgress.NONE);
            assertTrue(env.library.removeSource(site.url("/goma")).message().startsWith("Removed source"));
            assertEquals(2, env.library.sources().size());
            assertEquals(2, env.store.articleCount(), "articles of a removed source stay stored");
        }
    }

    @Test
    void should_parse_name_and_interval_when_configured_entry_has_them() {
        // when
        Source s = Source.parseEntry("https://example.com/rss | Example News | 2h", Duration.ofMinutes(30));
        Source plain = Source.parseEntry("data/articles", Duration.ofMinutes(30));
        // then
        assertEquals("https://example.com/rss", s.location());
        assertEquals("Example News", s.name());
        assertEquals(Duration.ofHours(2), s.refreshInterval());
        assertEquals(SourceKind.URL, s.kind());
        assertEquals(SourceKind.PATH, plain.kind());
        assertThrows(IllegalArgumentException.class, () -> SourceKind.of("ftp://example.com/feed"));
    }
}
