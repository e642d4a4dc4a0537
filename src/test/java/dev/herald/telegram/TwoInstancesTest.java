package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.config.TelegramMode;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two bot instances (two Heralds, each with its own webhook server) on one SQLite store, as behind a load balancer:
 * a follow-up reaching the other instance, a conversation's updates split between them, one update delivered to
 * both.
 */
class TwoInstancesTest {

    static final String TOKEN = "333000444:EEI_two-instances-token_abcdefghi";
    static final String SECRET = "two-instances-secret";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger ids = new AtomicInteger(70_000);

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static Herald first;
    static Herald second;
    static TelegramBot one;
    static TelegramBot two;

    @BeforeAll
    static void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        HeraldConfig config = api.heraldWithSamples(tmp.resolve("shared.db"))
                .withSecrets(Secrets.fromEnv(java.util.Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN, Secrets.HERALD_WEBHOOK_SECRET, SECRET)));
        first = Herald.open(config);
        second = Herald.open(config);
        one = start(first);
        two = start(second);
    }

    private static TelegramBot start(Herald h) throws Exception {
        h.indexes().load();
        TelegramBot.Deployment webhook = new TelegramBot.Deployment(TelegramMode.WEBHOOK,
                "https://bot.example.org/hook", 0, h.config().secrets().webhookSecret(), "127.0.0.1", 0);
        return TelegramBot.start(h.telegramServices().withDeployment(webhook), TOKEN,
                new TelegramBot.Options(TelegramBotTest.JAN_30, new ReliableSender.Pacing(Duration.ZERO, Duration.ZERO),
                        new ReliableSender.Retry(3, Duration.ofMillis(20)), 4, Duration.ofSeconds(10)), null);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{one, two, first, second, api}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    static int post(TelegramBot to, int updateId, long chat, String text) throws Exception {
        String body = FakeBotApi.JSON.createObjectNode().put("update_id", updateId)
                .setAll(api.privateText(chat, text)).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.opsPort().orElseThrow() + "/hook"))
                .header(WebhookReceiver.SECRET_HEADER, SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void should_read_a_follow_up_as_one_when_it_reaches_the_other_instance() throws Exception {
        long chat = 6101;
        assertEquals(200, post(one, ids.incrementAndGet(), chat, "Who controls Goma?"));
        assertTrue(api.awaitSent(chat, 1).get(0).text().contains("Goma"));
        assertEquals(200, post(two, ids.incrementAndGet(), chat, "and how many were wounded?"));
        String followUp = api.awaitSent(chat, 2).get(1).text();
        assertTrue(followUp.contains("300"), followUp);
    }

    @Test
    void should_answer_a_conversations_updates_in_order_when_they_reach_both_instances_at_once() throws Exception {
        long chat = 6201;
        // given: the question to the first instance and, right behind it, the follow-up to the second
        assertEquals(200, post(one, ids.incrementAndGet(), chat, "Who controls Goma?"));
        assertEquals(200, post(two, ids.incrementAndGet(), chat, "and how many were wounded?"));
        // then: the second waited for the first; the follow-up was read as one
        List<FakeBotApi.Call> sent = api.awaitSent(chat, 2);
        assertTrue(sent.get(0).text().contains("M23"), sent.get(0).text());
        assertTrue(sent.get(1).text().contains("300"), sent.get(1).text());
    }

    @Test
    void should_answer_once_when_one_update_reaches_both_instances() throws Exception {
        long chat = 6301;
        int id = ids.incrementAndGet();
        assertEquals(200, post(one, id, chat, "Who controls Goma?"));
        assertEquals(200, post(two, id, chat, "Who controls Goma?"));
        assertEquals(200, post(two, ids.incrementAndGet(), chat, "/sources"));
        List<FakeBotApi.Call> sent = api.awaitSent(chat, 2);
        assertEquals(2, sent.size(), "the question once, then /sources: " + sent);
        assertTrue(sent.get(1).text().contains("Herald Sample Wire"), sent.get(1).text());
    }

    @Test
    void should_answer_in_order_when_a_dead_instances_unfinished_update_is_adopted_after_a_later_one_arrived()
            throws Exception {
        // given: a question taken by an instance that died before answering it (no heartbeat), and the reader's
        // follow-up reaching a live instance before that one adopts the question
        long chat = 6401;
        int question = ids.incrementAndGet();
        String update = FakeBotApi.JSON.createObjectNode().put("update_id", question)
                .setAll(api.privateText(chat, "Who controls Goma?")).toString();
        assertTrue(new dev.herald.store.UpdateStore(second.database())
                .take(question, chat + ":" + chat, update, "a-dead-instance", java.time.Instant.now()));
        assertEquals(200, post(two, ids.incrementAndGet(), chat, "and how many were wounded?"));

        // when
        two.handler().adoptOrphans();

        // then: the question first, then the follow-up read as one (the follow-up waited for it, not it for the
        // follow-up)
        List<FakeBotApi.Call> sent = api.awaitSent(chat, 2);
        assertTrue(sent.get(0).text().contains("M23"), sent.get(0).text());
        assertTrue(sent.get(1).text().contains("300"), sent.get(1).text());
    }
}
