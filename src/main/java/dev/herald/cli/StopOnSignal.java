package dev.herald.cli;

import dev.herald.ingest.Ingestor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs ingest work so that Ctrl-C (SIGINT) or SIGTERM stops it cleanly: the batch in flight is committed, the work
 * returns its summary, and the next run resumes where this one stopped.
 */
final class StopOnSignal {

    private StopOnSignal() {
    }

    static <T> T run(Ingestor ingestor, Supplier<T> work) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ingestor.requestStop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already stopping: the hook is running and has been released above
            }
        }
    }
}
