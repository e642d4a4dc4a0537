package dev.herald.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A sliding-window limit of events per key (user) per minute. */
public final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<Long, Deque<Instant>> events = new HashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) throw new IllegalArgumentException("perMinute must be at least 1");
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /**
     * Records an event for this key if it is within the limit.
     *
     * @return 0 when allowed, else how many whole seconds until the next event would be allowed (at least 1)
     */
    public synchronized long tryAcquire(long key) {
        Instant now = clock.instant();
        Deque<Instant> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(WINDOW))) q.pollFirst();
        if (q.size() < perMinute) {
            q.addLast(now);
            if (events.size() > 10_000) events.values().removeIf(Deque::isEmpty);
            return 0;
        }
        Duration wait = Duration.between(now, q.peekFirst().plus(WINDOW));
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
