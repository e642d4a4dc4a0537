package dev.herald.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.ArticleRef;
import dev.herald.chat.Reply;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How answers look on the wire (issue 15 item 5): a group reply quotes its question, link previews are off, more than
 * three sources fold into an expandable blockquote, the feedback buttons stay. The answer is scripted ("ask for N
 * sources") so the test is about the reply, not retrieval.
 */
class ReadableRepliesTest {

    static final String TOKEN = "987654323:BBF_replies-fake-token_0123456789";
    static final Instant JAN_27 = Instant.parse("2025-01-27T10:00:00Z");

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static Herald herald;
    static TelegramBot bot;

    @BeforeAll
    static void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        herald = Herald.open(HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("r.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test"));
        bot = TelegramBot.start(herald.telegramServices(), TOKEN, new TelegramBot.Options(TelegramBotTest.JAN_30,
                        new ReliableSender.Pacing(Duration.ofMillis(5), Duration.ofMillis(1)),
                        new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(5)),
                (conversation, question, asOf) -> scripted(question), new BotOptions(Set.of(), Set.of(), 1000, 100));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
        if (herald != null) herald.close();
        if (api != null) api.close();
    }

    /** An answer citing as many sources as the question's last word says. */
    private static Reply scripted(String question) {
        int n = Integer.parseInt(question.replaceAll(".*\\D", ""));
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder("Goma is held by M23");
        for (int i = 1; i <= n; i++) {
            citations.add(new Citation(i, new ArticleRef("a" + i, "Story " + i, "Wire", "https://example.org/" + i,
                    JAN_27), List.of("q" + i)));
            text.append(" [").append(i).append(']');
        }
        return new Reply(Answer.answered(question, text + ".", citations, 1), null, false, question,
                Map.of("total", 1_000_000L));
    }

    @Test
    void should_quote_the_question_and_fold_the_sources_when_a_group_answer_has_more_than_three() throws Exception {
        // given
        long group = -100_700;
        ObjectNode update = api.groupText(group, 31, "@HeraldTestBot who holds Goma? 5");
        int questionId = update.path("message").path("message_id").asInt();
        // when
        api.push(update);
        // then
        JsonNode sent = api.awaitSent(group, 1).get(0).body();
        assertEquals(questionId, sent.path("reply_parameters").path("message_id").asInt(), "quotes the question");
        assertTrue(sent.path("link_preview_options").path("is_disabled").asBoolean(), "no link preview");
        String text = sent.path("text").asText();
        assertTrue(text.contains("<b>Sources:</b>\n<blockquote expandable>[1] <a href=\"https://example.org/1\">Story 1</a>"),
                text);
        assertTrue(text.endsWith("[5] <a href=\"https://example.org/5\">Story 5</a> — Wire, 27 Jan 2025</blockquote>"), text);
        assertTrue(sent.path("reply_markup").toString().contains("fb:up:"), "feedback buttons");
    }

    @Test
    void should_list_the_sources_open_without_quoting_when_a_private_answer_has_three() throws Exception {
        // given
        long user = 32;
        // when
        api.push(api.privateText(user, "who holds Goma? 3"));
        // then
        JsonNode sent = api.awaitSent(user, 1).get(0).body();
        assertFalse(sent.has("reply_parameters"), "one reader: nothing to quote");
        assertTrue(sent.path("link_preview_options").path("is_disabled").asBoolean(), "no link preview");
        String text = sent.path("text").asText();
        assertFalse(text.contains("blockquote"), text);
        assertTrue(text.contains("<b>Sources:</b>\n[1] <a href=\"https://example.org/1\">Story 1</a>"), text);
        assertTrue(sent.path("reply_markup").toString().contains("fb:down:"), "feedback buttons");
    }

    @Test
    void should_turn_link_previews_off_when_a_command_replies_with_links() throws Exception {
        // given a reader in a group
        long group = -100_701;
        // when
        api.push(api.groupText(group, 33, "/help@HeraldTestBot"));
        // then
        JsonNode sent = api.awaitSent(group, 1).get(0).body();
        assertTrue(sent.path("link_preview_options").path("is_disabled").asBoolean());
        assertTrue(sent.path("reply_parameters").has("message_id"), "a group reply quotes its command");
    }
}
