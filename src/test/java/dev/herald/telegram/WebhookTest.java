package dev.herald.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.config.TelegramMode;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook mode: real HTTP POSTs of Update JSON to the bot's embedded server on 127.0.0.1. */
class WebhookTest {

    static final String TOKEN = "444000222:DDH_webhook-fake-token_abcdefghijk";
    static final String SECRET = "s3cret_for-tests";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger ids = new AtomicInteger(5_000);

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static Herald herald;
    static TelegramBot bot;
    static String hook;

    @BeforeAll
    static void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        herald = Herald.open(HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("w.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN))));
        herald.library().loadSamples(IngestProgress.NONE);
        herald.indexes().load();
        TelegramBot.Deployment webhook = new TelegramBot.Deployment(TelegramMode.WEBHOOK,
                "https://bot.example.org/telegram/hook", 0, Optional.of(SECRET), "127.0.0.1", 0);
        bot = TelegramBot.start(herald.telegramServices().withDeployment(webhook), TOKEN,
                new TelegramBot.Options(TelegramBotTest.JAN_30, new ReliableSender.Pacing(Duration.ZERO, Duration.ZERO),
                        new ReliableSender.Retry(3, Duration.ofMillis(20)), 4, Duration.ofSeconds(10)), null);
        hook = "http://127.0.0.1:" + bot.opsPort().orElseThrow() + "/telegram/hook";
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (herald != null) herald.close();
        if (api != null) api.close();
    }

    static HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hook)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) b.header(WebhookReceiver.SECRET_HEADER, secret);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An Update as Telegram posts it: the message with an update_id. */
    static String update(int id, ObjectNode message) {
        ObjectNode u = FakeBotApi.JSON.createObjectNode().put("update_id", id);
        u.setAll(message);
        return u.toString();
    }

    @Test
    void should_set_the_webhook_with_its_secret_and_not_poll_when_started_in_webhook_mode() {
        FakeBotApi.Call set = api.calls("setWebhook").get(0);
        assertEquals("https://bot.example.org/telegram/hook", set.body().path("url").asText());
        assertEquals(SECRET, set.body().path("secret_token").asText());
        assertTrue(set.body().path("allowed_updates").asText().contains("callback_query"), set.body().toString());
        assertEquals(List.of(), api.calls("getUpdates"), "a webhook bot never polls");
    }

    @Test
    void should_answer_only_requests_with_the_right_secret_when_updates_are_posted() throws Exception {
        long chat = 8101;
        // given: the same question posted with a wrong secret and with none
        assertEquals(401, post(update(ids.incrementAndGet(), api.privateText(chat, "Who controls Goma?")), "wrong").statusCode());
        assertEquals(401, post(update(ids.incrementAndGet(), api.privateText(chat, "Who controls Goma?")), null).statusCode());
        // when: it is posted with the right one
        assertEquals(200, post(update(ids.incrementAndGet(), api.privateText(chat, "/start")), SECRET).statusCode());
        // then: only that one is answered (the chat's updates are handled in order: the refused two came first)
        api.awaitSent(chat, 1);
        api.push(api.privateText(chat + 1, "/help")); // nothing comes through polling either
        assertEquals(1, api.sent(chat).size());
        assertTrue(api.sent(chat).get(0).text().contains("Try asking"));
    }

    @Test
    void should_refuse_malformed_json_and_other_methods_when_posted() throws Exception {
        assertEquals(400, post("{\"update_id\": 12, \"message\": {", SECRET).statusCode());
        assertEquals(400, post("[1, 2, 3]", SECRET).statusCode());
        assertEquals(400, post("{\"update_id\": \"thirteen\"}", SECRET).statusCode());
        assertEquals(400, post("{\"message\": {\"message_id\": 1}}", SECRET).statusCode(), "no update_id");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(hook)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals(413, post("x".repeat(WebhookReceiver.MAX_BODY + 10), SECRET).statusCode(),
                "a body over the cap is refused unparsed");
    }

    @Test
    void should_answer_once_when_telegram_delivers_the_same_update_twice() throws Exception {
        long chat = 8201;
        String same = update(ids.incrementAndGet(), api.privateText(chat, "Who controls Goma?"));
        assertEquals(200, post(same, SECRET).statusCode());
        assertEquals(200, post(same, SECRET).statusCode(), "a retry is acknowledged, so Telegram stops retrying");
        assertEquals(200, post(update(ids.incrementAndGet(), api.privateText(chat, "/sources")), SECRET).statusCode());
        List<FakeBotApi.Call> sent = api.awaitSent(chat, 2);
        assertEquals(2, sent.size(), "the question once, then /sources: " + sent);
        assertTrue(sent.get(0).text().contains("[1]"), sent.get(0).text());
    }

    @Test
    void should_answer_every_chat_once_when_50_chats_post_at_once() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = update(ids.incrementAndGet(), api.privateText(9000 + i, "Who controls Goma?"));
            posts.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(hook)).timeout(Duration.ofSeconds(30))
                    .header(WebhookReceiver.SECRET_HEADER, SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> p : posts) assertEquals(200, p.get().statusCode());
        for (int i = 0; i < 50; i++) {
            List<FakeBotApi.Call> sent = api.awaitSent(9000 + i, 1, 60_000);
            assertEquals(1, sent.size());
            assertTrue(sent.get(0).text().contains("[1]"), sent.get(0).text());
        }
    }
}
