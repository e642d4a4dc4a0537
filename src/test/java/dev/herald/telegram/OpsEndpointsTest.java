package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /healthz and GET /metrics on the ops port of a polling bot, over real HTTP on 127.0.0.1. */
class OpsEndpointsTest {

    static final String TOKEN = "555000111:CCG_ops-fake-token_abcdefghijklmno";
    static final String SENT_OK = "herald_telegram_calls_total{method=\"sendmessage\",outcome=\"ok\"}";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> http(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus sample line ({@code name{labels} value}), or -1 when absent. */
    static double sample(String metrics, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void should_report_unhealthy_until_indexes_load_and_count_questions_when_the_ops_port_is_on(@TempDir Path tmp)
            throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN);
             Herald herald = Herald.open(HeraldConfig.defaults()
                     .withOverride(Settings.STORE_PATH, tmp.resolve("o.db").toString(), "test")
                     .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                     .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN))))) {
            TelegramBot.Services services = herald.telegramServices(); // counting starts here
            herald.library().loadSamples(IngestProgress.NONE);
            TelegramBot bot = TelegramBot.start(services.withDeployment(services.deployment().withOpsPort(-1)), TOKEN,
                    new TelegramBot.Options(TelegramBotTest.JAN_30, new ReliableSender.Pacing(Duration.ZERO, Duration.ZERO),
                            new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(5)), null);
            try {
                String base = "http://127.0.0.1:" + bot.opsPort().orElseThrow();
                // given: a bot whose search indexes are not loaded yet
                HttpResponse<String> loading = http("GET", base + "/healthz");
                assertEquals(503, loading.statusCode());
                assertEquals("unhealthy: indexes: search indexes are still loading\n", loading.body());

                // when: they are loaded and a reader asks two questions, one the archive cannot answer
                herald.indexes().load();
                HttpResponse<String> ok = http("GET", base + "/healthz");
                assertEquals(200, ok.statusCode());
                assertEquals("ok\n", ok.body());
                api.push(api.privateText(7001, "Who controls Goma?"));
                api.awaitSent(7001, 1);
                api.push(api.privateText(7001, "Who won the chess olympiad in Budapest?"));
                api.awaitSent(7001, 2);

                // then: /metrics counts them, their stage times and the sends, in Prometheus text
                // The fake API records a message when it receives the call, before the bot has read the reply
                // and counted the send: wait (bounded) for the count rather than race it.
                HttpResponse<String> metrics = http("GET", base + "/metrics");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (sample(metrics.body(), SENT_OK) < 2.0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    metrics = http("GET", base + "/metrics");
                }
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
                String body = metrics.body();
                assertEquals(2.0, sample(body, "herald_questions_total"), body);
                assertEquals(1.0, sample(body, "herald_abstentions_total"), body);
                assertEquals(2.0, sample(body, "herald_answer_seconds_count{stage=\"total\"}"), body);
                assertEquals(2.0, sample(body, "herald_answer_seconds_count{stage=\"memory\"}"), body);
                assertTrue(body.contains("herald_answer_seconds_bucket{stage=\"embed\",le=\""), "latency histogram");
                assertEquals(2.0, sample(body, SENT_OK), body);
                assertTrue(sample(body, "herald_index_chunks") > 0, body);
                assertEquals(1.0, sample(body, "herald_polling_leader"), body);
                assertEquals((double) herald.store().chunkCount(), sample(body, "herald_ingested_chunks_total"),
                        "the samples were ingested by this process");
                assertEquals((double) herald.store().articleCount(), sample(body, "herald_ingested_articles_total"), body);
                assertEquals(4.0, sample(body, "herald_store_readers"), body);

                // and: only GET and HEAD are served
                HttpResponse<String> post = http("POST", base + "/metrics");
                assertEquals(405, post.statusCode());
                assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
            } finally {
                bot.close();
            }
        }
    }
}
