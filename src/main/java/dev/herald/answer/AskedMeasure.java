package dev.herald.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measure a "how long / far / tall / heavy / big / old" question asks for: a number with a unit of that kind.
 * Any number answered it before, so "how long is Line 7?" got the tram report's lead ("the first addition to the
 * network since the 1980s") over "The 9.4-kilometre line has 16 stops", which names neither "long" nor "Line 7".
 *
 * <p>The adjective itself ("long") is met by such a measure: reports give the length, not the word.
 */
final class AskedMeasure {

    private static final Pattern ASK = Pattern.compile("(?i)\\bhow (long|far|tall|high|deep|wide|big|large|heavy|old|often)\\b");

    private static final String NUMBER = "(?:\\d[\\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
            + "twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
            + "eighty|ninety|hundred|half an?|several|few)"
            + "(?:[\\s-]+(?:and a half|million|thousand|hundred|more))?[\\s-]+";
    private static final String LENGTH = "(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|"
            + "centimet(?:re|er)s?|cm|yards?|light[\\s-]years?)";
    private static final String DURATION = "(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|"
            + "century)";
    private static final String WEIGHT = "(?:tonnes?|tons?|kilo(?:gram)?s?|kg|pounds?|lbs?|grams?|ounces?)";
    private static final String AREA = "(?:square " + LENGTH + "|acres?|hectares?)";
    private static final String AGE = "(?:years?[\\s-]old|year-old|months?[\\s-]old)";

    /**
     * How often: "every six minutes", "twice a week", "three times a day", "daily". "how often do they come" after
     * the tram had no word in "Trams will run every six minutes at peak times" and, asked on its own, got the
     * library's "when the water came in".
     */
    private static final Pattern FREQUENCY = Pattern.compile("(?i)\\bevery\\s+(?:other\\s+|few\\s+|" + NUMBER + ")?"
            + DURATION + "|\\b(?:once|twice|" + NUMBER + "times?)\\s+(?:a|an|per|each|every)\\s+"
            + "(?:second|minute|hour|day|night|week|month|year|season)\\b|\\b(?:daily|nightly|weekly|hourly|monthly|"
            + "annually|fortnightly)\\b");

    private final String word;
    private final Pattern measure;

    /** An age without a unit: "who turned 17 during the journey", "aged 60", "Maxwell, 60, has been moved". */
    // ...or "retiring at 65", "aging out at 65" (not a clock time or a rate: "at 10 p.m.", "at 65 mph", "at 12%")
    private static final String AGE_ALONE = "(?:turned|turns|aged|age of|age)\\s+\\d{1,3}\\b|,\\s*\\d{1,3},"
            + "|\\bat\\s+\\d{2,3}\\b(?![.,:]?\\d|\\s*(?:a\\.?m\\b|p\\.?m\\b|%|percent|per\\b|mph|km|miles|degrees|o'clock))";

    /**
     * "What is the population of Goma?", "What was the magnitude of the quake?", "What is Goma's population?", "the
     * hottest UK temperature on record", "what was the score?": an attribute that reports give as a number. Read as
     * the topic word of the report's lead, these got the lead ("The M23 rebel group says it has taken control of
     * Goma ...") where the report gives no population at all; as a measure, the bot now says it does not know.
     * The attribute must end its noun phrase ("the price cap" asks for no price). 2022 dev has 8 such open
     * questions, 2025h2 8.
     */
    private static final Pattern ATTRIBUTE_ASK = Pattern.compile("(?i)\\bwhat(?:['\u2019]s| is| was| are| were| will be) "
            + "(?:the|its|his|her|their|[\\p{L}-]+['\u2019]s?) (?:[\\p{L}-]+ ){0,3}?(population|magnitude|temperature|age|"
            + "height|length|weight|depth|distance|size|score|price|cost|value)(?=\\s+(?:of|for|in|on|at|now|today|per)\\b|"
            + "\\s*[?,.]|\\s*$)");
    /** Attributes that are sums of money: the question asks for an amount, as "how much does it cost?" does. */
    private static final java.util.Set<String> MONEY_ATTRIBUTES = java.util.Set.of("price", "cost", "value");

