package dev.herald.telegram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One serial queue per key (a user in a chat): tasks with the same key run one after another, each after the
 * previous one's future has completed, so a reader's updates stay in order; tasks with different keys never wait
 * for each other. A task's thread is freed while its future waits (an answer on the answering pool).
 *
 * @param <K> the queue key
 */
final class SerialQueues<K> {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor threads;
    private final Map<K, CompletableFuture<Void>> tails = new HashMap<>();
    private boolean closed;

    SerialQueues(Executor threads) {
        this.threads = threads;
    }

    /**
     * Runs the task after the key's previous one has finished, including any future it returned.
     *
     * @param task must return a future that never completes exceptionally
     * @return false when closed: the task will not run
     */
    boolean enqueue(K key, Supplier<CompletableFuture<Void>> task) {
        return submit(key, task) != null;
    }

    /** As {@link #enqueue}; returns the future done when the task (and its future) has finished, or null when closed. */
    CompletableFuture<Void> submit(K key, Supplier<CompletableFuture<Void>> task) {
        synchronized (tails) {
            if (closed) return null;
            CompletableFuture<Void> prev = tails.getOrDefault(key, DONE);
            CompletableFuture<Void> next = prev.thenComposeAsync(ignored -> task.get(), threads);
            tails.put(key, next);
            next.whenComplete((r, e) -> {
                synchronized (tails) {
                    tails.remove(key, next);
                }
            });
            return next;
        }
    }

    /** Refuses further tasks; returns the queues' last futures, done when every task taken has finished. */
    List<CompletableFuture<?>> close() {
        synchronized (tails) {
            closed = true;
            return new ArrayList<>(tails.values());
        }
    }
}
