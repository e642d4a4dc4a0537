package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.answer.llm.FakeOpenAi;
import dev.herald.answer.llm.LlmAnswerer;
import dev.herald.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LLM answers shown while the model writes them: drafts in a private chat, an edited reply in a group. The fake
 * model streams four sentences citing the sample article on Goma, the second of which its passage does not support
 * (no helicopters, no Lake Kivu): that sentence must never reach the reader's screen.
 */
class StreamedAnswersTest {

    static final String TOKEN = "444555666:EEJ_fake-token-for-stream-tests_qrstu";
    static final String UNSUPPORTED = "helicopters";
    static final String[] REPLY = {
            "The M23 rebel group says it has taken control ", "of Goma [[taken control of Goma]]. ",
            "The rebels also shot down 40 ", "helicopters over Lake Kivu [[taken control of Goma]]. ",
            "Shooting has been heard across Goma ", "since Sunday [[Shooting has been heard across Goma]]. ",
            "Many residents have stayed ", "indoors [[Many residents have stayed indoors]]."};

    @TempDir
    Path tmp;
    FakeBotApi api;
    FakeOpenAi llm;
    Herald herald;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        // scripted before Herald opens: its start-up probe must find an answering endpoint
        llm = new FakeOpenAi().stream(REPLY);
        herald = Herald.open(api.heraldWithSamples(tmp.resolve("h.db")).withOverride(Settings.ANSWER_MODE, "llm", "test")
                .withOverride(Settings.LLM_BASE_URL, llm.baseUrl(), "test")
                .withOverride(Settings.LLM_TIMEOUT, "10s", "test"));
        bot = TelegramBot.start(herald.telegramServices(), TOKEN, new TelegramBot.Options(TelegramBotTest.JAN_30,
                new ReliableSender.Pacing(Duration.ofMillis(10), Duration.ofMillis(1)),
                new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(10)), null);
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) bot.close();
        if (herald != null) herald.close();
        if (llm != null) llm.close();
        if (api != null) api.close();
    }

    private static void assertNeverShown(List<FakeBotApi.Call> calls) {
        for (FakeBotApi.Call c : calls) assertFalse(c.text().contains(UNSUPPORTED), c.method() + ": " + c.text());
    }

    private static boolean hasButtons(FakeBotApi.Call c) {
        return c.body().path("reply_markup").path("inline_keyboard").size() > 0;
    }

    @Test
    void should_show_only_checked_sentences_as_drafts_then_send_the_answer_when_asked_in_a_private_chat()
            throws Exception {
        // given: the model streams REPLY
        long user = 6001;

        // when
        api.push(api.privateText(user, "Who controls Goma?"));

        // then: drafts showed the answer growing, never the unsupported sentence
        FakeBotApi.Call answer = api.awaitSent(user, 1).get(0);
        List<FakeBotApi.Call> drafts = api.drafts(user);
        assertFalse(drafts.isEmpty(), "no draft was shown");
        assertTrue(drafts.get(0).text().contains("taken control of Goma"), drafts.get(0).text());
        assertTrue(drafts.get(0).body().path("draft_id").asInt() > 0);
        assertNeverShown(drafts);
        // and the message is the checked answer with its sources and the buttons
        assertNeverShown(List.of(answer));
        assertTrue(answer.text().contains("taken control of Goma") && answer.text().contains("indoors"), answer.text());
        assertTrue(answer.text().contains("Herald Sample Wire"), answer.text());
        assertTrue(answer.html() && hasButtons(answer), answer.body().toString());
        assertTrue(answer.nanos() > drafts.get(drafts.size() - 1).nanos(), "the answer comes after its drafts");
    }

    @Test
    void should_edit_one_reply_as_the_answer_grows_then_into_the_answer_when_asked_in_a_group() throws Exception {
        // given: the model streams REPLY
        long group = -6002;

        // when
        api.push(api.groupText(group, 7, "@HeraldTestBot Who controls Goma?"));

        // then: one reply to the question, edited; the last edit is the answer with sources and buttons
        FakeBotApi.Call last = awaitFinalEdit(group);
        List<FakeBotApi.Call> sent = api.sent(group);
        assertEquals(1, sent.size(), "one message, edited: " + sent);
        assertTrue(sent.get(0).body().path("reply_parameters").has("message_id"), sent.get(0).body().toString());
        assertTrue(sent.get(0).text().contains("taken control of Goma"), sent.get(0).text());
        assertNeverShown(sent);
        assertNeverShown(api.edits(group));
        // at most one change per pacing interval (10 ms here, 1 s by default)
        List<FakeBotApi.Call> changes = new ArrayList<>(sent);
        changes.addAll(api.edits(group));
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).nanos() - changes.get(i - 1).nanos() >= 9_000_000L, "edits too close: " + changes);
        }
        assertTrue(last.text().contains("indoors") && last.text().contains("Herald Sample Wire"), last.text());
        assertTrue(last.body().path("message_id").asInt() > 50_000, "edits the bot's own message: " + last.body());
        assertTrue(last.html(), last.body().toString());
    }

    @Test
    void should_end_with_the_quoted_answer_and_a_note_when_the_stream_breaks_in_mid_answer() throws Exception {
        // given: the model's connection drops partway through
        llm.streamThenBreak(REPLY);
        long user = 6003;

        // when
        api.push(api.privateText(user, "Who controls Goma?"));

        // then: the quoted answer, cited, with the note; nothing unchecked was shown
        FakeBotApi.Call answer = api.awaitSent(user, 1).get(0);
        assertTrue(answer.text().contains("[1]") && answer.text().contains(LlmAnswerer.BROKEN_NOTE), answer.text());
        assertTrue(hasButtons(answer));
        assertNeverShown(api.drafts(user));
        assertNeverShown(List.of(answer));
    }

    @Test
    void should_slow_the_edits_and_still_deliver_the_answer_when_an_edit_meets_flood_control() throws Exception {
        // given: the model streams REPLY, and Telegram refuses the first edit with retry_after 1 s
        long group = -6004;
        api.floodOnce("editMessageText", group, 1);

        // when
        api.push(api.groupText(group, 8, "@HeraldTestBot Who controls Goma?"));

        // then: the next edit waits out the second, and the answer arrives in full
        FakeBotApi.Call last = awaitFinalEdit(group);
        List<FakeBotApi.Call> edits = api.edits(group);
        assertTrue(edits.size() >= 2, edits.toString());
        long gap = edits.get(1).nanos() - edits.get(0).nanos();
        assertTrue(gap >= 900_000_000L, "edit after the 429 came " + gap / 1_000_000 + " ms later");
        assertTrue(last.text().contains("indoors") && last.text().contains("Herald Sample Wire"), last.text());
        assertNeverShown(edits);
    }

    /** The edit that carries the buttons: the finished answer replacing the preview. */
    private FakeBotApi.Call awaitFinalEdit(long chat) throws InterruptedException {
        List<FakeBotApi.Call> done = api.awaitCalls(c -> c.method().equals("editmessagetext") && c.chatId() == chat
                && hasButtons(c), 1, 20_000);
        return new ArrayList<>(done).get(0);
    }
}
