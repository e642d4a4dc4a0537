package dev.herald.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialQueuesTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final SerialQueues<String> queues = new SerialQueues<>(threads);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void should_run_a_keys_tasks_in_order_and_others_meanwhile_when_one_waits_on_its_future() throws Exception {
        // given alice's first task waits on an answer that has not come
        CompletableFuture<Void> answer = new CompletableFuture<>();
        queues.enqueue("alice", () -> {
            ran.add("alice 1");
            return answer;
        });
        queues.enqueue("alice", () -> run("alice 2"));
        // when bob sends something
        CompletableFuture<Void> bobDone = new CompletableFuture<>();
        queues.enqueue("bob", () -> {
            ran.add("bob 1");
            bobDone.complete(null);
            return bobDone;
        });
        // then bob is served while alice waits, and alice's second task runs only after her answer
        bobDone.get(5, TimeUnit.SECONDS);
        assertFalse(ran.contains("alice 2"), ran.toString());
        answer.complete(null);
        CompletableFuture.allOf(queues.close().toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("alice 1", "alice 2"), ran.stream().filter(s -> s.startsWith("alice")).toList());
    }

    @Test
    void should_refuse_tasks_when_closed() {
        queues.close();
        assertFalse(queues.enqueue("alice", () -> run("late")));
        assertTrue(ran.isEmpty());
    }

    private CompletableFuture<Void> run(String name) {
        ran.add(name);
        return CompletableFuture.completedFuture(null);
    }
}
