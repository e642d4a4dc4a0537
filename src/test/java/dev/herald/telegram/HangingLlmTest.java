package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.answer.llm.FakeOpenAi;
import dev.herald.answer.llm.LlmAnswerer;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hanging LLM endpoint delays only the questions waiting on it: every reader's question reaches the model at once
 * (none waits for another's call), and other readers' commands are answered meanwhile.
 */
class HangingLlmTest {

    static final String TOKEN = "123456789:AAE_fake-token-for-hang-tests_abcdef";

    @Test
    void should_answer_other_readers_commands_and_ask_every_question_at_once_when_the_llm_hangs(@TempDir Path tmp)
            throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); FakeOpenAi llm = new FakeOpenAi().hangEveryCall()) {
            // given: the sample articles stored beforehand (so the start-up probe has not yet given up on the model
            // when the questions come), Herald in llm mode against an endpoint that never answers, and a bot with
            // 4 threads
            HeraldConfig config = api.heraldWithSamples(tmp.resolve("h.db")).withOverride(Settings.ANSWER_MODE, "llm", "test")
                    .withOverride(Settings.LLM_BASE_URL, llm.baseUrl(), "test")
                    .withOverride(Settings.LLM_TIMEOUT, "8s", "test");
            try (Herald herald = Herald.open(config)) {
                TelegramBot.Options options = new TelegramBot.Options(TelegramBotTest.JAN_30,
                        new ReliableSender.Pacing(Duration.ofMillis(10), Duration.ofMillis(2)),
                        new ReliableSender.Retry(3, Duration.ofMillis(50)), 4, Duration.ofSeconds(20));
                TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, options, null);
                try {
                    // when: five readers ask questions
                    for (long user = 2001; user <= 2005; user++) api.push(api.privateText(user, "Who controls Goma?"));

                    // then: all five model calls are in flight together, more than the bot's 4 threads: no reader's
                    // question waited for another's
                    awaitQuestionCalls(llm, 5);
                    api.push(api.privateText(3001, "/help"));
                    api.push(api.privateText(3002, "/start"));

                    // and: /help and /start arrive while every question is still waiting on the model
                    String help = api.awaitSent(3001, 1).get(0).text();
                    String hello = api.awaitSent(3002, 1).get(0).text();
                    for (long user = 2001; user <= 2005; user++) {
                        assertEquals(0, api.sent(user).size(), "reader " + user + " answered before the model timed out");
                    }
                    assertTrue(help.contains("I'm Herald, a news bot."), help);
                    assertTrue(hello.startsWith("Hello! I'm Herald."), hello);

                    // and the questions get the quoted answer, with the note, once the model has timed out
                    for (long user = 2001; user <= 2005; user++) {
                        String answer = api.awaitSent(user, 1, 30_000).get(0).text();
                        assertTrue(answer.contains("[1]") && answer.contains(LlmAnswerer.UNAVAILABLE_NOTE), answer);
                    }
                } finally {
                    bot.close();
                }
            }
        }
    }

    /** Waits until the endpoint holds n answer calls (the start-up probe's "Reply with … OK" does not count). */
    private static void awaitQuestionCalls(FakeOpenAi llm, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (questionCalls(llm) < n) {
            if (System.currentTimeMillis() > end) throw new AssertionError("model calls: " + llm.hungBodies().size());
            Thread.sleep(20);
        }
    }

    private static long questionCalls(FakeOpenAi llm) {
        List<String> bodies = llm.hungBodies();
        return bodies.stream().filter(b -> b.contains("Goma")).count();
    }
}