    private AskedMeasure(String word, String units) {
        // "two hours later than before" (the library's new closing time) is an offset, not how long something is
        // ...and "every six minutes" how often
        // ...unless "for" says it is one: "closed for fourteen months after a burst river embankment flooded it"
        this(word, Pattern.compile("(?i)(?<!\\bevery\\s)\\b" + NUMBER + units + "\\b(?!\\s+(?:later|earlier|ago|before|after|sooner|"
                + "late|early|behind|ahead)\\b)|\\bfor\\s+" + NUMBER + units + "\\b"
                + (word.equals("old") || word.equals("age") ? "|\\b" + AGE_ALONE : "")));
    }

    private AskedMeasure(String word, Pattern measure) {
        this.word = word;
        this.measure = measure;
    }

    /** The asked measure of a "how long/far/..." or "what is the population/magnitude/... of" question, if it is one. */
    static Optional<AskedMeasure> of(String question) {
        Matcher m = ASK.matcher(question);
        if (!m.find()) return attribute(question).filter(a -> !MONEY_ATTRIBUTES.contains(a)).map(AskedMeasure::ofAttribute);
        String word = m.group(1).toLowerCase(Locale.ROOT);
        if (word.equals("often")) return Optional.of(new AskedMeasure(word, FREQUENCY));
        return Optional.of(new AskedMeasure(word, units(word)));
    }

    /** The units of a measure asked for by its adjective ("long") or its noun ("length"); null for any other word. */
    private static String units(String word) {
        return switch (word) {
            // "how long" is a length or a time: "how long is Line 7?", "how long did the shutdown last?"
            case "long", "length" -> "(?:" + LENGTH + "|" + DURATION + ")";
            case "far", "tall", "high", "deep", "wide", "height", "depth", "distance" -> LENGTH;
            case "heavy", "weight" -> WEIGHT;
            case "big", "large", "size" -> "(?:" + AREA + "|" + LENGTH + "|" + WEIGHT + ")";
            case "old", "age" -> "(?:" + AGE + "|" + DURATION + ")";
            default -> null;
        };
    }

    /** The attribute a "what is the X of ..." question asks for ("population", "price"), lower-case, if it asks for one. */
    static Optional<String> attribute(String question) {
        Matcher m = ATTRIBUTE_ASK.matcher(question);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Whether the question asks for an attribute that is a sum of money ("What is the list price of the iPhone?"). */
    static boolean asksForMoney(String question) {
        return attribute(question).filter(MONEY_ATTRIBUTES::contains).isPresent();
    }

    private static AskedMeasure ofAttribute(String word) {
        String units = units(word);
        if (units != null) return new AskedMeasure(word, units);
        return switch (word) {
            // "a magnitude 8.8 earthquake", "a 7.5-magnitude quake", "a magnitude of 6.1"
            case "magnitude" -> new AskedMeasure(word, Pattern.compile(
                    "(?i)\\bmagnitude[\\s-]+(?:of\\s+)?\\d|\\b\\d(?:\\.\\d+)?[\\s-]+magnitude\\b"));
            // "40.3C", "104 degrees", "35 °C"
            case "temperature" -> new AskedMeasure(word, Pattern.compile(
                    "(?i)\\b\\d[\\d.,]*\\s*(?:\u00b0\\s*[CF]?|degrees?\\b|[CF]\\b)"));
            // "4-3 on penalties", "a 1-1 draw" (a year range such as 2022-23 has no word boundary before its 22)
            case "score" -> new AskedMeasure(word, Pattern.compile("\\b\\d{1,2}\\s*[-\u2013]\\s*\\d{1,2}\\b"));
            // the word itself, with a number: "a population of about two million"; "17 people were killed" is no
            // population, so people counted are not enough
            default -> new AskedMeasure(word, Pattern.compile(
                    "(?i)(?=.*(?:\\d|\\b(?:million|thousand|hundred)\\b)).*\\b(?:population|inhabitants)\\b"));
        };
    }

    /** The asked adjective's stem ("long"), as a term of the question. */
    String term() {
        return dev.herald.text.Terms.stem(word);
    }

    /** Whether the sentence gives a measure of the asked kind ("9.4-kilometre", "27 minutes", "about 1.2 tonnes"). */
    boolean givenIn(String sentence) {
        return measure.matcher(sentence).find();
    }
}
