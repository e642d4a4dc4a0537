package dev.herald.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets and moves (UTC). */
public final class TestClock extends Clock {

    private volatile Instant now;

    public TestClock(String start) {
        now = Instant.parse(start);
    }

    public TestClock(Instant start) {
        now = start;
    }

    public void set(String at) {
        now = Instant.parse(at);
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
