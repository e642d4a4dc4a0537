package dev.herald.cli;

import dev.herald.ingest.Ingestor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs ingest work so that Ctrl-C (SIGINT) or SIGTERM stops it cleanly: the work is asked to stop, returns its
 * summary (which the caller prints, saying "stopped early"), and the next run resumes where this one stopped.
 *
 * <p>The signals are caught rather than left to a shutdown hook: once the JVM shuts down, ONNX Runtime frees its
 * native state while an embedding batch may still be running, and the process died of a SIGSEGV in
 * {@code libonnxruntime.so} (reproduced: SIGTERM 14 s into an ingest, exit 134, no summary). A second signal while
 * stopping is handed to the JVM's own handler: the process ends at once, as before.
 */
final class StopOnSignal {

    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private StopOnSignal() {
    }

    static <T> T run(Ingestor ingestor, Supplier<T> work) {
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        try {
            for (String name : new String[]{"INT", "TERM"}) {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, new SignalHandler() {
                    private volatile boolean stopping;

                    @Override
                    public void handle(Signal s) {
                        if (stopping) {
                            SignalHandler before = previous.get(s);
                            if (before != null) before.handle(s);
                            return;
                        }
                        stopping = true;
                        ingestor.requestStop();
                    }
                }));
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // signals cannot be caught here (an unusual JVM or platform): fall back to a shutdown hook
            log.debug("cannot catch signals ({}); using a shutdown hook", e.toString());
            restore(previous);
            return withShutdownHook(ingestor, work);
        }
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    private static void restore(Map<Signal, SignalHandler> previous) {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                log.debug("cannot restore the handler of SIG{}: {}", signal.getName(), e.toString());
            }
        });
    }

    private static <T> T withShutdownHook(Ingestor ingestor, Supplier<T> work) {
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
