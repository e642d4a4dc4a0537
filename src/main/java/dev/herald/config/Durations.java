package dev.herald.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Herald reads a duration, in settings ({@code llm.timeout: 30s}) and on the command line
 * ({@code sources add --every 15m}): a number with a unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}),
 * several combined ({@code 1h30m}), or ISO-8601 ({@code PT30S}). Anything else is refused with a message saying
 * what was wrong, never replaced by a default.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    static final String EXAMPLES = "e.g. 30s, 15m, 2h, 1d or 1h30m";

    private Durations() {
    }

    /** True when {@code s} is written as a duration (whatever its size), e.g. to tell "15m" from a name. */
    public static boolean looksLike(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        return WHOLE.matcher(t).matches() || t.matches("p(t)?[0-9].*");
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) throw new IllegalArgumentException("empty duration (" + EXAMPLES + ")");
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
            if (!WHOLE.matcher(t).matches()) throw notADuration(s);
            Matcher m = PART.matcher(t);
            Duration total = Duration.ZERO;
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return total;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw notADuration(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + s.strip() + "' is too long");
        }
    }

    /**
     * As {@link #parse(String)}, and within {@code [min, max]}.
     *
     * @param what what the duration is for, in the messages: "refresh interval"
     * @throws IllegalArgumentException when it is not a duration or out of range, saying which
     */
    public static Duration parse(String s, Duration min, Duration max, String what) {
        Duration d = parse(s);
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " " + s.strip() + " is too short: at least " + format(min));
        }
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " " + s.strip() + " is too long: at most " + format(max));
        }
        return d;
    }

    /** Written back the way {@link #parse} reads it: {@code 1h30m}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        if (days > 0) sb.append(days).append('d');
        if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
        return sb.length() == 0 ? d.toString() : sb.toString();
    }

    private static IllegalArgumentException notADuration(String s) {
        return new IllegalArgumentException("'" + s.strip() + "' is not a duration (" + EXAMPLES + ")");
    }
}
