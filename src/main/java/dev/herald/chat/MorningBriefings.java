package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.store.BriefingStore;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Morning briefings ({@code /briefing 07:30}, {@code /timezone Africa/Nairobi}): once a day at a chat's local time,
 * the top distinct stories of the last 24 hours (the {@link Briefings} of {@code /latest}). A briefing whose time
 * passed while the bot was down is sent when it starts, if that is within {@link #LATE} of the time; later than
 * that it is skipped, since a morning briefing at noon is stale. Never two a local day: each day's is claimed in
 * the database before it is sent.
 */
public final class MorningBriefings {

    /** How late a missed briefing may still go out. */
    public static final Duration LATE = Duration.ofHours(1);

    /** A chat's time zone until it sets one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    /** A chat's briefing: its local time (empty when off) and time zone. */
    public record Schedule(Optional<LocalTime> time, ZoneId zone) {
    }

    private final BriefingStore store;
    private final Function<Instant, Answer> briefing;

    /** @param briefing the top stories of the 24 hours before a moment */
    public MorningBriefings(BriefingStore store, Function<Instant, Answer> briefing) {
        this.store = store;
        this.briefing = briefing;
    }

    /** The time zone for a name such as "Africa/Nairobi" or "UTC+3"; empty when Java knows no such zone. */
    public static Optional<ZoneId> zone(String name) {
        try {
            return Optional.of(ZoneId.of(name.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public Schedule schedule(long chatId) {
        return store.get(chatId).map(s -> new Schedule(Optional.ofNullable(s.minute()).map(m -> LocalTime.of(m / 60, m % 60)),
                        ZoneId.of(s.zone())))
                .orElse(new Schedule(Optional.empty(), DEFAULT_ZONE));
    }

    /**
     * Sends the chat a briefing every day at this local time, from the next time it comes round: a time already
     * past today starts tomorrow.
     */
    public void at(long chatId, LocalTime time, Instant now) {
        ZoneId zone = schedule(chatId).zone();
        ZonedDateTime local = now.atZone(zone);
        boolean passed = !local.toLocalTime().isBefore(time);
        store.setTime(chatId, time.getHour() * 60 + time.getMinute(), zone.getId(),
                passed ? local.toLocalDate().toString() : null);
    }

    /** Stops the chat's briefings; false when they were off. */
    public boolean off(long chatId) {
        Schedule s = schedule(chatId);
        if (s.time().isEmpty()) return false;
        store.setTime(chatId, null, s.zone().getId(), null);
        return true;
    }

    /** Sets the chat's time zone; a briefing keeps its local time. */
    public void zone(long chatId, ZoneId zone) {
        store.setZone(chatId, zone.getId());
    }

    /**
     * The chats whose briefing is due now (its local time has come today, at most {@link #LATE} ago, and today's has
     * not been sent), each claimed: a second call for the same day returns none of them.
     */
    public List<Long> due(Instant now) {
        List<Long> out = new ArrayList<>();
        for (BriefingStore.Schedule s : store.scheduled()) {
            ZoneId zone;
            try {
                zone = ZoneId.of(s.zone());
            } catch (DateTimeException e) {
                zone = DEFAULT_ZONE; // a zone this Java no longer knows
            }
            ZonedDateTime local = now.atZone(zone);
            LocalDate today = local.toLocalDate();
            ZonedDateTime at = today.atTime(s.minute() / 60, s.minute() % 60).atZone(zone);
            boolean inTime = !now.isBefore(at.toInstant()) && now.isBefore(at.toInstant().plus(LATE));
            if (inTime && store.claim(s.chatId(), today.toString())) out.add(s.chatId());
        }
        return out;
    }

    /** The briefing to send now. */
    public Answer briefing(Instant now) {
        return briefing.apply(now);
    }
}
