package dev.herald.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long-polling HA with two bot processes ({@code java -jar target/herald.jar bot}) on one store (SQLite file, PostgreSQL) against the
 * fake Bot API: the polling one is killed with SIGKILL in the middle of answering 200 messages from 20 readers;
 * the standby takes over within 15 s and every message is answered exactly once.
 *
 * <p>The kill is placed so that "exactly once" is decidable: when the 60th answer reaches the fake server it, and
 * every call after it, is held unanswered; once the answers delivered before it are recorded as done in the store,
 * the poller is killed and the held calls are dropped. An answer Telegram accepted whose "done" a process did not
 * live to record would be sent again by the next instance: that window (one store write, about a millisecond) is
 * the one this design cannot close, and the test keeps the kill out of it rather than hoping to miss it.
 *
 * <p>The 140 updates the killed instance left are adopted by the standby while it also polls: an earlier update
 * of a conversation adopted after a later one had arrived used to queue behind it while it waited for the earlier
 * one, so 12 of 200 were never answered (held until the 10-minute window ran out); see {@code UpdateLedger#inTurn}.
 */
class PollingTakeoverIT {

    static final String TOKEN = "222000555:FFJ_takeover-fake-token_abcdefgh";
    static final int USERS = 20;
    static final int PER_USER = 10;

    @TempDir
    Path tmp;

    private Process bot(FakeBotApi api, StoreBackend.Location store, String name) throws IOException {
        Path jar = Path.of("target/herald.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run 'mvn package' first: " + jar);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx700m", "-jar", jar.toString(), "bot").directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_") || k.equals("TELEGRAM_BOT_TOKEN"));
        pb.environment().putAll(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "HERALD_TELEGRAM_API_URL", api.url(),
                "HERALD_STORE_URL", store.url(), "HERALD_STORE_USER", StoreBackend.user(),
                "HERALD_INDEX_PATH", tmp.resolve("index-" + name).toString(),
                "HERALD_TELEGRAM_RATE_LIMIT_PER_MINUTE", "1000", "HERALD_LOG_LEVEL", "INFO"));
        if (StoreBackend.password() != null) pb.environment().put("HERALD_STORE_PASSWORD", StoreBackend.password());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        return pb.start();
    }

    private String log(String name) throws IOException {
        return Files.readString(tmp.resolve(name + ".log"));
    }

    private void awaitLog(String name, String text, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!log(name).contains(text)) {
            if (System.currentTimeMillis() > end) throw new AssertionError(name + " never logged '" + text + "':\n" + log(name));
            Thread.sleep(100);
        }
    }

    /** How many of these updates the store records as done. */
    private static int done(StoreBackend.Location store, List<Integer> updateIds) throws Exception {
        if (updateIds.isEmpty()) return 0;
        try (Connection c = DriverManager.getConnection(store.url(), StoreBackend.user(), StoreBackend.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM telegram_updates WHERE done_at IS NOT NULL AND update_id IN ("
                     + updateIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static int repliedTo(FakeBotApi.Call c) {
        return c.body().path("reply_parameters").path("message_id").asInt(-1);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void should_answer_every_message_once_when_the_polling_instance_is_killed_and_the_standby_takes_over(
            StoreBackend backend) throws Exception {
        try (FakeBotApi api = new FakeBotApi(TOKEN); StoreBackend.Location store = backend.create(tmp)) {
            store.open().close(); // the schema made once, before two bots start on it
            // given: A polls, B stands by, on one store (an empty one: the first bot loads the samples)
            Process a = bot(api, store, "a");
            Process b = null;
            try {
                api.awaitCalls(c -> c.method().equals("getupdates"), 1, 90_000);
                b = bot(api, store, "b");
                awaitLog("b", "standing by", 90_000);

                // when: 200 questions from 20 readers (a group each) arrive, and A is killed mid-way
                Map<Integer, Integer> updateOfMessage = new HashMap<>();
                api.holdFrom(c -> c.method().equals("sendmessage") && api.calls("sendMessage").size() >= 60);
                for (int k = 0; k < PER_USER; k++) {
                    for (int u = 0; u < USERS; u++) {
                        ObjectNode update = api.groupText(-(5000 + u), 300 + u, "/ask Who controls Goma? (" + k + ")");
                        int messageId = update.path("message").path("message_id").asInt();
                        updateOfMessage.put(messageId, api.push(update));
                    }
                }
                api.awaitHolding(120_000);
                List<Integer> delivered = new ArrayList<>();
                for (FakeBotApi.Call c : api.calls("sendMessage")) delivered.add(updateOfMessage.get(repliedTo(c)));
                long end = System.currentTimeMillis() + 30_000;
                while (done(store, delivered) < delivered.size() && System.currentTimeMillis() < end) Thread.sleep(20);
                assertEquals(delivered.size(), done(store, delivered), "the delivered answers are recorded as done");
                a.destroyForcibly(); // SIGKILL
                a.waitFor();
                long killed = System.nanoTime();
                api.dropHeld();

                // then: B polls within 15 s and every message is answered exactly once
                FakeBotApi.Call firstPoll = api.awaitCalls(c -> c.method().equals("getupdates") && c.nanos() > killed,
                        1, 30_000).get(0);
                double takeoverSeconds = (firstPoll.nanos() - killed) / 1e9;
                assertTrue(takeoverSeconds < 15, "took over after " + takeoverSeconds + " s");
                // measured: the last answer 19 s after the kill on the lead's loaded machine (load 5), 23 s with two
                // busy loops beside it (load 9.5); the bound leaves room for a slower CI machine
                List<FakeBotApi.Call> all = api.awaitCalls(c -> c.method().equals("sendmessage") && repliedTo(c) > 0,
                        USERS * PER_USER, 180_000);
                double allSeconds = (all.stream().mapToLong(FakeBotApi.Call::nanos).max().orElseThrow() - killed) / 1e9;
                Map<Integer, Integer> answers = new TreeMap<>();
                for (FakeBotApi.Call c : api.calls("sendMessage")) answers.merge(repliedTo(c), 1, Integer::sum);
                assertEquals(new TreeMap<>(updateOfMessage).keySet(), answers.keySet(), "every message answered");
                assertEquals(List.of(), answers.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
                        "none answered twice");
                assertTrue(log("b").contains("polling Telegram: took over"), log("b"));
                Files.writeString(Path.of("target/polling-takeover-it-" + backend + ".txt"), String.format(java.util.Locale.ROOT,
                        "kill -9 after %d answers -> the standby's first poll: %.1f s, the last of the %d answers: %.1f s%n",
                        delivered.size(), takeoverSeconds, USERS * PER_USER, allSeconds));
            } finally {
                a.destroyForcibly();
                if (b != null) {
                    b.destroy(); // SIGTERM: a clean stop
                    b.waitFor();
                }
            }
        }
    }
}
