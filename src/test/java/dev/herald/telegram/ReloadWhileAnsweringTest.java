package dev.herald.telegram;

import com.sun.net.httpserver.HttpServer;
import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reload that is stuck on a slow web page must not keep readers waiting: the real bot against a fake Bot API, and a
 * local page that answers only when the test lets it.
 */
class ReloadWhileAnsweringTest {

    static final String TOKEN = "123456789:AAE_fake-token-for-tests_abcdefghijk";
    static final long ADMIN = 111;
    static final long READER = 4242;

    @TempDir
    Path tmp;
    FakeBotApi api;
    HttpServer site;
    Herald herald;
    TelegramBot bot;
    final CountDownLatch pageRequested = new CountDownLatch(1);
    final CountDownLatch releasePage = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        site.createContext("/slow-story", ex -> {
            pageRequested.countDown();
            try {
                releasePage.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] page = ("<html><head><title>Harbour reopens after storm</title>"
                    + "<meta property=\"article:published_time\" content=\"2025-01-29T08:00:00Z\"></head><body><article>"
                    + "<h1>Harbour reopens after storm</h1><p>The harbour of Kestrel Bay reopened on Wednesday after a "
                    + "storm closed it for three days, port officials said. Ferries resumed their crossings.</p>"
                    + "</article></body></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        site.start();
        String pageUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/slow-story";
        HeraldConfig config = HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("h.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_ADMINS, String.valueOf(ADMIN), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                .withOverride(Settings.SOURCES_ALLOW_PRIVATE_ADDRESSES, "true", "test")
                .with(Settings.CONTENT_PATHS, List.of(pageUrl), "test")
                .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN)));
        herald = Herald.open(config);
        herald.library().loadSamples(IngestProgress.NONE);
        TelegramBot.Options options = new TelegramBot.Options(
                Clock.fixed(Instant.parse("2025-01-30T12:00:00Z"), ZoneOffset.UTC),
                new ReliableSender.Pacing(Duration.ofMillis(10), Duration.ofMillis(2)),
                new ReliableSender.Retry(5, Duration.ofMillis(50)), 4, Duration.ofSeconds(10));
        bot = TelegramBot.start(herald.telegramServices(), TOKEN, options, null);
    }

    @AfterEach
    void stop() throws Exception {
        releasePage.countDown();
        if (bot != null) bot.close();
        if (herald != null) herald.close();
        if (api != null) api.close();
        if (site != null) site.stop(0);
    }

    @Test
    void should_answer_readers_while_a_reload_waits_on_a_slow_source() throws Exception {
        // given an admin's reload, stuck fetching the slow page
        api.push(api.privateText(ADMIN, "/reload"));
        assertEquals("Reloading…", api.awaitSent(ADMIN, 1).get(0).text());
        assertTrue(pageRequested.await(15, TimeUnit.SECONDS), "the reload fetches the page");

        // when a reader asks meanwhile
        api.push(api.privateText(READER, "Who controls Goma?"));
        FakeBotApi.Call answer = api.awaitSent(READER, 1).get(0);

        // then the reader is answered from what is stored, while the reload is still running
        assertTrue(answer.text().contains("[1]") && answer.text().contains("Goma"), answer.text());
        assertEquals(1, api.sent(ADMIN).size(), "the reload has not finished yet");

        // and when the page finally answers, the reload finishes and its article can be found
        releasePage.countDown();
        String done = api.awaitSent(ADMIN, 2).get(1).text();
        assertTrue(done.startsWith("Reload done"), done);
        assertTrue(done.contains("1 added"), done);
        api.push(api.privateText(READER, "When did the harbour of Kestrel Bay reopen?"));
        String second = api.awaitSent(READER, 2).get(1).text();
        assertTrue(second.contains("Harbour reopens after storm"), second);
    }

    @Test
    void should_say_a_reload_is_running_at_once_when_an_admin_reloads_during_a_reload() throws Exception {
        // given a reload stuck fetching the slow page
        api.push(api.privateText(ADMIN, "/reload"));
        assertEquals("Reloading…", api.awaitSent(ADMIN, 1).get(0).text());
        assertTrue(pageRequested.await(15, TimeUnit.SECONDS), "the reload fetches the page");

        // when the admin asks for another
        api.push(api.privateText(ADMIN, "/reload"));

        // then the library's guard answers at once, without announcing a second reload
        assertEquals(AdminJobs.RELOAD_BUSY, api.awaitSent(ADMIN, 2).get(1).text());
        releasePage.countDown();
        assertTrue(api.awaitSent(ADMIN, 3).get(2).text().startsWith("Reload done"));
    }
}
