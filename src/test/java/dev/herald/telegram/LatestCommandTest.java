package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.chat.ChatCommands;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /latest [topic] and /help in the bot: the briefing and the command list the console chat uses too. */
class LatestCommandTest {

    static final String TOKEN = "987654322:BBF_latest-fake-token_0123456789";

    @Test
    void should_send_the_same_briefing_as_the_console_for_latest_with_a_topic_and_list_shared_commands_in_help(
            @TempDir Path tmp) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN);
             Herald herald = Herald.open(HeraldConfig.defaults()
                     .withOverride(Settings.STORE_PATH, tmp.resolve("l.db").toString(), "test")
                     .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test"))) {
            herald.library().loadSamples(IngestProgress.NONE);
            TelegramBot bot = TelegramBot.start(herald.telegramServices(), TOKEN, new TelegramBot.Options(TelegramBotTest.JAN_30,
                    new ReliableSender.Pacing(Duration.ofMillis(5), Duration.ofMillis(1)),
                    new ReliableSender.Retry(3, Duration.ofMillis(20)), 2, Duration.ofSeconds(5)), null,
                    new BotOptions(Set.of(), Set.of(), 1000, 10));
            try {
                // when
                api.push(api.privateText(7, "/latest Goma"));
                String latest = api.awaitSent(7, 1).get(0).text();
                api.push(api.privateText(7, "/help"));
                String help = api.awaitSent(7, 2).get(1).text();

                // then
                String console = TelegramHtml.answer(herald.questions().latest("Goma", TelegramBotTest.JAN_30.instant()));
                assertTrue(latest.startsWith("News about Goma"), latest);
                assertTrue(latest.equals(console), latest + "\n---\n" + console);
                assertTrue(latest.contains("<b>Sources:</b>"), latest);
                for (ChatCommands.Command c : ChatCommands.telegram()) {
                    assertTrue(help.contains(TelegramHtml.escape(c.usage()) + " — " + c.description()), help);
                }
                assertFalse(help.contains("/quit"), help);
            } finally {
                bot.close();
            }
        }
    }
}
