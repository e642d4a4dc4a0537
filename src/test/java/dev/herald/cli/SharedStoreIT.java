package dev.herald.cli;

import dev.herald.support.StoreBackend;
import dev.herald.telegram.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Herald processes on one PostgreSQL store, as an operator runs them: an ingest through one is answered by the
 * other (a bot, against the fake Bot API), which notices the change by the store's content version; and a follow-up
 * reaching another bot process than its question (two webhook instances, as behind a load balancer) reads as one.
 */
class SharedStoreIT {

    @TempDir
    Path work;

    private ProcessBuilder herald(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CliIT.jar == null ? Path.of("target/herald.jar").toAbsolutePath().toString() : CliIT.jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_") || k.equals("TELEGRAM_BOT_TOKEN"));
        pb.environment().putAll(env);
        return pb;
    }

    private int ingest(Map<String, String> env, Path file) throws Exception {
        Process p = herald(env, "ingest", file.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("ingest.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ingest did not finish");
        return p.exitValue();
    }

    /** The environment naming the store, as an operator's unit file would. */
    private static Map<String, String> storeEnv(StoreBackend.Location store) {
        Map<String, String> env = new HashMap<>(Map.of("HERALD_STORE_URL", store.url(), "HERALD_STORE_USER", StoreBackend.user()));
        if (StoreBackend.password() != null) env.put("HERALD_STORE_PASSWORD", StoreBackend.password());
        return env;
    }

    @Test
    void should_answer_through_one_instance_what_was_ingested_through_another() throws Exception {
        // given: a store with one article, and a bot on it
        try (StoreBackend.Location store = StoreBackend.POSTGRESQL.create(work)) {
            Map<String, String> env = storeEnv(store);
            Path data = Files.createDirectories(work.resolve("data"));
            Files.writeString(data.resolve("tram.md"), "title: Tram line opens\npublished: 2025-01-20\nsource: City Wire\n\n"
                    + "The new tram line opened on Saturday with free rides for a week, the city said.\n");
            Files.writeString(data.resolve("summit.md"), "title: Quintopolis summit ends with a water deal\n"
                    + "published: 2025-01-28\nsource: Summit Wire\n\n"
                    + "Leaders meeting in Quintopolis agreed on a water-sharing deal for the Zorva river on Tuesday, "
                    + "the summit's host said. The deal sets how much water each country may take in dry years.\n");
            assertEquals(0, ingest(env, data.resolve("tram.md")), Files.readString(work.resolve("ingest.txt")));
            String token = "123456789:AAE_fake-token-for-tests_abcdefghijk";
            try (FakeBotApi api = new FakeBotApi(token)) {
                Map<String, String> botEnv = new HashMap<>(env);
                botEnv.putAll(Map.of("TELEGRAM_BOT_TOKEN", token, "HERALD_TELEGRAM_API_URL", api.url()));
                Path log = work.resolve("bot.txt");
                Process bot = herald(botEnv, "bot").redirectErrorStream(true).redirectOutput(log.toFile()).start();
                try {
                    api.push(api.privateText(1001, "When did the tram line open?"));
                    try {
                        api.awaitSent(1001, 1, 90_000); // a cold JVM loads the jar, the store and the model first
                    } catch (AssertionError e) {
                        throw new AssertionError("no answer; the bot printed:\n" + Files.readString(log), e);
                    }

                    // when: another process ingests an article, and a reader asks the bot about it
                    assertEquals(0, ingest(env, data.resolve("summit.md")), Files.readString(work.resolve("ingest.txt")));
                    long ingested = System.nanoTime();
                    // the bot finds out from the store's content version, checked every 1 s (then a rebuild): asked
                    // again, by another reader each time (a reader may ask 10 a minute), until it answers from it
                    String answer = null;
                    long millis = 0;
                    for (int reader = 2001; reader < 2100 && millis < 20_000; reader++) {
                        api.push(api.privateText(reader, "What did the leaders agree in Quintopolis?"));
                        answer = api.awaitSent(reader, 1, 30_000).get(0).text();
                        millis = (System.nanoTime() - ingested) / 1_000_000;
                        if (answer.contains("Quintopolis summit ends with a water deal")) break;
                        Thread.sleep(100); // pacing the next reader, not a wait for an event
                    }

                    // then
                    assertTrue(answer.contains("Quintopolis summit ends with a water deal"), answer);
                    assertTrue(answer.contains("water-sharing deal"), answer);
                    Files.writeString(Path.of("target/shared-store-it.txt"),
                            "ingest by one process -> first answer citing it from the other: " + millis + " ms\n");
                    // the 2 s: a 1 s content-version check (Herald.OUTSIDE_CHANGES_CHECK), then a rebuild
                    // (small here); measured 206 ms and 960 ms on the loaded 2-core machine (load 2-5)
                    assertTrue(millis <= 2_000, "answered from it " + millis + " ms after the ingest");
                } finally {
                    bot.destroy();
                    bot.waitFor(30, TimeUnit.SECONDS);
                    bot.destroyForcibly();
                }
            }
        }
    }

    /** A herald bot in webhook mode on its own port, as behind a load balancer. */
    private Process webhookBot(Map<String, String> env, FakeBotApi api, String token, int port, String name)
            throws java.io.IOException {
        Map<String, String> botEnv = new HashMap<>(env);
        botEnv.putAll(Map.of("TELEGRAM_BOT_TOKEN", token, "HERALD_TELEGRAM_API_URL", api.url(),
                "HERALD_TELEGRAM_MODE", "webhook", "HERALD_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hook",
                "HERALD_TELEGRAM_WEBHOOK_PORT", String.valueOf(port), "HERALD_WEBHOOK_SECRET", WEBHOOK_SECRET));
        return herald(botEnv, "bot").redirectErrorStream(true).redirectOutput(work.resolve(name + ".txt").toFile()).start();
    }

    private static final String WEBHOOK_SECRET = "shared-store-secret";
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** POSTs an update to a bot's webhook; -1 while nothing listens there yet. */
    private static int post(int port, String body) throws InterruptedException {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/hook"))
                    .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notListening) {
            return -1;
        }
    }

