package dev.herald.answer;

import dev.herald.retrieval.TimeExpressions;
import dev.herald.text.Terms;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question is about: its distinctive terms (stems), each weighted by how rare it is. A sentence is worth
 * quoting only when it, or its article, is about this subject; a sentence that merely has the kind of thing asked for
 * (a number for "how many") is not.
 *
 * <p>Distinctive: a name (a capitalised word inside a sentence, or a word with a digit: "Goma", "M23", "2022") or one
 * of the question's rarest words (IDF at least {@link #RARE_SHARE} of its rarest word's). Generic words ("people",
 * "country", "said") are left out whatever their case, because news of every kind has them.
 *
 * <p>A follow-up ("and how many were injured?") has a second subject carried from the earlier turn; both must be met,
 * so the kettle recall's "No serious injuries" does not answer a question about Goma.
 */
public final class Subject {

    // A word at least this rare relative to the question's rarest word is part of the subject. Measured on the
    // RealTime QA 2022 dev questions (see ExtractiveAnswerer).
    static final double RARE_SHARE = 0.7;
    private static final Pattern RAW_WORD = Pattern.compile("\\S+");
    /** Month and weekday names are capitalised but say when, not what. */
    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "june", "july",
            "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");
    /** Whether the word names a month or a weekday ("may" aside, which is mostly the verb). */
    static boolean isCalendarWord(String word) {
        return CALENDAR.contains(word);
    }

    /**
     * Capitalised words between "which" and the kind asked for ("which UK supermarket", "which British pop star",
     * "which NFL team"): they describe the answer, not the story, and a report need not write them. Beside the
     * question's other names they are not names of its subject: "Which UK supermarket launched its Christmas
     * campaign in the middle of July?" had "UK" and "Christmas" for a subject, and quoted Rishi Sunak's leadership
     * campaign; now "Christmas" alone, and it abstains (the archive has no such advert). 2022 dev: that 1 of 522
     * answers changed; 2025h2 none.
     */
    private static final Pattern ANSWER_QUALIFIER = Pattern.compile(
            "\\b(?:[Ww]hich|[Ww]hat|WHICH|WHAT) ((?:\\p{Lu}[\\p{L}.'\u2019-]* ){1,2})(?=\\p{Ll})");

    /** Words that ask rather than name, even when capitalised at the start of a clause. */
    private static final Set<String> ASKING = Set.of("who", "whom", "whose", "what", "which", "when", "where", "why",
            "how", "many", "much", "name", "named", "called", "happened", "happen", "did", "does", "according",
            "reported", "report", "reports", "news", "latest", "week", "year", "years", "day", "days", "now",
            // what a quote-seeking question asks for ("What did the coach say?"); reports write "said", a stop word
            "say", "tell", "told",
            // "what's the weather like in lindenport": "like" (in one of the nine sample articles, "weather" in none)
            // was its subject, and the Halcyon scientist's "Small bodies like this are time capsules" its answer
            "like");

    /**
     * Whom a count counts ("how many people"): in a large archive their IDF keeps them out, but over the nine sample
     * articles "people" (in 2 of 9) was as rare as "kettle", and the Goma death toll became about the kettle recall.
     */
    private static final Set<String> PEOPLE = Set.of("people", "person", "persons");
    /** A question asking for a sum: "how much ...", "what is the price / cost / value of ...". */
    private static final Pattern AMOUNT_ASK = Pattern.compile(
            "(?i)\\bhow much\\b|\\bwhat(?:['\u2019]s| is| was| are| were) the (?:[\\p{L}-]+ ){0,2}?(?:price|cost|value)\\b");
    /** The words of such a question that say a sum is asked for. */
    private static final Set<String> AMOUNT_WORDS = Set.of("cost", "costs", "costing", "price", "prices", "priced", "worth",
            "value", "pay", "paid", "pays", "spend", "spent", "charge", "charged");

    /** A token no text contains (it has a control character): its IDF is that of a word absent from the archive. */
    static final String ABSENT_PROBE = "\u0000absent";

    /**
     * The weight at which a word of this text is in no article: the IDF of a word no text has, or infinity when every
     * word of the text weighs that much or more (as with a fixed weight for every word), since then nothing can be
     * told absent.
     */
    static double absentWeight(String text, ToDoubleFunction<String> idf) {
        double probe = idf.applyAsDouble(ABSENT_PROBE);
        for (String w : Terms.tokens(text)) if (idf.applyAsDouble(w) < probe) return probe;
        return Double.POSITIVE_INFINITY;
    }
    private final Map<String, Double> own;
    private final Map<String, Double> carried;
    private final boolean ownNames;
    private final boolean namesMissing;

    private Subject(Map<String, Double> own, Map<String, Double> carried, boolean ownNames, boolean namesMissing) {
        this.own = own;
        this.carried = carried;
        this.ownNames = ownNames;
        this.namesMissing = namesMissing;
    }

    /**
     * Whether the question names something no stored article mentions ("the Harbour Cup final" over an archive
     * with only the Stanley Cup Final): then no article covers it, however much of the rest it shares.
     */
    public boolean namesSomethingUnreported() {
        return namesMissing;
    }

    /**
     * @param question the question as asked
     * @param earlier  the earlier turn's search text when this is a follow-up, else null
     * @param idf      inverse document frequency of a lower-case word
     */
    public static Subject of(String question, String earlier, ToDoubleFunction<String> idf) {
        Set<String> names = new java.util.HashSet<>();
        Set<String> missing = new java.util.HashSet<>();
        Map<String, Double> own = distinctive(question, idf, names, missing);
        Map<String, Double> carried = earlier == null ? Map.of() : distinctive(earlier, idf, new java.util.HashSet<>());
        // the follow-up's own words are its own subject, not the carried one
        Map<String, Double> rest = new LinkedHashMap<>(carried);
        rest.keySet().removeAll(own.keySet());
        return new Subject(own, rest, !names.isEmpty(), !missing.isEmpty());
    }

    static Map<String, Double> distinctive(String text, ToDoubleFunction<String> idf) {
        return distinctive(text, idf, new java.util.HashSet<>());
    }

    private static Map<String, Double> distinctive(String text, ToDoubleFunction<String> idf, Set<String> names) {
        return distinctive(text, idf, names, new java.util.HashSet<>());
    }

    private static Map<String, Double> distinctive(String text, ToDoubleFunction<String> idf, Set<String> names,
                                                   Set<String> missing) {
        // A word no article has scores the highest IDF. A name nobody reported is the subject, and not finding it is
        // the point ("the mayor of Lindenport" over an archive without Lindenport); any other such word is only the
        // question's wording ("rising" where articles say "rose") and must not outweigh the names.
        double absent = absentWeight(text, idf);
        boolean asksAmount = AMOUNT_ASK.matcher(text).find();
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, Boolean> named = new LinkedHashMap<>();
        Map<String, Boolean> initial = new LinkedHashMap<>();
        Matcher qualifier = ANSWER_QUALIFIER.matcher(text);
        int qualifierFrom = -1, qualifierTo = -1;
        if (qualifier.find()) {
            qualifierFrom = qualifier.start(1);
            qualifierTo = qualifier.end(1);
        }
        Set<String> qualifiers = new java.util.HashSet<>();
        Matcher m = RAW_WORD.matcher(text);
        boolean sentenceStart = true;
        boolean afterHow = false;
        while (m.find()) {
            String raw = m.group().replaceFirst("^[^\\p{L}\\p{N}]+", "");
            boolean startsHere = sentenceStart;
            sentenceStart = m.group().matches(".*[.?!:]['\"’”)]*$");
            // "long" in "how long is it?" asks, as "many" does: as a subject word it made the coffee report's "a long
            // drought" half the subject of "and the tram, how long is it?"
            boolean asks = afterHow;
            afterHow = raw.equalsIgnoreCase("how");
            if (raw.isEmpty() || asks) continue;
            boolean capital = Character.isUpperCase(raw.charAt(0));
            for (String w : Terms.tokens(raw)) {
                if (Terms.STOP_WORDS.contains(w) || ASKING.contains(w) || TimeExpressions.isTimeWord(w)
                        || CALENDAR.contains(w) || Terms.isLightWord(w)) continue;
                // "M23", "2022", "1,000" name a thing; a lone "0" or "5" (a list number, a typo) does not
                long digits = raw.chars().filter(Character::isDigit).count();
                boolean numbered = digits > 0 && (digits >= 3 || raw.chars().anyMatch(Character::isLetter));
                boolean name = numbered || (!startsHere && capital);
                String stem = Terms.stem(w);
                if (m.start() >= qualifierFrom && m.start() < qualifierTo) qualifiers.add(stem);
                double weight = idf.applyAsDouble(w);
                if (!name && weight >= absent) continue;
                // "died" in "How many people died in the kettle fires?" says what is counted: as part of the subject
                // it made the Goma death toll "about" the kettle recall
                if (!name && (Terms.isCasualtyWord(w) || PEOPLE.contains(w))) continue;
                // ...and "cost" in "How much did the tram line cost?" says what is asked: as the subject (the rarest
                // word among nine sample articles) it made the library's repair bill about the tram
                if (!name && asksAmount && AMOUNT_WORDS.contains(w)) continue;
                if (name && weight >= absent && asking(text, m.start())) missing.add(stem);
                weights.merge(stem, Math.max(0.1, weight), Math::max);
                named.merge(stem, name, Boolean::logicalOr);
                initial.merge(stem, startsHere && capital, Boolean::logicalOr);
            }
        }
        // A capitalised first word is a name when it is rarer than most of the question's words ("Afghanistan was
        // rocked…"), not when it is an ordinary word that happens to open the sentence ("Convicted", "Around").
        double[] sorted = weights.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        weights.forEach((t, w) -> {
            if (initial.get(t) && w > median) named.put(t, true);
        });
        // (unless they are its only names: "Which WNBA team won its first title?" without "WNBA" is about titles,
        // and got a Wimbledon doubles title)
        if (named.entrySet().stream().anyMatch(e -> e.getValue() && !qualifiers.contains(e.getKey()))) {
            qualifiers.forEach(t -> named.computeIfPresent(t, (k, v) -> false));
            missing.removeAll(qualifiers);
        }
        // The names when there are any: a report paraphrases a question's rare words ("refreshed" for "redesigned")
        // but keeps its names. Without names, the rarest words.
        Map<String, Double> out = new LinkedHashMap<>();
        weights.forEach((t, w) -> {
            if (named.get(t)) out.put(t, w);
        });
        names.addAll(out.keySet());
        if (!out.isEmpty()) return out;
        double rarest = weights.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        weights.forEach((t, w) -> {
            if (w >= RARE_SHARE * rarest) out.put(t, w);
        });
        return out;
    }

    /**
     * Whether the word at this offset is in a sentence that asks: one ending in a question mark, or any when none
     * does. A name no article has counts as the question's only there: "Hi, my son gave me one of those app kettles
     * for Christmas, BrewSense or something like that. Is it dangerous??" is about BrewSense kettles, and was not
     * answered for want of Christmas in the archive.
     */
    private static boolean asking(String text, int offset) {
        if (text.indexOf('?') < 0) return true;
        int end = offset;
        while (end < text.length() && ".!?".indexOf(text.charAt(end)) < 0) end++;
        return end < text.length() && text.charAt(end) == '?';
    }

    /** Whether the question's own subject is made of names (else of its rarest words). */
    public boolean hasNames() {
        return ownNames;
    }

    public boolean isEmpty() {
        return own.isEmpty() && carried.isEmpty();
    }

    /** The distinctive terms, the question's own and the carried ones. */
    public Set<String> terms() {
        Map<String, Double> all = new LinkedHashMap<>(own);
        all.putAll(carried);
        return all.keySet();
    }

    /**
     * 0..1: how much of the subject these stems cover. A follow-up is judged on the carried subject ("who leads
     * them?" on the earlier turn's names), and when it names something itself ("what about Rwanda?") on the lower of
     * that and its own subject: the story stays the one being discussed.
     */
    public double coverage(Collection<String> stems) {
        if (carried.isEmpty()) return share(own, stems);
        double c = share(carried, stems);
        return ownNames ? Math.min(c, share(own, stems)) : c;
    }

    /** Whether the stems hold at least one distinctive term. */
    public boolean touches(Collection<String> stems) {
        for (String s : stems) if (own.containsKey(s) || carried.containsKey(s)) return true;
        return false;
    }

    /** Whether the stems hold every one of the question's own distinctive terms (true when it has none). */
    public boolean coversOwn(Collection<String> stems) {
        for (String term : own.keySet()) if (!meets(term, stems)) return false;
        return true;
    }

    /** As {@link #touches}, also by a derived form ("Kenyan" for "Kenya", as in {@link #coverage}). */
    public boolean touchesOrDerived(Collection<String> stems) {
        for (String term : own.keySet()) if (meets(term, stems)) return true;
        return touchesCarried(stems);
    }

    /**
     * Whether the stems hold a term carried from the earlier turn (false when this is not a follow-up), by stem or
     * derived form as in {@link #coverage}.
     */
    public boolean touchesCarried(Collection<String> stems) {
        for (String term : carried.keySet()) if (meets(term, stems)) return true;
        return false;
    }

    private static double share(Map<String, Double> terms, Collection<String> stems) {
        double total = 0, found = 0;
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            total += e.getValue();
            if (meets(e.getKey(), stems)) found += e.getValue();
        }
        return total == 0 ? 1 : found / total;
    }

    /** Whether the stems hold the term or one of its derived forms ({@link #sharesPrefix}). */
    static boolean meets(String term, Collection<String> stems) {
        return stems.contains(term) || sharesPrefix(term, stems);
    }

    /**
     * A name also meets its derived forms: "Japan" the "Japanese" island, "Israel" the "Israeli" coast (the shorter
     * one, at least 4 letters, starts the longer one).
     */
    private static boolean sharesPrefix(String term, Collection<String> stems) {
        if (term.length() < 4 || !Character.isLetter(term.charAt(0))) return false;
        for (String s : stems) {
            if (s.length() < 4 || s.charAt(0) != term.charAt(0)) continue;
            if (s.length() > term.length() ? s.startsWith(term) : term.startsWith(s)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Subject" + own.keySet() + (carried.isEmpty() ? "" : " carried " + carried.keySet());
    }
}
