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

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String MONTH_NAME = "(" + MONTHS + ")\\.?";
    private static final String ORDINAL = "(\\d{1,2})(?:st|nd|rd|th)?";
    /**
     * A calendar day as readers write it, lower-cased: "2025-01-27", "27 January", "27th of Jan", "January 27",
     * "jan. 27th, 2025" (no capturing groups). For patterns that must recognise the phrase (briefings); read by
     * {@link #resolveWithDays}.
     */
    public static final String DATE_PHRASE = "(?:\\d{4}-\\d{2}-\\d{2}"
            + "|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + MONTHS + ")\\.?(?:,? \\d{4})?"
            + "|(?:" + MONTHS + ")\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?)";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b" + ORDINAL + " (?:of )?" + MONTH_NAME + "(?:,? (\\d{4}))?(?![\\p{L}])");
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH_NAME + " " + ORDINAL + "(?:,? (\\d{4}))?\\b");

    private TimeExpressions() {
    }

    /**
     * As {@link #resolve}, and a calendar day ("27 January", "2025-01-27") too: for a request whose whole wording
     * asks for the news of a time ("What happened on 27 January?"). In a question a date is usually a fact of the
     * story, not the time asked about ("'Act I' coming July 29", "the insurrection on January 6, 2021"), so search
     * does not read one as a window.
     */
    public static Optional<TimeWindow> resolveWithDays(String question, LocalDate today) {
        if (question == null) return Optional.empty();
        String q = question.toLowerCase(Locale.ROOT);
        Optional<TimeWindow> calendar = calendarDay(q, today);
        if (calendar.isPresent()) return calendar;
        // "What's happening right now?" asks for today's news; in a question "right now" means "these days" (below)
        if (has(q, "right now")) return window(today, today, "today");
        return resolve(q, today);
    }

    /** The window the question refers to by relative words ("yesterday", "on Monday", "in June"), if it names one. */
    public static Optional<TimeWindow> resolve(String question, LocalDate today) {
        if (question == null) return Optional.empty();
        String q = question.toLowerCase(Locale.ROOT);
        // Not "right now": "a cheese product is seeing a boost in popularity right now" is a trend reported days
        // before; as a today window it dropped that report (one 2022 dev answer, the Velveeta one, 2026-12-07).
        if (has(q, "today") || has(q, "tonight") || has(q, "this morning")) {
            return window(today, today, "today");
        }
        if (has(q, "the day before yesterday")) {
            return window(today.minusDays(2), today.minusDays(2), "the day before yesterday");
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

    /**
     * "27 January" or "Jan 27" (the latest such day up to {@code today}: asked in January, "December 30" is last
     * year's), "27 January 2025", "2025-01-27". A day that does not exist ("31 February") names none.
     */
    private static Optional<TimeWindow> calendarDay(String q, LocalDate today) {
        Matcher iso = ISO_DATE.matcher(q);
        if (iso.find()) {
            return day(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)), iso.group());
        }
        Matcher dm = DAY_MONTH.matcher(q);
        while (dm.find()) {
            // "3 may be hurt" is no date: "may" followed by a word is the verb
            boolean verb = dm.group(2).equals("may") && dm.group(3) == null && q.substring(dm.end()).matches("^ [a-z].*");
            if (!verb) return dayOfMonth(dm.group(2), dm.group(1), dm.group(3), dm.group(), today);
        }
        Matcher md = MONTH_DAY.matcher(q);
        if (md.find()) return dayOfMonth(md.group(1), md.group(2), md.group(3), md.group(), today);
        return Optional.empty();
    }

    private static Optional<TimeWindow> dayOfMonth(String monthName, String dayOfMonth, String year, String phrase,
                                                   LocalDate today) {
        int month = monthNumber(monthName);
        int d = Integer.parseInt(dayOfMonth);
        if (year != null) return day(Integer.parseInt(year), month, d, phrase);
        Optional<TimeWindow> thisYear = day(today.getYear(), month, d, phrase);
        if (thisYear.isPresent() && thisYear.get().from().isAfter(today)) return day(today.getYear() - 1, month, d, phrase);
        return thisYear;
    }

    private static Optional<TimeWindow> day(int year, int month, int dayOfMonth, String phrase) {
        try {
            LocalDate d = LocalDate.of(year, month, dayOfMonth);
            return window(d, d, phrase);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int monthNumber(String name) {
        String n = name.replace(".", "");
        for (Month m : Month.values()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(n.equals("sept") ? "sep" : n)) return m.getValue();
        }
        throw new IllegalArgumentException("not a month: " + name);
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
