package dev.herald.telegram;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real telegrambots long-polling application and OkHttp client against a fake Bot API server, with a real
 * Herald (temp SQLite file, bundled sample articles, local embeddings).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelegramBotTest {

    static final String TOKEN = "123456789:AAE_fake-token-for-tests_abcdefghijk";
    static final long ADMIN = 111;
    static final Clock JAN_30 = Clock.fixed(Instant.parse("2025-01-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static Herald herald;
    static TelegramBot bot;
    static final AtomicInteger explosions = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.telegram")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("okhttp3")).setLevel(Level.INFO);
        api = new FakeBotApi(TOKEN);
        HeraldConfig config = HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("h.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_ADMINS, String.valueOf(ADMIN), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                .withOverride(Settings.TELEGRAM_RATE_LIMIT_PER_MINUTE, "5", "test")
                .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN)));
        herald = Herald.open(config);
        herald.library().loadSamples(IngestProgress.NONE);
        TelegramBot.Options options = new TelegramBot.Options(JAN_30,
                new ReliableSender.Pacing(Duration.ofMillis(10), Duration.ofMillis(2)),
                new ReliableSender.Retry(5, Duration.ofMillis(50)), 4, Duration.ofSeconds(10));
        bot = TelegramBot.start(herald.telegramServices(), TOKEN, options, (conversation, question, asOf) -> {
            if (question.contains("EXPLODE")) {
                explosions.incrementAndGet();
                throw new IllegalStateException("pipeline broke for " + TOKEN);
            }
            return herald.questions().ask(conversation, question, asOf);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) bot.close();
        Thread.sleep(300); // a poll the cancelled session had already started may still arrive
        int polls = api.calls("getUpdates").size();
        Thread.sleep(300);
        assertEquals(polls, api.calls("getUpdates").size(), "polling stopped on close");
        if (herald != null) herald.close();
        if (api != null) api.close();
        assertEquals(0, api.unauthorized.get(), "every call used the token path");
    }

    @Test
    @Order(1)
    void should_set_reader_and_admin_menus_and_greet_with_examples_when_started() throws Exception {
        assertEquals("HeraldTestBot", bot.username());
        assertFalse(api.calls("getMe").isEmpty());
        List<FakeBotApi.Call> commands = api.calls("setMyCommands");
        assertTrue(commands.stream().anyMatch(c -> "default".equals(c.body().path("scope").path("type").asText())
                && !c.body().toString().contains("reload")), "reader commands in the default scope");
        assertTrue(commands.stream().anyMatch(c -> "chat".equals(c.body().path("scope").path("type").asText())
                && c.body().path("scope").path("chat_id").asText().equals("111")
                && c.body().toString().contains("\"reload\"")), "admin commands in the admin's chat");

        api.push(api.privateText(1001, "/start"));
        FakeBotApi.Call hello = api.awaitSent(1001, 1).get(0);
        assertTrue(hello.html());
        assertTrue(hello.text().contains("Try asking:"), hello.text());
        assertEquals(3, hello.text().split("What happened with ", -1).length - 1, hello.text());
    }

    @Test
    @Order(2)
    void should_answer_with_citations_and_store_a_vote_when_a_reader_asks_and_follows_up() throws Exception {
        long user = 1002;
        api.push(api.privateText(user, "Who controls Goma?"));
        FakeBotApi.Call answer = api.awaitSent(user, 1).get(0);
        String text = answer.text();
        assertTrue(answer.html());
        assertTrue(text.contains("[1]"), text);
        assertTrue(text.contains("<b>Sources:</b>\n[1] <a href=\"https://example.org/herald-samples/goma-offensive\">"
                + "M23 rebels say they hold Goma as Congo disputes the claim</a> — Herald Sample Wire, 27 Jan 2025"), text);
        assertTrue(answer.body().path("reply_markup").toString().contains("fb:up:"), "feedback buttons");
        // the typing action went out before the answer
        FakeBotApi.Call typing = api.calls("sendChatAction").stream()
                .filter(c -> c.chatId() == user).findFirst().orElseThrow();
        assertEquals("typing", typing.body().path("action").asText());
        assertTrue(typing.nanos() < answer.nanos());

        api.push(api.privateText(user, "and how many were wounded?"));
        String followUp = api.awaitSent(user, 2).get(1).text();
        assertTrue(followUp.contains("300"), followUp);

        // 👍 on the first answer is stored with the question and the user
        String data = answer.body().path("reply_markup").path("inline_keyboard").get(0).get(0)
                .path("callback_data").asText();
        assertTrue(data.startsWith("fb:up:"));
        api.push(api.callback(user, data, 50001));
        FakeBotApi.Call ack = api.awaitCalls(c -> c.method().equals("answercallbackquery"), 1, 10_000).get(0);
        assertEquals("Thanks for the feedback", ack.body().path("text").asText());
        int[] row = herald.database().read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT vote, user_id, chat_id, question FROM feedback")) {
                assertTrue(rs.next());
                assertEquals("Who controls Goma?", rs.getString(4));
                return new int[]{rs.getInt(1), rs.getInt(2), rs.getInt(3)};
            }
        });
        assertEquals(1, row[0]);
        assertEquals(user, row[1]);
        assertEquals(user, row[2]);
    }

    @Test
    @Order(3)
    void should_answer_in_a_group_only_when_addressed() throws Exception {
        long group = -100_555;
        api.push(api.groupText(group, 2001, "Who controls Goma?"));              // chatter: ignored
        api.push(api.groupText(group, 2001, "/ask@SomeOtherBot Who controls Goma?")); // another bot's command
        int mentioned = api.push(api.groupText(group, 2001, "@HeraldTestBot who controls Goma?"));
        List<FakeBotApi.Call> sent = api.awaitSent(group, 1);
        assertTrue(sent.get(0).text().contains("goma-offensive"), sent.get(0).text());
        assertTrue(sent.get(0).body().path("reply_parameters").has("message_id"), "replies to the asker");

        api.push(api.groupText(group, 2002, "/ask@HeraldTestBot What did Ruto and Rubio discuss?"));
        api.push(api.groupReplyToBot(group, 2003, "Who called the emergency summit?", 50_001));
        sent = api.awaitSent(group, 3);
        // two people in one group are answered independently (neither waits for the other), in either order
        List<String> answers = List.of(sent.get(1).text(), sent.get(2).text());
        assertTrue(answers.stream().anyMatch(t -> t.contains("ruto-rubio-call")), answers.toString());
        assertTrue(answers.stream().anyMatch(t -> t.contains("eac-emergency-summit") && t.contains("[1]")),
                answers.toString());
        // then: 2001's later /help is answered after its earlier messages were handled (one queue per user), so
        // its reply is the fourth message only if the chatter and the other bot's command got none
        api.push(api.groupText(group, 2001, "/help@HeraldTestBot"));
        List<FakeBotApi.Call> all = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == group
                && c.text().startsWith("I'm Herald"), 1, 15_000);
        assertEquals(4, api.sent(group).size(), "the unaddressed messages got no reply: " + api.sent(group));
        assertEquals(1, all.size());
        assertTrue(mentioned > 0);
    }

    @Test
    @Order(4)
    void should_say_it_reads_only_text_and_ignore_edits_and_blanks_when_sent_such_messages() throws Exception {
        long user = 1004;
        api.push(api.privatePhoto(user));
        api.push(api.privateSticker(user));
        api.push(api.editedPrivateText(user, "Who controls Goma?"));
        api.push(api.privateText(user, "   "));
        api.push(api.privateText(user, "x".repeat(1001)));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 3);
        assertEquals("I can only read text questions.", sent.get(0).text());
        assertEquals("I can only read text questions.", sent.get(1).text());
        assertTrue(sent.get(2).text().contains("1000 characters"), sent.get(2).text());
        // a later command is answered after them (one queue per user): if it is the fourth reply, the edit and
        // the blank message got none
        api.push(api.privateText(user, "/sources"));
        List<FakeBotApi.Call> after = api.awaitSent(user, 4);
        assertTrue(after.get(3).text().startsWith("<b>Sources</b>"), after.get(3).text());
        assertEquals(4, api.sent(user).size(), "edited and blank messages are not answered");
    }

    @Test
    @Order(4)
    void should_ask_for_a_question_in_words_when_a_message_is_only_invisible_spaces() throws Exception {
        // given
        long user = 1014;
        // when
        api.push(api.privateText(user, "\u200b\u00a0\u200b\u2060"));
        // then: the normal hint, not the apology for a failure
        FakeBotApi.Call reply = api.awaitSent(user, 1).get(0);
        assertEquals(Answering.ASK_IN_WORDS, reply.text());
    }

    @Test
    @Order(5)
    void should_resend_as_plain_text_when_telegram_rejects_the_html() throws Exception {
        long user = 1005;
        api.rejectHtmlOnce(user);
        api.push(api.privateText(user, "Who controls Goma?"));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 2);
        assertTrue(sent.get(0).html());
        FakeBotApi.Call plain = sent.get(1);
        assertFalse(plain.body().has("parse_mode"));
        assertTrue(plain.text().contains("Sources:\n[1] M23 rebels say they hold Goma as Congo disputes the claim "
                + "(https://example.org/herald-samples/goma-offensive) — Herald Sample Wire, 27 Jan 2025"), plain.text());
        assertFalse(plain.text().contains("<a "));
        assertTrue(plain.body().path("reply_markup").toString().contains("fb:up:"), "buttons kept");
    }

    @Test
    @Order(6)
    void should_wait_out_retry_after_when_flood_control_answers_429() throws Exception {
        long user = 1006;
        api.floodOnce(user, 1);
        api.push(api.privateText(user, "/sources"));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 2);
        long waited = sent.get(1).nanos() - sent.get(0).nanos();
        assertTrue(waited >= 1_000_000_000L, "retried after " + waited / 1_000_000 + " ms");
        assertEquals(sent.get(0).text(), sent.get(1).text());
        assertTrue(sent.get(1).text().contains("Herald Sample Wire — 4 articles"), sent.get(1).text());
    }

    @Test
    @Order(7)
    void should_check_admin_commands_on_the_sender_when_run_in_a_private_chat_or_a_group() throws Exception {
        long stranger = 222;
        api.push(api.privateText(stranger, "/reload"));
        api.push(api.privateText(stranger, "/stats"));
        List<FakeBotApi.Call> refused = api.awaitSent(stranger, 2);
        assertEquals("This command is for admins.", refused.get(0).text());
        assertEquals("This command is for admins.", refused.get(1).text());

        api.push(api.privateText(ADMIN, "/reload"));
        List<FakeBotApi.Call> sent = api.awaitSent(ADMIN, 2);
        assertEquals("Reloading…", sent.get(0).text());
        assertTrue(sent.get(1).text().matches("(?s)Reload done in [0-9.]+ s: 0 added, 0 updated, 9 unchanged, 0 failed\\..*"),
                sent.get(1).text());

        // the same admin id typed in a group counts; a group whose id is an admin's id does not make others admins
        api.push(api.groupText(-ADMIN, 333, "/stats"));
        assertEquals("This command is for admins.", api.awaitSent(-ADMIN, 1).get(0).text());

        api.push(api.privateText(ADMIN, "/stats"));
        String stats = api.awaitSent(ADMIN, 3).get(2).text();
        assertTrue(stats.contains("Articles: 9"), stats);
        assertTrue(stats.contains("Feedback: 👍 1 / 👎 0"), stats);
        assertTrue(stats.contains("p50 "), stats);

        // a feed on a private address is refused before any connection (tests never touch the network)
        api.push(api.privateText(ADMIN, "/add http://127.0.0.1:9/feed.xml"));
        List<FakeBotApi.Call> addReply = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().startsWith("Add done"), 1, 30_000);
        assertTrue(addReply.get(0).text().contains("1 failed") && addReply.get(0).text().contains("127.0.0.1"),
                addReply.get(0).text());
        api.push(api.privateText(ADMIN, "/remove no-such-article"));
        List<FakeBotApi.Call> removed = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().startsWith("No article"), 1, 30_000);
        assertEquals("No article has the id or URL no-such-article.", removed.get(0).text());
    }

    @Test
    @Order(8)
    void should_tell_when_to_try_again_when_a_reader_exceeds_the_rate_limit() throws Exception {
        long user = 1008;
        for (int i = 0; i < 6; i++) api.push(api.privateText(user, "Who controls Goma? " + i));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 6);
        for (int i = 0; i < 5; i++) assertTrue(sent.get(i).text().contains("[1]"), sent.get(i).text());
        assertTrue(sent.get(5).text().contains("Please try again in 60 seconds."), sent.get(5).text());
    }

    @Test
    @Order(9)
    void should_apologise_and_keep_polling_when_answering_throws() throws Exception {
        long user = 1009;
        api.push(api.privateText(user, "EXPLODE please"));
        api.push(api.privateText(user, "Who controls Goma?"));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 2);
        assertEquals(UpdateHandler.APOLOGY, sent.get(0).text());
        assertTrue(sent.get(1).text().contains("[1]"), sent.get(1).text());
        assertTrue(explosions.get() >= 1);
    }

    @Test
    @Order(9)
    void should_retry_after_a_5xx_and_answer_once_when_an_update_is_delivered_twice() throws Exception {
        long user = 1010;
        api.failOnce("sendMessage", c -> c.chatId() == user, 502,
                "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
        int id = api.push(api.privateText(user, "/help"));
        List<FakeBotApi.Call> sent = api.awaitSent(user, 2);
        assertTrue(sent.get(1).nanos() - sent.get(0).nanos() >= 40_000_000L, "backed off before retrying");
        assertTrue(sent.get(1).text().contains("9 articles by Herald Sample Wire"), sent.get(1).text());
        assertTrue(sent.get(1).text().contains(", published between 25 Jan 2025 and "), sent.get(1).text());
        assertFalse(sent.get(1).text().contains("/reload"), "readers are not shown admin commands");

        // the same update delivered again (e.g. after a restart of polling) is not answered twice
        org.telegram.telegrambots.meta.api.objects.Update again = FakeBotApi.JSON.treeToValue(
                FakeBotApi.JSON.createObjectNode().put("update_id", id).setAll(api.privateText(user, "/help")),
                org.telegram.telegrambots.meta.api.objects.Update.class);
        bot.handler().consume(List.of(again));
        // a later update from the same reader is answered after the duplicate would have been
        api.push(api.privateText(user, "/sources"));
        List<FakeBotApi.Call> after = api.awaitSent(user, 3);
        assertTrue(after.get(2).text().startsWith("<b>Sources</b>"), after.get(2).text());
        assertEquals(3, api.sent(user).size(), "the duplicate /help was not answered: " + api.sent(user));
    }

    @Test
    @Order(9)
    void should_retry_the_reply_when_a_proxy_answers_502_with_an_html_page() throws Exception {
        // given: nginx in front of the Bot API answers one sendMessage with its own error page
        long user = 1012;
        api.failOnceWithPage("sendMessage", c -> c.chatId() == user, 502, "text/html",
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                        + "</center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n");

        // when
        api.push(api.privateText(user, "/sources"));

        // then: the same reply is sent again after a back-off, and arrives
        List<FakeBotApi.Call> sent = api.awaitSent(user, 2);
        assertEquals(sent.get(0).text(), sent.get(1).text());
        assertTrue(sent.get(1).text().contains("Herald Sample Wire — "), sent.get(1).text());
    }

    @Test
    @Order(10)
    void should_never_log_the_token_when_an_update_fails() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            long user = 1011;
            api.push(api.privateText(user, "EXPLODE again"));
            // the failure is logged before the apology is sent
            assertEquals(UpdateHandler.APOLOGY, api.awaitSent(user, 1).get(0).text());
        } finally {
            root.detachAppender(appender);
        }
        assertFalse(appender.list.isEmpty());
        for (var e : appender.list) {
            assertFalse(e.getFormattedMessage().contains(TOKEN), e.getFormattedMessage());
            assertFalse(e.getFormattedMessage().contains("AAE_fake"), e.getFormattedMessage());
        }
        assertTrue(appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains("pipeline broke for <token>")));
    }

    @Test
    @Order(11)
    void should_answer_an_inline_query_with_the_cited_answer_when_the_sources_cover_it() throws Exception {
        // given a reader typing "@HeraldTestBot Who controls Goma?" in some chat; when Telegram sends the query
        JsonNode body = inlineAnswer(1013, "Who controls Goma?");

        // then: one article result; its title is the answer's first sentence, its message the answer with sources
        JsonNode result = body.path("results").get(0);
        assertEquals("article", result.path("type").asText());
        assertTrue(result.path("title").asText().contains("Goma"), result.toString());
        assertFalse(result.path("title").asText().contains("Sources"), result.toString());
        JsonNode message = result.path("input_message_content");
        assertTrue("html".equalsIgnoreCase(message.path("parse_mode").asText()), message.toString());
        assertTrue(message.path("message_text").asText().contains("<b>Sources:</b>\n[1] <a href=\"https://example.org/herald-samples/"),
                message.toString());
        assertTrue(message.path("link_preview_options").path("is_disabled").asBoolean(), message.toString());
        assertTrue(body.path("cache_time").asInt() > 0 && body.path("cache_time").asInt() <= 60, body.toString());
    }

    @Test
    @Order(11)
    void should_answer_an_inline_query_with_one_not_found_result_when_herald_abstains() throws Exception {
        JsonNode result = inlineAnswer(1014, "What did the Tokyo stock exchange do with bitcoin futures?")
                .path("results").get(0);

        assertEquals(InlineAnswers.NOT_FOUND_TITLE, result.path("title").asText(), result.toString());
        assertTrue(result.path("input_message_content").path("message_text").asText()
                .startsWith(dev.herald.answer.Answer.ABSTENTION), result.toString());
    }

    /** Sends an inline query through polling; returns the answerInlineQuery call's body, which has one result. */
    private static JsonNode inlineAnswer(long user, String text) throws Exception {
        var query = api.inlineQuery(user, text);
        api.push(query);
        JsonNode body = api.awaitInlineAnswer(query.path("inline_query").path("id").asText()).body();
        assertEquals(1, body.path("results").size(), body.toString());
        return body;
    }

    @Test
    @Order(19)
    void should_refuse_to_add_a_path_outside_the_allowed_roots_or_a_link_leaving_them(@TempDir Path outside) throws Exception {
        // given a private notes file outside the allowed roots, and a folder inside them with a link to it
        Path notes = Files.writeString(outside.resolve("notes.txt"), "title: Notes\n\nThe admin password is swordfish.\n");
        Path inside = Files.createDirectories(tmp.resolve("linked"));
        Files.createSymbolicLink(inside.resolve("news.txt"), notes);
        // when (one content operation at a time: the second after the first is done)
        api.push(api.privateText(ADMIN, "/add " + notes));
        String direct = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().startsWith("Add done") && c.text().contains(notes + ": "), 1, 30_000).get(0).text();
        api.push(api.privateText(ADMIN, "/add " + inside));
        String linked = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().startsWith("Add done") && c.text().contains(inside.toString()), 1, 30_000).get(0).text();
        // then: nothing of it is stored, and the admin is told why
        assertTrue(direct.contains("outside content.allowed-roots"), direct);
        assertTrue(linked.contains("links to " + notes.toRealPath()) && linked.contains("outside content.allowed-roots"),
                linked);
        assertTrue(herald.store().latest(100, Instant.MAX).stream().noneMatch(r -> r.title().equals("Notes")));
        assertTrue(herald.sources().registry().list().stream().noneMatch(x -> x.location().contains("notes")),
                "a refused path is not remembered for reload");
    }

    @Test
    @Order(20)
    void should_split_into_valid_messages_when_a_reply_exceeds_4096_characters() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("garden")); // inside content.allowed-roots (the db's folder)
        for (int i = 0; i < 50; i++) {
            Files.writeString(folder.resolve("story-" + i + ".md"), "---\ntitle: Lindenport gardening club story number "
                    + i + " about <tomatoes> & \"beans\" in the allotments near the harbour 🌱\nsource: Test Gazette\n"
                    + "url: https://example.org/garden/" + i + "?a=1&b=2\npublished: 2025-01-29T0" + (i % 10) + ":00:00Z\n---\n\n"
                    + "The gardening club met for the " + i + "th time to talk about tomatoes and beans.\n");
        }
        api.push(api.privateText(ADMIN, "/add " + folder));
        List<FakeBotApi.Call> added = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().startsWith("Add done") && c.text().contains("50 added"), 1, 30_000);
        assertTrue(added.get(0).text().contains("50 added"), added.get(0).text());

        int before = api.sent(ADMIN).size();
        api.push(api.privateText(ADMIN, "/latest 50"));
        // the parts go out in order, so the reply is complete once the part with headline 50 has arrived
        api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == ADMIN
                && c.text().contains("50. <a href="), 1, 15_000);
        List<FakeBotApi.Call> sent = api.sent(ADMIN);
        List<FakeBotApi.Call> parts = sent.subList(before, sent.size());
        assertTrue(parts.size() >= 2, "split into " + parts.size());
        StringBuilder all = new StringBuilder();
        for (FakeBotApi.Call p : parts) {
            assertTrue(p.text().length() <= 4096);
            assertTrue(p.html());
            MessageSplitterTest.assertBalanced(p.text());
            MessageSplitterTest.assertNoBrokenEntities(p.text());
            all.append(p.text());
        }
        String joined = all.toString();
        for (int i = 1; i <= 50; i++) {
            assertTrue(joined.contains(i + ". <a href=\"https://example.org/"), "headline " + i + " in " + joined);
        }
        java.util.regex.Matcher whole = java.util.regex.Pattern.compile("<a href=\"https://example.org/garden/\\d+\\?a=1&amp;b=2\">"
                + "Lindenport gardening club story number \\d+ about &lt;tomatoes&gt; &amp; &quot;beans&quot; in the allotments "
                + "near the harbour 🌱</a> — Test Gazette, 29 Jan 2025").matcher(joined);
        int intact = 0;
        while (whole.find()) intact++;
        assertEquals(joined.split("gardening club story", -1).length - 1, intact, "every garden headline whole");
        assertTrue(intact >= 40, "garden headlines listed: " + intact);
        JsonNode first = parts.get(0).body();
        assertNotNull(first);
    }
}
