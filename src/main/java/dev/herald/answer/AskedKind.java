package dev.herald.answer;

import dev.herald.text.Terms;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thing a "which/what X" question names as its answer's kind, when a sentence can show it: a country (one of
 * the ISO countries, by the JDK's English names, that the question does not name itself; "No foreign country has
 * recognised the Taliban" holds no answer, "Russia, Pakistan and China had signalled a readiness" does), a US state
 * for "which state", or a name carrying the asked noun ("the University of Pennsylvania" for "which university").
 *
 * @param places the names an answer of this kind is one of (countries, states), or null when any name may be
 */
record AskedKind(String noun, Pattern places) {
    /**
     * "which country", also after up to two capitalised words, which name a domain and leave the kind as it is
     * ("which US university", "which NFL team"). A lower-case word may change it: with "which major company"
     * allowed, 2022's UPS-strike question got a sentence naming Kyiv; capitalised only: 2025 +2, 2022 unchanged.
     */
    private static final Pattern ASK = Pattern.compile("\\b(?:[Ww]hich|[Ww]hat|WHICH|WHAT) (?:\\p{Lu}[\\p{L}.-]* ){0,2}?(?i:("
            + String.join("|", QuestionType.ENTITY_NOUNS) + "))\\b");
    /**
     * Every ISO country's English name in one alternation, longest first ("Equatorial Guinea" before "Guinea"): one
     * scan of a sentence, where a pattern per country made about 250 scans of every candidate sentence.
     */
    private static final Pattern COUNTRIES = Pattern.compile("\\b(?:" + java.util.Arrays.stream(Locale.getISOCountries())
            .map(c -> new Locale("", c).getDisplayCountry(Locale.ENGLISH))
            .filter(n -> !n.isBlank() && n.chars().allMatch(ch -> Character.isLetter(ch) || ch == ' '))
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining("|")) + ")\\b");
    /**
     * The fifty US states, for "which state": the reports here are mostly American, and there "which state" means
     * one of these. Without them the cue took any new name ("Confirmed cases ... according to the Centers for Disease
     * Control" over "California has the most cases: 4,300" for "Which state has the most confirmed cases of
     * monkeypox?"). A fixed list of facts, not tuned: 12 of 2022 dev's and 10 of 2025h2's questions ask it. 2022
     * containment unchanged (6 answers changed, the Kansas and California sentences now first), 2025h2 27.9 -> 28.2 %
     * (half A unchanged, B +0.6: the Kirk memorial's Arizona).
     */
    private static final Pattern US_STATES = Pattern.compile("\\b(?:" + String.join("|", List.of("Alabama", "Alaska",
            "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii",
            "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
            "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
            "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
            "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
            "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming")) + ")\\b");
    /** "University" followed by "of Pennsylvania": the name goes on after "of". */
    private static final Pattern OF_NAME = Pattern.compile(" of (?:the )?[A-Z]");
    static final AskedKind NONE = new AskedKind("", null);

    static AskedKind of(String question) {
        Matcher m = ASK.matcher(question);
        if (!m.find()) return NONE;
        String noun = m.group(1).toLowerCase(Locale.ROOT);
        if (noun.equals("country") || noun.equals("countries") || noun.equals("nation")) return new AskedKind(noun, COUNTRIES);
        if (noun.equals("state") || noun.equals("states")) return new AskedKind(noun, US_STATES);
        return noun.endsWith("s") ? NONE : new AskedKind(noun, null);
    }

    boolean isEmpty() {
        return noun.isEmpty();
    }

    /** Bonus for a sentence showing an answer of the asked kind the question does not give itself. */
    double cue(String sentence, Set<String> questionTokens) {
        if (places != null) return QuestionType.hasNew(places, sentence, questionTokens) ? 0.2 : 0;
        Matcher m = QuestionType.NAME.matcher(sentence);
        while (m.find()) {
            List<String> tokens = Terms.tokens(m.group());
            boolean namedKind = tokens.contains(noun)
                    && (tokens.size() > 1 || OF_NAME.matcher(sentence).region(m.end(), sentence.length()).lookingAt());
            if (namedKind) return 0.3;
        }
        return QuestionType.hasNew(QuestionType.NAME, sentence, questionTokens) ? 0.2 : 0; // as an ENTITY question's cue
    }
}

