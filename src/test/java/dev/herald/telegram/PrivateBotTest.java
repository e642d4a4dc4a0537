package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** telegram.allowed-chats, and the entry point without a token. */
class PrivateBotTest {

    static final String TOKEN = "987654321:BBF_another-fake-token_0123456789";

    @Test
    void should_answer_allowed_chats_and_tell_others_once_when_chats_are_listed(@TempDir Path tmp) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN);
             Herald herald = Herald.open(HeraldConfig.defaults()
                     .withOverride(Settings.STORE_PATH, tmp.resolve("p.db").toString(), "test")
                     .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test"))) {
            herald.library().loadSamples(IngestProgress.NONE);
            BotOptions options = new BotOptions(Set.of(), Set.of(42L), 1000, 10);
            TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, new TelegramBot.Options(TelegramBotTest.JAN_30,
                    new ReliableSender.Pacing(Duration.ofMillis(5), Duration.ofMillis(1)),
                    new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(5)), null, options);
            try {
                for (int i = 0; i < 3; i++) api.push(api.privateText(43, "Who controls Goma?"));
                api.push(api.groupText(-77, 43, "@HeraldTestBot Who controls Goma?"));
                api.push(api.privateText(42, "Who controls Goma?"));
                assertTrue(api.awaitSent(42, 1).get(0).text().contains("[1]"));
                List<FakeBotApi.Call> refused = api.awaitSent(43, 1);
                assertEquals("This bot is private.", refused.get(0).text());
                assertEquals("This bot is private.", api.awaitSent(-77, 1).get(0).text());
                // a button press from 43 is handled in 43's queue after its three messages: once it is answered,
                // those were all handled, and only the first one was told
                api.push(api.callback(43, "fb:up:none", 1));
                api.awaitCalls(c -> c.method().equals("answercallbackquery"), 1, 15_000);
                assertEquals(1, api.sent(43).size(), "said once per chat per hour, then silent");
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void should_say_so_and_return_2_when_no_token_is_set(@TempDir Path tmp) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Herald herald = Herald.open(HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("t.db").toString(), "test"))) {
            assertEquals(2, TelegramBot.runBot(herald.telegramServices()));
        } finally {
            System.setErr(err);
        }
        // stderr is process-wide: a bot session of an earlier test may still log its last failed poll into it
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("herald bot:")).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("TELEGRAM_BOT_TOKEN is not set"), lines.get(0));
    }

    @Test
    void should_say_so_and_return_2_when_webhook_mode_has_no_secret(@TempDir Path tmp) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Herald herald = Herald.open(HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("w.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_MODE, "webhook", "test")
                .withOverride(Settings.TELEGRAM_WEBHOOK_URL, "https://bot.example.org/telegram", "test")
                .withSecrets(dev.herald.config.Secrets.fromEnv(java.util.Map.of(
                        dev.herald.config.Secrets.TELEGRAM_BOT_TOKEN, TOKEN))))) {
            assertEquals(2, TelegramBot.runBot(herald.telegramServices()));
        } finally {
            System.setErr(err);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("herald bot:")).toList();
        assertEquals(List.of("herald bot: telegram.mode is webhook but HERALD_WEBHOOK_SECRET is not set"), lines);
    }

    @Test
    void should_scrub_tokens_when_a_text_contains_one() {
        assertEquals("GET http://h/bot<token>/getupdates failed",
                Redact.scrub("GET http://h/bot" + TOKEN + "/getupdates failed", TOKEN));
        assertEquals("bot<token>/x", Redact.scrub("bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-12/x", null));
        assertTrue(Redact.describe(new RuntimeException("wrap", new IllegalStateException(TOKEN)), TOKEN)
                .endsWith("IllegalStateException: <token>"));
    }
}
