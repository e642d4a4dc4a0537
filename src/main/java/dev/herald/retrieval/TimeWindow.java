package dev.herald.retrieval;

import java.time.LocalDate;

/**
 * A span of days a question refers to ("last week"), inclusive, with the words that named it.
 * News about a day is published that day or the next, so retrieval widens {@code to} by a day when it boosts.
 */
public record TimeWindow(LocalDate from, LocalDate to, String phrase) {
    public TimeWindow {
        if (to.isBefore(from)) throw new IllegalArgumentException("window ends before it starts: " + from + ".." + to);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
