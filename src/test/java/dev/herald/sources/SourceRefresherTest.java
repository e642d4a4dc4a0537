package dev.herald.sources;

import dev.herald.store.AliasStore;
import static dev.herald.sources.Pages.GOMA;
import static dev.herald.sources.Pages.RATES;
import static dev.herald.sources.Pages.STORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.article.Article;
import dev.herald.ingest.IngestProgress;
import dev.herald.article.ArticleRef;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRefresherTest {

    @TempDir
    Path dir;

    private final FakeSite site;
    private Env env;

    SourceRefresherTest() throws IOException {
        site = new FakeSite();
    }

    @AfterEach
    void stop() {
        if (env != null) env.close();
        site.close();
    }

    private Env env() throws IOException {
        if (env == null) env = Env.open(dir);
        return env;
    }

    private void serveWireFeed() {
        site.serve("/wire/rss", "application/rss+xml", Pages.rss("Example Wire",
                Pages.rssItem("wire-1", site.url("/wire/goma"), "Goma clashes continue",
                        "Mon, 27 Jan 2025 10:00:00 GMT", "<p>Short teaser about Goma.</p>"),
                Pages.rssItem("wire-2", site.url("/wire/rates"), "Rates on hold",
                        "Tue, 28 Jan 2025 08:30:00 GMT", "<p>Teaser about rates.</p>")));
        site.serve("/wire/goma", "text/html", Pages.article("Example Wire", "Goma clashes continue", GOMA));
        site.serve("/wire/rates", "text/html", Pages.article("Example Wire", "Rates on hold", RATES));
    }

    @Test
    void should_store_each_item_with_page_text_and_item_date_when_rss_feed_is_fetched() throws IOException {
        // given an RSS feed whose items link to pages with boilerplate around the story
        serveWireFeed();
        // when
        SourceResult r = env().refresh(site.url("/wire/rss"));
        // then
        assertEquals("feed " + site.url("/wire/rss") + ": 2 added", r.describe());
        assertEquals(SourceKind.FEED, r.kind());
        Article goma = env.store.article(Article.deriveId("wire-1", null, "")).orElseThrow();
        assertEquals("Goma clashes continue", goma.title());
        assertEquals("Example Wire", goma.source());
        assertEquals(site.url("/wire/goma"), goma.url());
        assertEquals(Instant.parse("2025-01-27T10:00:00Z"), goma.publishedAt());
        assertTrue(goma.text().contains(GOMA[1]), goma.text());
        assertFalse(goma.text().contains("Subscribe") || goma.text().contains("cookies")
                || goma.text().contains("Short teaser"), goma.text());
        assertEquals(SourceKind.FEED, env.registry.find(site.url("/wire/rss")).orElseThrow().kind());
    }

    @Test
    void should_use_published_else_updated_date_when_atom_feed_is_fetched() throws IOException {
        // given an Atom feed: one entry with <published>, one with only <updated>
        site.serve("/atom", "application/atom+xml", Pages.atom("Atom Times",
                Pages.atomEntry("urn:a:1", site.url("/a/storm"), "Storm closes passes", "2025-01-25T06:00:00Z",
                        "2025-01-26T07:00:00Z", "Storm summary"),
                Pages.atomEntry("urn:a:2", site.url("/a/rates"), "Rates on hold", null,
                        "2025-01-28T09:00:00Z", "Rates summary")));
        site.serve("/a/storm", "text/html", Pages.article("Atom Times", "Storm closes passes", STORM));
        site.serve("/a/rates", "text/html", Pages.article("Atom Times", "Rates on hold", RATES));
        // when
        SourceResult r = env().refresh(site.url("/atom"));
        // then
        assertEquals(2, r.added(), r.describe());
        Article storm = env.store.article(Article.deriveId("urn:a:1", null, "")).orElseThrow();
        assertEquals(Instant.parse("2025-01-25T06:00:00Z"), storm.publishedAt());
        assertEquals("Atom Times", storm.source());
        assertTrue(storm.text().contains(STORM[1]));
        Article rates = env.store.article(Article.deriveId("urn:a:2", null, "")).orElseThrow();
        assertEquals(Instant.parse("2025-01-28T09:00:00Z"), rates.publishedAt());
    }

    @Test
    void should_add_new_and_update_changed_items_when_feed_changes_between_fetches() throws IOException {
        // given a first fetch of two items
        serveWireFeed();
        env().refresh(site.url("/wire/rss"));
        // and the feed then retitles one item and adds a third
        site.serve("/wire/rss", "application/rss+xml", Pages.rss("Example Wire",
                Pages.rssItem("wire-1", site.url("/wire/goma"), "Goma clashes continue",
                        "Mon, 27 Jan 2025 10:00:00 GMT", "<p>Short teaser about Goma.</p>"),
                Pages.rssItem("wire-2", site.url("/wire/rates"), "Rates held at 4.5 percent",
                        "Tue, 28 Jan 2025 08:30:00 GMT", "<p>Teaser about rates.</p>"),
                Pages.rssItem("wire-3", site.url("/wire/storm"), "Storm closes passes",
                        "Wed, 29 Jan 2025 06:00:00 GMT", "<p>Teaser.</p>")));
        site.serve("/wire/storm", "text/html", Pages.article("Example Wire", "Storm closes passes", STORM));
        int gomaFetches = site.hitsTo("/wire/goma").size();
        // when
        SourceResult r = env.refresh(site.url("/wire/rss"));
        // then
        assertEquals("feed " + site.url("/wire/rss") + ": 1 added, 1 updated, 1 unchanged", r.describe());
        assertEquals(3, env.store.articleCount());
        assertEquals("Rates held at 4.5 percent",
                env.store.article(Article.deriveId("wire-2", null, "")).orElseThrow().title());
        assertEquals(gomaFetches, site.hitsTo("/wire/goma").size(), "an unchanged item's page is not fetched again");
    }

    @Test
    void should_not_reingest_and_send_if_none_match_when_feed_answers_304() throws IOException {
        // given a feed with an ETag, fetched once
        serveWireFeed();
        String body = Pages.rss("Example Wire", Pages.rssItem("wire-1", site.url("/wire/goma"),
                "Goma clashes continue", "Mon, 27 Jan 2025 10:00:00 GMT", "teaser"));
        site.on("/wire/rss", ex -> {
            ex.getResponseHeaders().set("ETag", "\"abc\"");
            if ("\"abc\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) FakeSite.send(ex, 304, null, "");
            else FakeSite.send(ex, 200, "application/rss+xml", body);
        });
        env().refresh(site.url("/wire/rss"));
        int pageFetches = site.hitsTo("/wire/goma").size();
        int chunks = env.store.chunkCount();
        // when
        SourceResult r = env.refresh(site.url("/wire/rss"));
        // then
        assertEquals(SourceResult.Outcome.NOT_MODIFIED, r.outcome());
        assertEquals("feed " + site.url("/wire/rss") + ": unchanged (not modified since the last fetch)", r.describe());
        assertEquals("\"abc\"", site.hitsTo("/wire/rss").get(1).header("If-None-Match"));
        assertEquals(pageFetches, site.hitsTo("/wire/goma").size());
        assertEquals(chunks, env.store.chunkCount());
        assertEquals(1, env.store.articleCount());
    }

    @Test
    void should_fall_back_to_description_and_mark_undated_when_item_page_fails_and_item_has_no_date()
            throws IOException {
        // given an item without a date whose page answers 404
        site.serve("/f", "application/rss+xml", Pages.rss("Tiny Feed",
                Pages.rssItem(null, site.url("/missing"), "Bridge reopens",
                        null, "<p>The <b>old bridge</b> reopened to traffic on Friday after two years of repairs.</p>")));
        // when
        SourceResult r = env().refresh(site.url("/f"));
        // then
        assertEquals("feed " + site.url("/f") + ": 1 added; 1 without a date (fetch time used)", r.describe());
        Article a = env.store.article(Article.deriveId(site.url("/missing"), null, "")).orElseThrow();
        assertEquals("The old bridge reopened to traffic on Friday after two years of repairs.", a.text());
        assertEquals(env.clock.instant(), a.publishedAt());
        assertTrue(a.origin().contains("undated"), a.origin());
        // and a later refresh keeps the first date instead of updating the article each time
        env.clock.advance(Duration.ofHours(2));
        SourceResult again = env.refresh(site.url("/f"));
        assertEquals(1, again.unchanged(), again.describe());
        assertEquals(0, again.undated());
    }

    @Test
    void should_report_each_failure_and_keep_other_sources_when_refreshing_all() throws IOException {
        // given one good feed and sources failing in every way
        serveWireFeed();
        site.on("/500", ex -> FakeSite.send(ex, 500, "text/html", "oops"));
        site.on("/slow", ex -> {
            try {
                Thread.sleep(Env.READ_TIMEOUT.toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeSite.send(ex, 200, "text/html", "<p>late</p>");
        });
        site.serve("/malformed", "application/rss+xml", "<rss version=\"2.0\"><channel><title>Broken<item></rss>");
        site.serve("/notfeed", "application/xml", "<catalog><book>Not news</book></catalog>");
        site.on("/huge", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                out.write("<rss><channel>".getBytes());
                for (long sent = 0; sent < 50_000_000L; sent += block.length) out.write(block);
            }
        });
        Env e = env();
        e.registry.add(site.url("/500"), "Broken Page", null);
        e.registry.add(site.url("/slow"), null, null);
        e.registry.add(site.url("/malformed"), null, null);
        e.registry.add(site.url("/wire/rss"), "Wire", null);
        e.registry.add(site.url("/notfeed"), null, null);
        e.registry.add(site.url("/huge"), null, null);
        e.registry.add("https://nonexistent.invalid/feed", null, null);
        // when
        RefreshReport report = e.refresher.refreshAll(IngestProgress.NONE);
        // then
        String text = report.describe();
        assertTrue(text.contains("url Broken Page: failed: HTTP 500"), text);
        assertTrue(text.contains("url " + site.url("/slow") + ": failed: timed out"), text);
        assertTrue(text.contains("url " + site.url("/malformed") + ": failed: malformed feed"), text);
        assertTrue(text.contains("feed Wire: 2 added"), text);
        assertTrue(text.contains("url " + site.url("/notfeed") + ": failed: not a feed"), text);
        assertTrue(text.contains("url " + site.url("/huge") + ": failed: response is larger than 1 MB"), text);
        assertTrue(text.contains("url https://nonexistent.invalid/feed: failed: unknown host"), text);
        assertEquals(6, report.failures().size());
        assertEquals(2, e.store.articleCount());
        Source broken = e.registry.find("Broken Page").orElseThrow();
        assertEquals("HTTP 500", broken.lastError());
        assertEquals(1, broken.failures());
        assertEquals(e.clock.instant().plus(Duration.ofMinutes(60)), broken.nextDue(), "backed off: 30m * 2^1");
        // and the failures show up as skipped entries in the ingest-shaped summary
        assertTrue(report.toIngestSummary().describe().contains("skipped " + site.url("/500") + ": HTTP 500"));
    }

    @Test
    void should_keep_stored_articles_when_a_source_fails_later() throws IOException {
        // given a page fetched once
        site.serve("/story", "text/html", Pages.article("Daily Bugle", "Storm closes passes", STORM));
        SourceResult first = env().refresh(site.url("/story"));
        assertEquals("page " + site.url("/story") + ": 1 added; 1 without a date (fetch time used)", first.describe());
        // when the page starts failing
        site.on("/story", ex -> FakeSite.send(ex, 500, "text/plain", "down"));
        SourceResult second = env.refresh(site.url("/story"));
        // then
        assertEquals("page " + site.url("/story") + ": failed: HTTP 500", second.describe());
        assertEquals(1, env.store.articleCount());
        assertEquals(1, env.registry.find(site.url("/story")).orElseThrow().failures());
        // and a later success resets the failures
        site.serve("/story", "text/html", Pages.article("Daily Bugle", "Storm closes passes", STORM));
        SourceResult third = env.refresh(site.url("/story"));
        assertEquals(1, third.unchanged(), third.describe());
        Source s = env.registry.find(site.url("/story")).orElseThrow();
        assertEquals(0, s.failures());
        assertNull(s.lastError());
    }

    @Test
    void should_store_story_once_and_keep_every_outlet_when_two_outlets_publish_it() throws IOException {
        // given two outlets carrying the same wire story under their own URLs (one adds a byline)
        site.serve("/a/rss", "application/rss+xml", Pages.rss("Alpha News",
                Pages.rssItem(null, site.url("/a/goma"), "Goma clashes continue", "Mon, 27 Jan 2025 10:00:00 GMT", "x")));
        site.serve("/b/rss", "application/rss+xml", Pages.rss("Beta Herald",
                Pages.rssItem(null, site.url("/b/world/goma-fighting"), "Fighting in Goma",
                        "Mon, 27 Jan 2025 11:00:00 GMT", "y")));
        site.serve("/a/goma", "text/html", Pages.article("Alpha News", "Goma clashes continue", GOMA));
        String[] withByline = new String[GOMA.length + 1];
        withByline[0] = "By Beta Herald staff.";
        System.arraycopy(GOMA, 0, withByline, 1, GOMA.length);
        site.serve("/b/world/goma-fighting", "text/html", Pages.article("Beta Herald", "Fighting in Goma", withByline));
        env().refresh(site.url("/a/rss"));
        int chunks = env.store.chunkCount();
        // when
        SourceResult r = env.refresh(site.url("/b/rss"));
        // then stored once, searchable once
        assertEquals("feed " + site.url("/b/rss") + ": 1 copy of stored stories (kept as other outlets)", r.describe());
        assertEquals(1, env.store.articleCount());
        assertEquals(chunks, env.store.chunkCount());
        // and both outlets stay citable
        String id = Article.deriveId(site.url("/a/goma"), null, "");
        Article original = env.store.article(id).orElseThrow();
        assertEquals("Alpha News", original.source());
        List<ArticleRef> also = new AliasStore(env.store.database()).aliases(id);
        assertEquals(1, also.size());
        assertEquals("Beta Herald", also.get(0).source());
        assertEquals(site.url("/b/world/goma-fighting"), also.get(0).url());
        assertEquals("Fighting in Goma", also.get(0).title());
        assertEquals(Instant.parse("2025-01-27T11:00:00Z"), also.get(0).publishedAt());
        // and refreshing again records nothing twice
        site.serve("/b/rss", "application/rss+xml", Pages.rss("Beta Herald",
                Pages.rssItem(null, site.url("/b/world/goma-fighting"), "Fighting in Goma",
                        "Mon, 27 Jan 2025 11:00:00 GMT", "y"),
                Pages.rssItem(null, site.url("/b/storm"), "Storm", "Tue, 28 Jan 2025 11:00:00 GMT", "z")));
        site.serve("/b/storm", "text/html", Pages.article("Beta Herald", "Storm", STORM));
        SourceResult again = env.refresh(site.url("/b/rss"));
        assertEquals("feed " + site.url("/b/rss") + ": 1 added, 1 unchanged", again.describe());
        assertEquals(1, new AliasStore(env.store.database()).aliases(id).size());
    }

    @Test
    void should_refresh_due_sources_in_background_when_started() throws Exception {
        // given a registered feed never fetched
        serveWireFeed();
        env().registry.add(site.url("/wire/rss"), null, null);
        AtomicInteger guarded = new AtomicInteger();
        // when
        env.refresher.start(work -> {
            guarded.incrementAndGet();
            work.run();
            return true;
        });
        // then it is fetched by the first tick and not again before its interval
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (env.store.articleCount() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(2, env.store.articleCount());
        // a source added now is due at once: once the schedule has fetched it, a later round has run, and that round
        // left the first feed alone (no sleep standing in for "nothing happened")
        site.serve("/late/rss", "application/rss+xml", Pages.rss("Late Wire"));
        env.registry.add(site.url("/late/rss"), null, null);
        deadline = System.nanoTime() + 10_000_000_000L;
        while (site.hitsTo("/late/rss").isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(1, site.hitsTo("/late/rss").size());
        assertEquals(1, site.hitsTo("/wire/rss").size(), "not due again within 30 minutes");
        assertEquals(2, guarded.get(), "each fetch ran through the guard");
        // and once the interval passes it is fetched again
        env.clock.advance(Duration.ofMinutes(31));
        deadline = System.nanoTime() + 10_000_000_000L;
        while (site.hitsTo("/wire/rss").size() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(2, site.hitsTo("/wire/rss").size());
        env.refresher.close();
    }

    @Test
    void should_skip_a_source_another_instance_refreshes_and_take_one_a_crashed_instance_left() throws Exception {
        // given: two feeds; "live" (beating) is refreshing the first, "crashed" (heartbeat long gone) died refreshing
        // the second
        site.serve("/a/rss", "application/rss+xml", Pages.rss("A Wire"));
        site.serve("/b/rss", "application/rss+xml", Pages.rss("B Wire"));
        env().registry.add(site.url("/a/rss"), null, null);
        env.registry.add(site.url("/b/rss"), null, null);
        dev.herald.store.CoordinationStore coordination = new dev.herald.store.CoordinationStore(env.db);
        Instant now = Instant.now();
        coordination.beat("live", now, Duration.ofHours(1));
        coordination.beat("crashed", now.minus(Duration.ofHours(1)), Duration.ofSeconds(10));
        coordination.beat("me", now, Duration.ofHours(1));
        assertTrue(coordination.claim("source:" + site.url("/a/rss"), "live", now));
        assertTrue(coordination.claim("source:" + site.url("/b/rss"), "crashed", now.minus(Duration.ofHours(1))));
        env.refresher.claims(claimsAs(coordination, "me"));
        // when: this instance's schedule runs
        env.refresher.start(work -> {
            work.run();
            return true;
        });
        // then: it takes over the crashed instance's feed; in that same round it left the live one's alone
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (site.hitsTo("/b/rss").isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(1, site.hitsTo("/b/rss").size());
        assertEquals(0, site.hitsTo("/a/rss").size(), "another instance is refreshing it");
        // and once the live instance lets go without finishing, this one refreshes it
        coordination.release("source:" + site.url("/a/rss"), "live");
        deadline = System.nanoTime() + 10_000_000_000L;
        while (site.hitsTo("/a/rss").isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(1, site.hitsTo("/a/rss").size());
        env.refresher.close();
    }

    @Test
    void should_wait_for_a_source_another_instance_is_refreshing_then_fetch_it_when_reloading() throws Exception {
        // given two feeds, the first being refreshed by another live instance
        site.serve("/a/rss", "application/rss+xml", Pages.rss("A Wire"));
        site.serve("/b/rss", "application/rss+xml", Pages.rss("B Wire"));
        env().registry.add(site.url("/a/rss"), "A Wire", null);
        env.registry.add(site.url("/b/rss"), "B Wire", null);
        dev.herald.store.CoordinationStore coordination = new dev.herald.store.CoordinationStore(env.db);
        Instant now = Instant.now();
        coordination.beat("live", now, Duration.ofHours(1));
        coordination.beat("me", now, Duration.ofHours(1));
        assertTrue(coordination.claim("source:" + site.url("/a/rss"), "live", now));
        env.refresher.claims(claimsAs(coordination, "me"));

        // when an admin reloads while the other instance still holds the first feed
        java.util.concurrent.CompletableFuture<RefreshReport> reload = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> env.refresher.refreshAll(IngestProgress.NONE));
        Thread.sleep(600);
        boolean fetchedWhileHeld = !site.hitsTo("/a/rss").isEmpty();
        boolean doneWhileHeld = reload.isDone();
        coordination.release("source:" + site.url("/a/rss"), "live");
        RefreshReport report = reload.get(20, java.util.concurrent.TimeUnit.SECONDS);

        // then it waited for the other instance, then fetched both, each once, and let go of its claims
        assertFalse(fetchedWhileHeld, "fetched while another instance was refreshing it");
        assertFalse(doneWhileHeld);
        assertEquals(1, site.hitsTo("/a/rss").size());
        assertEquals(1, site.hitsTo("/b/rss").size());
        assertEquals(0, report.failures().size(), report.describe());
        assertTrue(coordination.claim("source:" + site.url("/a/rss"), "live", Instant.now()), "the reload released it");
    }

    /** Claims taken as the instance {@code id}, as Herald wires them. */
    private static SourceRefresher.Claims claimsAs(dev.herald.store.CoordinationStore coordination, String id) {
        return new SourceRefresher.Claims() {
            @Override
            public boolean tryClaim(String name) {
                return coordination.claim(name, id, Instant.now());
            }

            @Override
            public void release(String name) {
                coordination.release(name, id);
            }
        };
    }

    @Test
    void should_back_off_exponentially_when_failures_repeat() {
        // given
        Source s = Source.fresh("https://x.example/feed", SourceKind.URL, null, Duration.ofMinutes(30), false);
        AtomicReference<Source> failing = new AtomicReference<>(s);
        // when / then
        int[] expectedMinutes = {30, 60, 120, 240, 480, 960, 960, 960};
        for (int failures = 0; failures < expectedMinutes.length; failures++) {
            Source f = new Source(s.location(), s.kind(), null, s.refreshInterval(), false, null,
                    Instant.EPOCH, null, "HTTP 500", failures, null, null);
            failing.set(f);
            assertEquals(Duration.ofMinutes(expectedMinutes[failures]), f.backoff(), "failures=" + failures);
        }
        Source daily = new Source("u", SourceKind.FEED, null, Duration.ofHours(12), false, null, Instant.EPOCH, null,
                "x", 5, null, null);
        assertEquals(Source.MAX_BACKOFF, daily.backoff(), "capped");
        assertNotNull(failing.get());
    }
}
