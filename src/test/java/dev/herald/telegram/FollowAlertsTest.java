package dev.herald.telegram;

import ch.qos.logback.classic.Level;
import dev.herald.Herald;
import dev.herald.article.Article;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Secrets;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Following a story, end to end: the real bot against the fake Bot API, a real Herald on a temp SQLite file with the
 * local embedding model; new articles are stored as a source refresh or /reload stores them (the ingestor), or by
 * another Herald on the same file, as a command-line ingest beside the bot would.
 */
class FollowAlertsTest {

    static final String TOKEN = "123456789:AAE_follow-fake-token-for-tests_abcd";

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static HeraldConfig config;
    static Herald herald;
    static TelegramBot bot;

    @BeforeAll
    static void start() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.telegram")).setLevel(Level.INFO);
        api = new FakeBotApi(TOKEN);
        config = HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, tmp.resolve("h.db").toString(), "test")
                .withOverride(Settings.TELEGRAM_API_URL, api.url(), "test")
                .withOverride(Settings.ALERTS_MAX_PER_HOUR, "2", "test")
                .withSecrets(Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, TOKEN)));
        herald = Herald.open(config);
        herald.library().loadSamples(IngestProgress.NONE);
        TelegramBot.Options options = new TelegramBot.Options(TelegramBotTest.JAN_30,
                new ReliableSender.Pacing(Duration.ZERO, Duration.ZERO), new ReliableSender.Retry(3, Duration.ofMillis(20)),
                4, Duration.ofSeconds(10), Duration.ofMillis(200));
        bot = TelegramBot.start(herald.telegramServices(), TOKEN, options, null);
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (herald != null) herald.close();
        if (api != null) api.close();
    }

    static Article article(String slug, String title, String source, String text) {
        return new Article(slug, title, source, "https://example.org/news/" + slug,
                Instant.parse("2025-01-30T09:00:00Z"), text, "test:" + slug);
    }

    static final Article GOMA_BUKAVU = article("goma-bukavu", "M23 rebels advance from Goma towards Bukavu",
            "Lake Kivu Times", """
            M23 rebels who seized Goma last week advanced south along Lake Kivu on Thursday, residents said, moving \
            towards the city of Bukavu. Congo's army said it was reinforcing positions north of Bukavu. Aid groups in \
            Goma said hospitals there were still overwhelmed with people wounded in the fighting for the city.""");

    static final Article BAKERY_PRIZE = article("bakery-prize", "Lindenport baker wins regional sourdough prize",
            "Harbour Post", """
            A small bakery near the Lindenport harbour won the regional sourdough prize on Thursday. The baker, who \
            opened the shop four years ago, said the starter dough came from her grandmother. The judges praised the \
            crust and the open crumb of the winning loaf.""");

    private static void store(Article... articles) {
        TestHerald.ingest(herald, List.of(articles));
    }

    private static String follow(long chat, String topic) throws Exception {
        int before = api.sent(chat).size();
        api.push(api.privateText(chat, "/follow " + topic));
        return api.awaitSent(chat, before + 1).get(before).text();
    }

    @Test
    void should_push_one_alert_with_headline_lead_and_link_when_a_matching_and_an_unrelated_article_arrive()
            throws Exception {
        // given
        long chat = 2001;
        assertTrue(follow(chat, "Goma").startsWith("Following “Goma”."));

        // when
        store(BAKERY_PRIZE, GOMA_BUKAVU);
        // a syndicated copy of the same story from another outlet, arriving later
        store(new Article("goma-bukavu-wire", GOMA_BUKAVU.title(), "Great Lakes Wire",
                "https://example.net/wire/goma-bukavu", GOMA_BUKAVU.publishedAt(), GOMA_BUKAVU.text(), "test:wire"));
        // a later article on the topic proves the copy's round is over
        store(article("goma-airport", "Goma airport stays closed as M23 holds the city", "Lake Kivu Times", """
                The airport in Goma stayed closed on Friday, a week after M23 rebels took the city, cutting off the \
                main route for aid flights into eastern Congo. The United Nations said it was flying supplies to \
                Goma through Rwanda instead."""));

        // then: one alert per story, with its headline (linked), outlet and lead; nothing for the bakery
        List<FakeBotApi.Call> sent = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == chat
                && c.text().contains("Goma airport stays closed"), 1, 15_000);
        List<String> alerts = api.sent(chat).stream().map(FakeBotApi.Call::text).filter(t -> t.startsWith("🔔")).toList();
        assertEquals(2, alerts.size(), alerts.toString());
        assertEquals("🔔 <b>Goma</b>\n<a href=\"https://example.org/news/goma-bukavu\">M23 rebels advance from Goma "
                + "towards Bukavu</a> — Lake Kivu Times, 30 Jan 2025\n\nM23 rebels who seized Goma last week advanced "
                + "south along Lake Kivu on Thursday, residents said, moving towards the city of Bukavu.", alerts.get(0));
        assertTrue(sent.get(0).html());
        assertFalse(String.join("\n", alerts).contains("sourdough"));
    }

    @Test
    void should_send_at_most_the_hourly_cap_then_one_digest_when_many_articles_match() throws Exception {
        // given (alerts.max-per-hour is 2 here)
        long chat = 2002;
        follow(chat, "sourdough bakery");

        // when four matching articles arrive together
        store(article("bread-1", "Sourdough bakery opens second shop in Lindenport", "Harbour Post",
                        "The sourdough bakery that won the regional prize opened a second shop in the old town on Friday."),
                article("bread-2", "Queues outside the sourdough bakery before dawn", "Harbour Post",
                        "People queued outside the sourdough bakery before dawn on Saturday to buy the prize-winning loaf."),
                article("bread-3", "Sourdough bakery hires six apprentices", "Lindenport Daily",
                        "The prize-winning sourdough bakery said it would hire six apprentices to keep up with demand."),
                article("bread-4", "Sourdough bakery to sell bread at the harbour market", "Lindenport Daily",
                        "The sourdough bakery will sell its bread at the Sunday harbour market from next month, the owner said."));

        // then: two alerts, then one digest listing the other two
        List<FakeBotApi.Call> sent = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == chat
                && c.text().startsWith("🔔 <b>More on"), 1, 15_000);
        List<String> pushed = api.sent(chat).stream().map(FakeBotApi.Call::text).filter(t -> t.startsWith("🔔")).toList();
        assertEquals(3, pushed.size(), pushed.toString());
        assertTrue(pushed.get(0).startsWith("🔔 <b>sourdough bakery</b>\n"), pushed.get(0));
        String digest = sent.get(0).text();
        assertTrue(digest.startsWith("🔔 <b>More on the stories this chat follows</b> (2 articles)"), digest);
        assertEquals(3, digest.split("\n").length, digest);
    }

    @Test
    void should_pause_a_chat_that_blocked_the_bot_and_keep_its_follows_when_telegram_answers_403() throws Exception {
        // given two chats following one story; the first has blocked the bot
        long blocked = 2003;
        long other = 2004;
        follow(blocked, "Halcyon probe");
        follow(other, "Halcyon probe");
        api.failOnce("sendMessage", c -> c.chatId() == blocked, 403,
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        int before = api.sent(blocked).size();

        // when two stories arrive, one after the other
        store(article("halcyon-1", "Halcyon probe sends first images of Earth", "Science Desk",
                "The Halcyon probe sent its first images of Earth on Thursday as it sped away on its six-year journey."));
        api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == other && c.text().contains("first images"),
                1, 15_000);
        store(article("halcyon-2", "Halcyon probe fires its engine to correct course", "Science Desk",
                "Engineers fired the Halcyon probe's engine for 40 seconds on Friday to put it on course for Mars."));
        api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == other && c.text().contains("correct course"),
                1, 15_000);

        // then: the blocked chat was tried once, not retried and not sent the second story; its follow is kept
        assertEquals(before + 1, api.sent(blocked).size(), api.sent(blocked).toString());
        assertTrue(herald.follows().paused(blocked));
        assertEquals(List.of("Halcyon probe"), herald.follows().following(blocked));

        // and when the user writes again, alerts resume
        api.push(api.privateText(blocked, "/following"));
        assertTrue(api.awaitSent(blocked, before + 2).get(before + 1).text().contains("1. Halcyon probe"));
        assertFalse(herald.follows().paused(blocked));
    }

    @Test
    void should_let_only_group_admins_change_follows_when_in_a_group() throws Exception {
        long group = -3001;
        api.memberStatus(group, 78, "administrator");

        api.push(api.groupText(group, 77, "/follow Goma"));
        assertEquals(ChatAdmins.GROUP_ADMINS_ONLY, api.awaitSent(group, 1).get(0).text());
        api.push(api.groupText(group, 78, "/follow Goma"));
        assertTrue(api.awaitSent(group, 2).get(1).text().startsWith("Following “Goma”."));
        api.push(api.groupText(group, 77, "/following"));
        assertTrue(api.awaitSent(group, 3).get(2).text().contains("1. Goma"), "anyone may list them");
        api.push(api.groupText(group, 77, "/unfollow 1"));
        assertEquals(ChatAdmins.GROUP_ADMINS_ONLY, api.awaitSent(group, 4).get(3).text());

        assertTrue(api.calls("getChatMember").stream().anyMatch(c -> c.body().path("user_id").asLong() == 78));
        assertEquals(List.of("Goma"), herald.follows().following(group));
    }

    @Test
    void should_push_articles_another_process_stores_when_it_shares_the_database() throws Exception {
        // given
        long chat = 2005;
        follow(chat, "kettle recall");

        // when a second Herald on the same file (a command-line ingest beside the bot) stores a matching article
        try (Herald other = Herald.open(config)) {
            TestHerald.ingest(other, List.of(article("kettle-2", "Brightwell widens kettle recall to a second model",
                    "Consumer Desk", "Brightwell widened its kettle recall on Friday to a second model whose lid can "
                            + "open while the water is boiling, the safety regulator said.")));
        }

        // then
        String alert = api.awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == chat
                && c.text().startsWith("🔔"), 1, 15_000).get(0).text();
        assertTrue(alert.contains("Brightwell widens kettle recall to a second model"), alert);
    }
}
