package dev.herald.telegram;

import dev.herald.store.RateLimitStore;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A sliding-window limit of events per key (user) per minute: in the store when given one, so a reader's questions
 * count once across every instance; else (and while the store fails) in this process.
 */
public final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<Long, Deque<Instant>> events = new HashMap<>();
    private final RateLimitStore store;

    public RateLimiter(int perMinute, Clock clock) {
        this(perMinute, clock, null);
    }

    /** @param store shared counts, or null to count in this process only */
    public RateLimiter(int perMinute, Clock clock, RateLimitStore store) {
        if (perMinute < 1) throw new IllegalArgumentException("perMinute must be at least 1");
        this.perMinute = perMinute;
        this.clock = clock;
        this.store = store;
    }

    /** Forgets users idle for over a window (the store's rows; this process's are trimmed as it goes). */
    public void prune() {
        if (store != null) store.prune(clock.instant().minus(WINDOW));
    }

    /**
     * Records an event for this key if it is within the limit.
     *
     * @return 0 when allowed, else how many whole seconds until the next event would be allowed (at least 1)
     */
    public long tryAcquire(long key) {
        if (store != null) {
            try {
                long waitMillis = store.tryAcquire(key, clock.instant(), perMinute, WINDOW);
                return waitMillis == 0 ? 0 : Math.max(1, (waitMillis + 999) / 1000);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(RateLimiter.class).warn("shared rate limit unavailable ({}); counting here", e.getMessage());
            }
        }
        return locally(key);
    }

    private synchronized long locally(long key) {
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
