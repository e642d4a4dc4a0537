package dev.herald.telegram;

import dev.herald.Herald;
import dev.herald.chat.MorningBriefings;
import dev.herald.store.BriefingStore;
import dev.herald.support.TestClock;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Morning briefings at a fixed clock that the test moves: the commands, the briefing sent once at its local time
 * (the real briefing of the bundled samples, through the fake Bot API), and one missed while the bot was down.
 */
class MorningBriefingTest {

    static final String TOKEN = "987654327:BBF_briefing-fake-token_0123456789";

    @TempDir
    static Path tmp;
    static FakeBotApi api;
    static Herald herald;
    final List<String> replies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = new FakeBotApi(TOKEN);
        herald = TestHerald.withSamples(tmp);
    }

    @AfterAll
    static void stop() {
        if (herald != null) herald.close();
        if (api != null) api.close();
    }

    private MorningBriefings briefings() {
        return new MorningBriefings(new BriefingStore(herald.database()), herald.questions()::morningBriefing);
    }

    private BriefingCommands commands(MorningBriefings briefings, Clock clock) {
        return new BriefingCommands(briefings, new ChatAdmins(api.sender(), TOKEN), (to, html) -> replies.add(html), clock);
    }

    /** The chats of this test among those a round sent to (the tests share one database). */
    private static List<Long> of(List<Long> sentTo, Long... chats) {
        return sentTo.stream().filter(List.of(chats)::contains).toList();
    }

    private static Command.Invocation in(Message m, String args) {
        return new Command.Invocation(m, args, Incoming.privateChat(m), false, List.of());
    }

    @Test
    void should_send_the_last_24_hours_once_when_the_chats_local_time_comes() {
        // given a reader in Nairobi (UTC+3) at 09:30 local time who wants a briefing at 10:00
        long chat = 5001;
        TestClock clock = new TestClock("2025-01-29T06:30:00Z");
        MorningBriefings briefings = briefings();
        BriefingCommands commands = commands(briefings, clock);
        commands.timezone(in(TestMessages.privateText(chat, "/timezone Africa/Nairobi"), "Africa/Nairobi"));
        commands.briefing(in(TestMessages.privateText(chat, "/briefing 10:00"), "10:00"));
        assertEquals("Time zone set to Africa/Nairobi.", replies.get(0));
        assertTrue(replies.get(1).startsWith("Every day at 10:00 (Africa/Nairobi)"), replies.get(1));
        BriefingPusher pusher = new BriefingPusher(api.sender(), briefings, any -> true, clock, TOKEN);

        // when: before the time, at it, and later the same day
        List<Long> early = pusher.round();
        clock.set("2025-01-29T07:01:00Z");
        List<Long> onTime = pusher.round();
        clock.set("2025-01-29T07:30:00Z");
        List<Long> later = pusher.round();

        // then: one briefing, of what was published in the 24 hours before it, each line cited
        assertEquals(List.of(), of(early, chat));
        assertEquals(List.of(chat), of(onTime, chat));
        assertEquals(List.of(), of(later, chat));
        List<FakeBotApi.Call> sent = api.sent(chat);
        assertEquals(1, sent.size(), sent.toString());
        String text = sent.get(0).text();
        assertTrue(text.startsWith("News, the last 24 hours (1 story):"), text);
        assertTrue(text.contains("Halcyon") && text.contains("[1]") && text.contains("<b>Sources:</b>"), text);
        assertFalse(text.contains("Goma"), "older than 24 hours: " + text);
    }

    @Test
    void should_send_a_missed_briefing_once_at_start_when_within_the_hour_and_skip_one_missed_longer() {
        // given two chats (UTC) set the evening before, at 10:00 and 08:00
        long tenOClock = 5002;
        long eightOClock = 5003;
        TestClock clock = new TestClock("2025-01-29T20:00:00Z");
        BriefingCommands commands = commands(briefings(), clock);
        commands.briefing(in(TestMessages.privateText(tenOClock, "/briefing 10:00"), "10:00"));
        commands.briefing(in(TestMessages.privateText(eightOClock, "/briefing 08:00"), "08:00"));

        // when the bot, down overnight, starts at 10:40, and is restarted at 10:50
        clock.set("2025-01-30T10:40:00Z");
        List<Long> atStart = briefings().due(clock.instant());
        clock.set("2025-01-30T10:50:00Z");
        List<Long> afterRestart = briefings().due(clock.instant());
        // and the next day
        clock.set("2025-01-31T08:00:30Z");
        List<Long> nextMorning = briefings().due(clock.instant());

        // then
        assertEquals(List.of(tenOClock), of(atStart, tenOClock, eightOClock), "40 minutes late is sent; 2 h 40 late is skipped");
        assertEquals(List.of(), of(afterRestart, tenOClock, eightOClock), "never twice a day");
        assertEquals(List.of(eightOClock), of(nextMorning, tenOClock, eightOClock));
    }

    @Test
    void should_explain_and_change_nothing_when_a_time_or_zone_is_not_understood() {
        long chat = 5004;
        TestClock clock = new TestClock("2025-01-29T06:30:00Z");
        MorningBriefings briefings = briefings();
        BriefingCommands commands = commands(briefings, clock);

        commands.briefing(in(TestMessages.privateText(chat, "/briefing 25:00"), "25:00"));
        commands.timezone(in(TestMessages.privateText(chat, "/timezone Mars/Olympus"), "Mars/Olympus"));
        commands.briefing(in(TestMessages.privateText(chat, "/briefing"), ""));

        assertEquals(BriefingCommands.BRIEFING_HOW, replies.get(0));
        assertTrue(replies.get(1).startsWith("I don't know the time zone Mars/Olympus."), replies.get(1));
        assertTrue(replies.get(2).startsWith("No daily briefing is set."), replies.get(2));
        assertEquals(new MorningBriefings.Schedule(java.util.Optional.empty(), MorningBriefings.DEFAULT_ZONE), briefings.schedule(chat));
    }

    @Test
    void should_let_only_group_admins_set_a_briefing_when_in_a_group() {
        long group = -5005;
        api.memberStatus(group, 90, "creator");
        BriefingCommands commands = commands(briefings(), new TestClock("2025-01-29T06:30:00Z"));

        commands.briefing(in(TestMessages.groupText(group, 91, "/briefing 07:30"), "07:30"));
        commands.briefing(in(TestMessages.groupText(group, 90, "/briefing 07:30"), "07:30"));

        assertEquals(ChatAdmins.GROUP_ADMINS_ONLY, replies.get(0));
        assertTrue(replies.get(1).startsWith("Every day at 07:30 (UTC)"), replies.get(1));
    }
}
