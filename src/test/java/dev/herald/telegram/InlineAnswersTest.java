package dev.herald.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.ArticleRef;
import dev.herald.chat.Conversations;
import dev.herald.chat.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inline mode on its own: what each kind of query gets back, read from the answerInlineQuery the fake API received. */
class InlineAnswersTest {

    static final String TOKEN = "987654326:BBF_inline-fake-token_0123456789ab";
    static final long USER = 4001;
    static final ArticleRef GOMA = new ArticleRef("goma", "M23 rebels say they hold Goma", "Herald Sample Wire",
            "https://example.org/goma", Instant.parse("2025-01-27T10:00:00Z"));

    FakeBotApi api;
    ExecutorService pool;
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> conversations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
        api.close();
    }

    private InlineAnswers inline(Set<Long> allowedChats, int perMinute, Duration budget) {
        BotOptions options = new BotOptions(Set.of(), allowedChats, 200, perMinute);
        return new InlineAnswers(api.sender(), (conversation, question, asOf) -> {
            conversations.add(conversation);
            if (question.contains("hang")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer a = question.contains("Goma")
                    ? Answer.answered(question, "M23 says it holds Goma [1]. Congo disputes the claim [1].",
                    List.of(new Citation(1, GOMA, List.of("M23 says it holds Goma."))), 0.8)
                    : Answer.abstain(question, List.of(GOMA), 0.1);
            return new Reply(a, null, false, question, Map.of("total", 0L));
        }, new Conversations(Duration.ofMinutes(30)), new RateLimiter(perMinute, TelegramBotTest.JAN_30),
                new ChatGate(options, TelegramBotTest.JAN_30), 200, TelegramBotTest.JAN_30, pool, budget, TOKEN);
    }

    /** Answers the query and returns the one result Telegram received for it, with the call's cache_time. */
    private JsonNode ask(InlineAnswers inline, String query) throws Exception {
        ObjectNode update = api.inlineQuery(USER, query);
        InlineQuery q = FakeBotApi.JSON.treeToValue(update.path("inline_query"), InlineQuery.class);
        inline.answer(q).get(10, TimeUnit.SECONDS);
        JsonNode body = api.awaitInlineAnswer(q.getId()).body();
        assertEquals(1, body.path("results").size(), body.toString());
        assertTrue(body.path("is_personal").asBoolean(), body.toString());
        ObjectNode result = (ObjectNode) body.path("results").get(0).deepCopy();
        result.put("cache_time", body.path("cache_time").asInt());
        return result;
    }

    @Test
    void should_title_the_result_with_the_first_sentence_and_send_the_answer_with_sources_when_found() throws Exception {
        JsonNode r = ask(inline(Set.of(), 5, Duration.ofSeconds(5)), "Who controls Goma?");

        assertEquals("M23 says it holds Goma.", r.path("title").asText());
        assertEquals("Congo disputes the claim.", r.path("description").asText());
        String html = r.path("input_message_content").path("message_text").asText();
        assertTrue(html.startsWith("M23 says it holds Goma [1]. Congo disputes the claim [1].\n\n<b>Sources:</b>\n[1] "
                + "<a href=\"https://example.org/goma\">M23 rebels say they hold Goma</a> — Herald Sample Wire, 27 Jan 2025"), html);
        assertEquals(InlineAnswers.CACHE_SECONDS, r.path("cache_time").asInt());
        assertTrue(conversations.get(0).startsWith("tg:inline:"), "asked on its own, not in a chat's conversation");
    }

    @Test
    void should_send_one_not_found_result_with_closest_headlines_when_herald_abstains() throws Exception {
        JsonNode r = ask(inline(Set.of(), 5, Duration.ofSeconds(5)), "Who won the cup?");

        assertEquals(InlineAnswers.NOT_FOUND_TITLE, r.path("title").asText());
        String html = r.path("input_message_content").path("message_text").asText();
        assertTrue(html.startsWith(Answer.ABSTENTION) && html.contains("Closest headlines:"), html);
    }

    @Test
    void should_send_a_hint_when_the_query_is_empty() throws Exception {
        JsonNode r = ask(inline(Set.of(), 5, Duration.ofSeconds(5)), "  ");

        assertEquals(InlineAnswers.HINT_TITLE, r.path("title").asText());
        assertEquals(InlineAnswers.HINT, r.path("input_message_content").path("message_text").asText());
        assertTrue(conversations.isEmpty(), "nothing was asked");
    }

    @Test
    void should_say_so_and_not_ask_when_the_user_is_over_the_rate_limit() throws Exception {
        InlineAnswers inline = inline(Set.of(), 1, Duration.ofSeconds(5));
        ask(inline, "Who controls Goma?");

        JsonNode r = ask(inline, "Who controls Goma now?");

        assertEquals(InlineAnswers.RATE_TITLE, r.path("title").asText());
        assertTrue(r.path("input_message_content").path("message_text").asText().contains("Please try again in"), r.toString());
        assertEquals(0, r.path("cache_time").asInt(), "a refusal is not cached");
        assertEquals(1, conversations.size(), "the second query was not asked");
    }

    @Test
    void should_answer_within_the_budget_with_still_working_when_the_answer_is_slow() throws Exception {
        long start = System.nanoTime();

        JsonNode r = ask(inline(Set.of(), 5, Duration.ofMillis(300)), "please hang");

        assertEquals(InlineAnswers.SLOW_TITLE, r.path("title").asText());
        assertEquals(0, r.path("cache_time").asInt());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "answered long before Telegram's 10 s");
    }

    @Test
    void should_say_the_bot_is_private_when_allowed_chats_do_not_include_the_user() throws Exception {
        JsonNode r = ask(inline(Set.of(USER + 1), 5, Duration.ofSeconds(5)), "Who controls Goma?");

        assertEquals(ChatGate.PRIVATE, r.path("input_message_content").path("message_text").asText());
        assertTrue(conversations.isEmpty());
    }
}
