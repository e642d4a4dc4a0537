package dev.herald.telegram;

import java.time.LocalDate;
import java.util.Arrays;

/** Answering statistics since the bot started, for /stats. Thread-safe. */
public final class BotStats {

    private static final int KEEP = 10_000;

    private final long[] millis = new long[KEEP];
    private int recorded;
    private long answered;
    private long abstained;
    private LocalDate today;
    private long answeredToday;

    /** Records one answered question. */
    public synchronized void record(long tookMillis, boolean abstention, LocalDate day) {
        millis[(int) (answered % KEEP)] = tookMillis;
        recorded = Math.min(KEEP, recorded + 1);
        answered++;
        if (abstention) abstained++;
        if (!day.equals(today)) {
            today = day;
            answeredToday = 0;
        }
        answeredToday++;
    }

    public synchronized long answered() {
        return answered;
    }

    public synchronized long answeredOn(LocalDate day) {
        return day.equals(today) ? answeredToday : 0;
    }

    /** Share of answers that abstained, 0..1 (0 when nothing was asked). */
    public synchronized double abstentionRate() {
        return answered == 0 ? 0 : (double) abstained / answered;
    }

    /** The p-th percentile (0..100) of answer times in milliseconds over the most recent answers, or -1. */
    public synchronized long percentileMillis(double p) {
        if (recorded == 0) return -1;
        long[] sorted = Arrays.copyOf(millis, recorded);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * recorded) - 1;
        return sorted[Math.max(0, Math.min(recorded - 1, idx))];
    }
}
