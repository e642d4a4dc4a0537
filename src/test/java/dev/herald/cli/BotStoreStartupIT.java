package dev.herald.cli;

import dev.herald.support.PgCluster;
import dev.herald.telegram.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code herald bot} started while its PostgreSQL store cannot be used (the server down, or the login refused), as
 * a process: it keeps trying, {@code /healthz} answers 503 with the reason meanwhile, and once the server is up the
 * bot answers readers without a restart. Each test has a PostgreSQL cluster of its own, so it can be stopped.
 */
class BotStoreStartupIT {

    private static final String TOKEN = "123456789:AAE_fake-token-for-tests_abcdefghijk";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    private Process bot(FakeBotApi api, String storeUrl, String password, int opsPort) throws IOException {
        Path jar = CliIT.jar == null ? Path.of("target/herald.jar").toAbsolutePath() : CliIT.jar;
        assertTrue(Files.isRegularFile(jar), "run 'mvn package' first: " + jar);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "bot").directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_") || k.equals("TELEGRAM_BOT_TOKEN"));
        pb.environment().putAll(new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "HERALD_TELEGRAM_API_URL", api.url(),
                "HERALD_STORE_URL", storeUrl, "HERALD_STORE_USER", PgCluster.USER, "HERALD_STORE_PASSWORD", password,
                "HERALD_OPS_PORT", String.valueOf(opsPort))));
        return pb.redirectErrorStream(true).redirectOutput(work.resolve("bot.txt").toFile()).start();
    }

    private String log() throws IOException {
        return Files.readString(work.resolve("bot.txt"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Asks /healthz until its answer matches (nothing listening counts as no answer yet); returns that answer. */
    private HttpResponse<String> awaitHealth(int port, Predicate<HttpResponse<String>> wanted, long timeoutMillis)
            throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.currentTimeMillis() + timeoutMillis;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < end) {
            try {
                last = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
                if (wanted.test(last)) return last;
            } catch (IOException notListeningYet) {
                // the JVM is still starting, or the bot is between the waiting server and its own
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/healthz never answered as expected; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()) + "\nthe bot printed:\n" + log());
    }

    private static void stop(Process bot) throws InterruptedException {
        bot.destroy();
        if (!bot.waitFor(30, TimeUnit.SECONDS)) bot.destroyForcibly().waitFor();
    }

    @Test
    void should_answer_without_a_restart_when_postgresql_comes_up_after_the_bot_started() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        try (PgCluster pg = PgCluster.start(password); FakeBotApi api = new FakeBotApi(TOKEN)) {
            // given: the server is down when the bot starts
            pg.stopServer();
            int ops = freePort();
            Process bot = bot(api, pg.url(), password, ops);
            try {
                HttpResponse<String> waiting = awaitHealth(ops, r -> true, 90_000);
                assertEquals(503, waiting.statusCode(), waiting.body());
                assertTrue(waiting.body().startsWith("unhealthy: store: cannot connect to the database " + pg.url() + ": "),
                        waiting.body());
                assertTrue(waiting.body().contains("refused"), waiting.body());
                // any other path (the webhook's, in webhook mode) is told to come back, not that it does not exist
                HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops
                        + "/telegram-webhook")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, elsewhere.statusCode(), elsewhere.body());
                assertTrue(elsewhere.headers().firstValue("Retry-After").isPresent());
                assertTrue(bot.isAlive(), log());

                // when: the server comes up, and a reader asks
                long up = System.nanoTime();
                pg.startServer();
                api.push(api.privateText(1001, "Who controls Goma now?"));

                // then: answered (from the built-in samples the bot stores on an empty store), and healthy
                String answer;
                try {
                    answer = api.awaitSent(1001, 1, 120_000).get(0).text();
                } catch (AssertionError e) {
                    throw new AssertionError("no answer; the bot printed:\n" + log(), e);
                }
                assertTrue(answer.contains("Goma"), answer);
                awaitHealth(ops, r -> r.statusCode() == 200, 60_000);
                long millis = (System.nanoTime() - up) / 1_000_000;
                String printed = log();
                // one line for the refused connection, however many attempts were refused
                assertEquals(1, lines(printed, "cannot connect to the database " + pg.url(), "refused"), printed);
                assertTrue(printed.contains("the store " + pg.url() + " answers after"), printed);
                assertFalse(printed.contains("\tat "), printed); // no stack trace
                Files.writeString(Path.of("target/bot-store-startup-it.txt"),
                        "PostgreSQL started -> bot answered and /healthz 200: " + millis + " ms\n");

                // when: PostgreSQL is restarted mid-run, a question arriving while it is down
                pg.stopServer();
                api.push(api.privateText(1002, "What happened in Goma?"));
                Thread.sleep(5_000);
                pg.startServer();
                api.push(api.privateText(1003, "Who controls Goma now?"));

                // then: the bot is still running and replies to both readers by itself (the one who asked during
                // the outage gets an apology or a late answer), without a stack trace
                String during = api.awaitSent(1002, 1, 120_000).get(0).text();
                String after = api.awaitSent(1003, 1, 120_000).get(0).text();
                assertTrue(after.contains("Goma"), after);
                assertFalse(during.contains("Exception") || during.contains("SQL"), during);
                assertTrue(bot.isAlive(), log());
                awaitHealth(ops, r -> r.statusCode() == 200, 60_000);
                assertFalse(log().contains("\tat "), log());
            } finally {
                stop(bot);
            }
        }
    }

    @Test
    void should_keep_the_password_out_of_the_reason_and_the_log_when_postgresql_refuses_the_login() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String wrong = "wrong-" + UUID.randomUUID();
        try (PgCluster pg = PgCluster.start(password); FakeBotApi api = new FakeBotApi(TOKEN)) {
            // given: a bot given the wrong password
            int ops = freePort();
            Process bot = bot(api, pg.url(), wrong, ops);
            try {
                // when
                HttpResponse<String> waiting = awaitHealth(ops, r -> true, 90_000);

                // then: 503 naming the URL and the cause, never the password; the bot keeps waiting
                assertEquals(503, waiting.statusCode(), waiting.body());
                assertTrue(waiting.body().contains(pg.url()), waiting.body());
                assertTrue(waiting.body().contains("password authentication failed"), waiting.body());
                assertFalse(waiting.body().contains(wrong), waiting.body());
                assertTrue(bot.isAlive(), log());
                assertTrue(api.calls("getUpdates").isEmpty(), "polled without a store");

                // and SIGTERM while waiting stops it cleanly
                bot.destroy();
                assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM:\n" + log());
                String printed = log();
                assertTrue(printed.contains("stopped while waiting for the store"), printed);
                assertFalse(printed.contains(wrong), printed);
                assertFalse(printed.contains("\tat "), printed);
            } finally {
                stop(bot);
            }
        }
    }

    /** Lines holding all the parts. */
    private static long lines(String text, String... parts) {
        return text.lines().filter(l -> java.util.Arrays.stream(parts).allMatch(l::contains)).count();
    }
}