    /** Waits (bounded) until the bot's webhook server answers at all: it has started. */
    private void awaitListening(int port, String name) throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (post(port, "{}") < 0) { // an empty body is refused (400) and not handled
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(name + " never listened; it printed:\n" + Files.readString(work.resolve(name + ".txt")));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void should_read_a_follow_up_as_one_when_it_reaches_another_process_than_the_question() throws Exception {
        try (StoreBackend.Location store = StoreBackend.POSTGRESQL.create(work)) {
            Map<String, String> env = storeEnv(store);
            String token = "123456789:AAE_fake-token-for-tests_abcdefghijk";
            try (FakeBotApi api = new FakeBotApi(token)) {
                // given: two bot processes on one store (the first stores the built-in samples before it listens)
                int portA = freePort();
                int portB = freePort();
                Process a = webhookBot(env, api, token, portA, "a");
                Process b = null;
                try {
                    awaitListening(portA, "a");
                    b = webhookBot(env, api, token, portB, "b");
                    awaitListening(portB, "b");

                    // when: the question reaches the first, the follow-up the second
                    long chat = 7001;
                    com.fasterxml.jackson.databind.node.ObjectNode question = api.privateText(chat, "What did Ruto and Rubio discuss?");
                    assertEquals(200, post(portA, question.objectNode().put("update_id", 9001).setAll(question).toString()));
                    String first = api.awaitSent(chat, 1, 60_000).get(0).text();
                    com.fasterxml.jackson.databind.node.ObjectNode followUp = api.privateText(chat, "when did they speak?");
                    assertEquals(200, post(portB, followUp.objectNode().put("update_id", 9002).setAll(followUp).toString()));

                    // then: the second read it with the first's question (the conversation is in the store); asked
                    // on its own, "when did they speak?" finds nothing in the samples ("I couldn't find this")
                    String second = api.awaitSent(chat, 2, 60_000).get(1).text();
                    assertTrue(first.contains("Ruto") && first.contains("Rubio"), first);
                    assertTrue(second.contains("spoke by telephone on Monday"), second);
                } finally {
                    for (Process p : new Process[]{a, b}) {
                        if (p == null) continue;
                        p.destroy();
                        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
                    }
                }
            }
        }
    }
}
