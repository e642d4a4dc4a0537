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

    private static final Pattern ASK = Pattern.compile("(?i)\\bhow (long|far|tall|high|deep|wide|big|large|heavy|old)\\b");

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

    private final String word;
    private final Pattern measure;

    /** An age without a unit: "who turned 17 during the journey", "aged 60", "Maxwell, 60, has been moved". */
    private static final String AGE_ALONE = "(?:turned|turns|aged|age of)\\s+\\d{1,3}|,\\s*\\d{1,3},";

    private AskedMeasure(String word, String units) {
        this.word = word;
        // "two hours later than before" (the library's new closing time) is an offset, not how long something is
        // ...and "every six minutes" how often
        this.measure = Pattern.compile("(?i)(?<!\\bevery\\s)\\b" + NUMBER + units + "\\b(?!\\s+(?:later|earlier|ago|before|after|sooner|"
                + "late|early|behind|ahead)\\b)" + (word.equals("old") ? "|\\b" + AGE_ALONE : ""));
    }

    /** The asked measure of a "how long/far/..." question, if it is one. */
    static Optional<AskedMeasure> of(String question) {
        Matcher m = ASK.matcher(question);
        if (!m.find()) return Optional.empty();
        String word = m.group(1).toLowerCase(Locale.ROOT);
        String units = switch (word) {
            // "how long" is a length or a time: "how long is Line 7?", "how long did the shutdown last?"
            case "long" -> "(?:" + LENGTH + "|" + DURATION + ")";
            case "far", "tall", "high", "deep", "wide" -> LENGTH;
            case "heavy" -> WEIGHT;
            case "big", "large" -> "(?:" + AREA + "|" + LENGTH + "|" + WEIGHT + ")";
            default -> "(?:" + AGE + "|" + DURATION + ")"; // old
        };
        return Optional.of(new AskedMeasure(word, units));
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
