package dev.herald.answer;

import java.util.regex.Pattern;

/**
 * A question asking the size of a change: "by how much?" after "coffee prices climbed", "By what percentage will
 * council tax bills rise?", "how much higher are they?". Its answer is a share or an amount a thing went up or down
 * by ("Benchmark contracts rose about 12 percent over five trading days"), not any number: the coffee lead's
 * "highest level in two years" holds one and had been given again for "by how much?".
 */
final class AskedChange {
    private static final Pattern ASK = Pattern.compile("(?i)\\bby how much\\b|\\bby what (?:percent|percentage|share|margin|amount)\\b"
            + "|\\bhow much (?:more|less|higher|lower|bigger|smaller|cheaper|dearer|further)\\b"
            // "how much have prices gone up" (it got the coffee lead's "highest level in two years", not "rose about
            // 12 percent"); in 2022 dev and 2025h2 one open question asks this way, with a share for its answer
            + "|\\bhow much (?:have|has|had|did|do|does|will|would|could|is|are|was|were)(?:\\s+[\\p{L}'-]+){1,3}?\\s+(?:gone (?:up|down)"
            + "|go(?:es)? (?:up|down)|ris(?:e|en|ing)|rose|increas\\w*|climb\\w*|jump\\w*|fall(?:en|ing)?|fell|drop\\w*"
            + "|declin\\w*|grow(?:n|ing)?|grew|surg\\w*|soar\\w*|plung\\w*|shr[iau]nk\\w*)\\b");
    /** A share ("12 percent", "7%", "half a percentage point") or an amount something changed by ("by $2"). */
    private static final Pattern SIZE = Pattern.compile("(?i)\\d[\\d,.]*\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b)"
            + "|\\b(?:a half|half a|a quarter|three-quarters of a) (?:percent|percentage point)\\b|\\bby (?:about |almost |nearly |"
            + "more than |over |some |roughly )?[$€£]?\\d");
    /**
     * A verb of going up or down. "rose" belongs here (a name elsewhere, but not beside a percentage); "below last
     * year's" does not: "The cooperative now expects this season's crop to be 15 to 20 percent below last year's"
     * compares, it tells no change of what went up.
     */
    private static final Pattern MOVED = Pattern.compile("(?i)\\b(?:ris(?:e|es|en|ing)|rose|climb\\w*|soar\\w*|surg\\w*|jump\\w*|"
            + "increas\\w*|grew|grow(?:s|n|ing)?|gain\\w*|rais\\w*|hik\\w*|fell|fall(?:s|en|ing)?|drop\\w*|declin\\w*|plung\\w*|"
            + "tumbl\\w*|slump\\w*|sank|sink\\w*|decreas\\w*|cut|cuts|lower\\w*|shrank|shrink\\w*|up|down)\\b");

    private AskedChange() {
    }

    /** Whether the question asks by how much something changed. */
    static boolean asked(String question) {
        return ASK.matcher(question).find();
    }

    /** Whether the sentence gives the size of a change: a share or an amount, beside a verb of going up or down. */
    static boolean givenIn(String sentence) {
        return SIZE.matcher(sentence).find() && MOVED.matcher(sentence).find();
    }

    /** The answer-type cue for a change question: a size with its verb most, a bare share or amount a little. */
    static double cue(String sentence) {
        if (!SIZE.matcher(sentence).find()) return 0;
        return MOVED.matcher(sentence).find() ? 0.25 : 0.08;
    }
}
