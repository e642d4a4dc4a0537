package dev.herald.retrieval;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves relative time words in a question ("yesterday", "this week", "last month", "on Monday", "3 days ago",
 * "in June") against the date the question is asked as of.
 *
 * <p>Hand-written because no maintained Java library on our stack does English relative-date parsing (Natty and
 * Stanford SUTime are unmaintained or heavy); the phrases news readers use are few and listed here.
 */
public final class TimeExpressions {

    private static final Pattern DAYS_AGO = Pattern.compile("\\b(\\d{1,2}|two|three|four|five|six|seven|ten) days? ago\\b");
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(last |on |this past |past )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern MONTH = Pattern.compile(
            "\\b(?:in|during|since|of|last|this) (january|february|march|april|may|june|july|august|september|october|november|december)(?: (\\d{4}))?\\b");

    private TimeExpressions() {
    }

    /** The window the question refers to, if it names one. */
    public static Optional<TimeWindow> resolve(String question, LocalDate today) {
        if (question == null) return Optional.empty();
        String q = question.toLowerCase(Locale.ROOT);
        if (has(q, "today") || has(q, "tonight") || has(q, "this morning") || has(q, "right now")) {
            return window(today, today, "today");
        }
        if (has(q, "yesterday") || has(q, "last night")) {
            return window(today.minusDays(1), today.minusDays(1), "yesterday");
        }
        Matcher ago = DAYS_AGO.matcher(q);
        if (ago.find()) {
            int n = number(ago.group(1));
            return window(today.minusDays(n), today.minusDays(n), ago.group());
        }
        if (has(q, "this week") || has(q, "past week") || has(q, "this past week")) {
            return window(today.minusDays(6), today, "this week");
        }
        if (has(q, "last week")) {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            return window(monday, monday.plusDays(6), "last week");
        }
        if (has(q, "this weekend") || has(q, "last weekend") || has(q, "the weekend")) {
            LocalDate saturday = today.getDayOfWeek() == DayOfWeek.SUNDAY ? today.minusDays(1)
                    : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
            return window(saturday, saturday.plusDays(1).isAfter(today) ? saturday : saturday.plusDays(1), "weekend");
        }
        if (has(q, "past month")) return window(today.minusDays(30), today, "past month");
        if (has(q, "this month")) return window(today.withDayOfMonth(1), today, "this month");
        if (has(q, "last month")) {
            LocalDate first = today.withDayOfMonth(1).minusMonths(1);
            return window(first, first.with(TemporalAdjusters.lastDayOfMonth()), "last month");
        }
        if (has(q, "this year")) return window(today.withDayOfYear(1), today, "this year");
        if (has(q, "last year")) {
            LocalDate first = today.withDayOfYear(1).minusYears(1);
            return window(first, first.with(TemporalAdjusters.lastDayOfYear()), "last year");
        }
        Matcher wd = WEEKDAY.matcher(q);
        if (wd.find()) {
            DayOfWeek day = DayOfWeek.valueOf(wd.group(2).toUpperCase(Locale.ROOT));
            // "on Monday" asked on a Monday means today; "last Monday" means a week ago.
            LocalDate d = "last ".equals(wd.group(1)) ? today.with(TemporalAdjusters.previous(day))
                    : today.with(TemporalAdjusters.previousOrSame(day));
            return window(d, d, wd.group().trim());
        }
        Matcher m = MONTH.matcher(q);
        if (m.find()) {
            Month month = Month.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            int year = m.group(2) != null ? Integer.parseInt(m.group(2))
                    : (month.getValue() <= today.getMonthValue() ? today.getYear() : today.getYear() - 1);
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate last = first.with(TemporalAdjusters.lastDayOfMonth());
            if (last.isAfter(today)) last = today;
            if (first.isAfter(last)) return Optional.empty();
            return window(first, last, m.group());
        }
        return Optional.empty();
    }

    /** True when the word is one {@link #resolve} reads as time, so it should not count as a search term. */
    public static boolean isTimeWord(String word) {
        return switch (word) {
            case "today", "tonight", "yesterday", "week", "weekend", "month", "year", "ago", "days", "day", "last",
                 "past", "this", "morning", "night", "recently", "recent", "latest" -> true;
            default -> false;
        };
    }

    private static boolean has(String q, String phrase) {
        return Pattern.compile("\\b" + Pattern.quote(phrase) + "\\b").matcher(q).find();
    }

    private static Optional<TimeWindow> window(LocalDate from, LocalDate to, String phrase) {
        return Optional.of(new TimeWindow(from, to, phrase));
    }

    private static int number(String s) {
        return switch (s) {
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "ten" -> 10;
            default -> Integer.parseInt(s);
        };
    }
}
