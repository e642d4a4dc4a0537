package dev.herald.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import dev.herald.support.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sees when the bot starts on nothing, with a wrong token, or while Telegram is failing. */
class StartupAndFailuresTest {

    static final String TOKEN = "555666777:CCG_fake-token-for-startup-tests_xyz";
    static final long ADMIN = 4242;
    static final TelegramBot.Options FAST = new TelegramBot.Options(TelegramBotTest.JAN_30,
            new ReliableSender.Pacing(Duration.ofMillis(5), Duration.ofMillis(1)),
            new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(5));

    private static HeraldConfig config(Path tmp, FakeBotApi api, String token) {
        return HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("s.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                .withOverride(Settings.TELEGRAM_ADMINS, String.valueOf(ADMIN), "test")
                .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, token)));
    }

    @Test
    void should_answer_from_the_samples_and_tell_admins_when_started_on_an_empty_database_with_nothing_configured(
            @TempDir Path tmp) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Herald herald = Herald.open(config(tmp, api, TOKEN));
             LogLines log = new LogLines()) {
            // given: a fresh database and no content.paths
            assertEquals(0, herald.store().articleCount());
            // when: the bot starts, and a reader and an admin send /start
            TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, FAST, null);
            try {
                api.push(api.privateText(ADMIN, "/start"));
                api.push(api.privateText(77, "/start"));
                api.push(api.privateText(78, "Who controls Goma?"));
                String admin = api.awaitSent(ADMIN, 1).get(0).text();
                String reader = api.awaitSent(77, 1).get(0).text();
                String answer = api.awaitSent(78, 1).get(0).text();

                // then: it answers from the samples, says so in its log, and tells the admin only
                assertTrue(answer.contains("[1]") && answer.contains("Herald Sample Wire"), answer);
                assertTrue(admin.contains("built-in sample news"), admin);
                assertTrue(admin.contains("/add"), admin);
                assertFalse(reader.contains("sample"), reader);
                assertTrue(log.from("TelegramBot").stream().anyMatch(e -> e.getLevel() == Level.INFO
                        && e.getFormattedMessage().contains("built-in sample articles")), log.events().toString());
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void should_leave_a_configured_library_empty_when_its_content_is_not_loaded_yet(@TempDir Path tmp)
            throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN);
             Herald herald = Herald.open(config(tmp, api, TOKEN)
                     .withOverride(Settings.CONTENT_PATHS, tmp.resolve("news").toString(), "test"))) {
            TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, FAST, null);
            try {
                api.push(api.privateText(ADMIN, "/start"));
                String admin = api.awaitSent(ADMIN, 1).get(0).text();
                assertEquals(0, herald.store().articleCount());
                assertTrue(admin.contains("I have no articles yet"), admin);
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void should_print_one_line_and_exit_2_when_telegram_rejects_the_token(@TempDir Path tmp) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // given: a Bot API that knows another token (it answers 401 to this one)
        try (FakeBotApi api = new FakeBotApi(TOKEN);
             Herald herald = Herald.open(config(tmp, api, "111222333:DDH_a-revoked-token-000000000000"))) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit;
            try {
                // when
                exit = TelegramBot.runBot(herald.telegramServices());
            } finally {
                System.setErr(err);
            }
            // then
            assertEquals(2, exit);
            assertTrue(api.unauthorized.get() > 0);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("Telegram") || l.contains("herald bot")).toList();
        assertEquals(List.of("Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN"), lines);
    }

    @Test
    void should_log_one_warning_with_the_back_off_per_failed_poll_and_keep_answering_when_telegram_fails(
            @TempDir Path tmp) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Herald herald = Herald.open(config(tmp, api, TOKEN))) {
            herald.library().loadSamples(IngestProgress.NONE);
            // given: the first two polls fail, one with a 502 page and one with a JSON 500
            api.failOnceWithPage("getUpdates", c -> true, 502, "text/html", "<html>Bad Gateway</html>");
            api.failOnce("getUpdates", c -> true, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal\"}");
            try (LogLines log = new LogLines()) {
                TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, FAST, null);
                try {
                    // when: a reader writes after them
                    api.push(api.privateText(91, "/help"));
                    // then: polling went on, and each failure is one warning line saying when it retries
                    assertTrue(api.awaitSent(91, 1).get(0).text().contains("I'm Herald"));
                    List<ILoggingEvent> warned = log.from("PollingFailures");
                    assertEquals(2, warned.size(), warned.toString());
                    for (ILoggingEvent e : warned) {
                        assertEquals(Level.WARN, e.getLevel());
                        assertTrue(e.getFormattedMessage().matches("polling Telegram failed \\(HTTP 50[02].*\\); retrying in \\d+ ms"),
                                e.getFormattedMessage());
                    }
                    for (ILoggingEvent e : log.events()) {
                        if (e.getLevel().isGreaterOrEqual(Level.WARN)) assertNull(e.getThrowableProxy(), e.toString());
                    }
                } finally {
                    bot.close();
                }
            }
        }
    }

    @Test
    void should_stop_and_exit_2_when_telegram_rejects_the_token_while_the_bot_runs(@TempDir Path tmp) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); Herald herald = Herald.open(config(tmp, api, TOKEN));
             LogLines log = new LogLines()) {
            herald.library().loadSamples(IngestProgress.NONE);
            // given: getMe works, then the first poll is refused (the token revoked meanwhile)
            api.failOnce("getUpdates", c -> true, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            // when: the bot runs as `herald bot` does
            int exit = TelegramBot.runBot(herald.telegramServices());
            // then: it stops by itself with exit 2, after the one line saying why
            assertEquals(2, exit);
            assertEquals(List.of(PollingFailures.TOKEN_REJECTED), log.from("PollingFailures").stream()
                    .map(ILoggingEvent::getFormattedMessage).toList());
        }
    }

    @Test
    void should_say_it_gives_up_instead_of_retrying_when_the_last_attempt_fails() throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); LogLines log = new LogLines()) {
            // given: a sender with 2 attempts and a chat whose two sends fail
            for (int i = 0; i < 2; i++) {
                api.failOnce("sendMessage", c -> true, 502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
            }
            // when
            assertFalse(api.sender().sendPlain(5, "hello", null, null));
            // then: the first failure says it retries, the last that it gives up
            List<String> lines = log.from("ReliableSender").stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).endsWith("(attempt 1/2, retrying in 10 ms)"), lines.get(0));
            assertTrue(lines.get(1).endsWith("(attempt 2/2, giving up)"), lines.get(1));
        }
    }
}
