package dev.herald.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What {@code GET /healthz} checks: named checks, each answering null when fine or a short reason when not. Parts
 * add their own check as they start (the store and the indexes from the composition root, Telegram from the bot).
 */
public final class Health {

    /** The outcome: healthy, or the reasons it is not, in check order. */
    public record Status(List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** "ok", or "unhealthy: store: …; telegram: …". */
        public String text() {
            return ok() ? "ok" : "unhealthy: " + String.join("; ", problems);
        }
    }

    private final Map<String, Supplier<String>> checks = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds (or replaces) a check; the supplier returns null when healthy, else the reason. */
    public void add(String name, Supplier<String> check) {
        if (checks.put(name, check) == null) order.add(name);
    }

    public void remove(String name) {
        checks.remove(name);
        order.remove(name);
    }

    /** Runs every check; one that throws is unhealthy with its message. */
    public Status check() {
        List<String> problems = new ArrayList<>();
        for (String name : order) {
            Supplier<String> c = checks.get(name);
            if (c == null) continue;
            String problem;
            try {
                problem = c.get();
            } catch (RuntimeException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (problem != null) problems.add(name + ": " + problem);
        }
        return new Status(List.copyOf(problems));
    }
}
