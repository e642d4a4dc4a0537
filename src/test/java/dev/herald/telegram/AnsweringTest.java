package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.chat.Reply;
import dev.herald.store.Database;
import dev.herald.store.FeedbackStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The question step on its own: what is refused before the answering pool, and what an answer carries. */
class AnsweringTest {

    static final String TOKEN = "987654325:BBF_answering-fake-token_0123456789";

    @TempDir
    Path tmp;
    FakeBotApi api;
    Database db;
    ExecutorService pool;
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<String> replies = new CopyOnWriteArrayList<>();
    Answering answering;

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        db = Database.open(tmp.resolve("a.db"));
        pool = Executors.newSingleThreadExecutor();
        ReliableSender sender = api.sender();
        answering = new Answering(sender, new Replies(sender), (conversation, question, asOf) -> {
            asked.add(conversation + " " + question);
            return new Reply(Answer.abstain(question, List.of(), 0), null, false, question, Map.of("total", 0L));
        }, new FeedbackStore(db), new BotOptions(Set.of(), Set.of(), 20, 2), new BotStats(), TelegramBotTest.JAN_30,
                pool, TOKEN);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        db.close();
        api.close();
    }

    private String ask(Message m, String question) throws Exception {
        answering.answer(m, question).get(10, TimeUnit.SECONDS);
        List<FakeBotApi.Call> sent = api.sent(m.getChatId());
        return sent.isEmpty() ? null : sent.get(sent.size() - 1).text();
    }

    @Test
    void should_refuse_before_asking_when_a_question_is_invisible_too_long_or_over_the_rate() throws Exception {
        // given a limit of 20 characters and 2 questions a minute
        Message m = TestMessages.privateText(5, "x");
        // then
        assertEquals(Answering.ASK_IN_WORDS, ask(m, "\u200b\u00a0"));
        assertTrue(ask(m, "x".repeat(21)).contains("(21 characters)"));
        ask(m, "Who won?");
        ask(m, "And then?");
        assertTrue(ask(m, "And after?").contains("Please try again in "), api.sent(5).toString());
        assertEquals(List.of("tg:5:5 Who won?", "tg:5:5 And then?"), asked);
    }

    @Test
    void should_show_typing_then_answer_with_buttons_when_a_question_is_asked() throws Exception {
        // when
        ask(TestMessages.groupText(-8, 6, "@HeraldTestBot who won?"), "who won?");
        // then
        FakeBotApi.Call typing = api.calls("sendChatAction").get(0);
        FakeBotApi.Call answer = api.sent(-8).get(0);
        assertTrue(typing.nanos() < answer.nanos());
        assertEquals("tg:-8:6 who won?", asked.get(0));
        assertTrue(answer.text().startsWith(Answer.ABSTENTION), answer.text());
        assertTrue(answer.body().path("reply_markup").toString().contains("fb:up:"));
        assertEquals(12, answer.body().path("reply_parameters").path("message_id").asInt(), "quotes the question");
    }
}
