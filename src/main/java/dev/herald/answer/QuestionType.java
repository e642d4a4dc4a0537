package dev.herald.answer;

import dev.herald.text.Terms;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What kind of answer the question wants, read from its wh-word. */
enum QuestionType {
    COUNT, PERSON, ENTITY, TIME, PLACE, QUOTE, ADVICE, REASON, OTHER;

    /**
     * Numbers in words. Up to "twelve" only, "closed for fourteen months" held no number and "how long was it shut"
     * after the library could not be answered by it.
     */
    private static final String NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
            + "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
            + "|dozens?|hundreds?|thousands?|millions?|billions?";
    /** A number anywhere, in digits ("M23" too) or words ("two", "dozens"). */
    static final Pattern NUMBER = Pattern.compile(
            "\\d|\\b(" + NUMBER_WORDS + ")\\b",
            Pattern.CASE_INSENSITIVE);
    /** A count: a number standing alone ("17", "1,200", "8.5", "two"), not a digit inside a name such as "M23". */
    static final Pattern COUNT_NUMBER = Pattern.compile(
            "(?<![\\p{L}\\d])\\d[\\d,.]*(?!\\p{L})|\\b(" + NUMBER_WORDS + ")\\b",
            Pattern.CASE_INSENSITIVE);
    /** A day, month or year, or the minute of a match ("in the 23rd minute" says when a goal was scored). */
    static final Pattern DATE = Pattern.compile(
            "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow|\\d{4}|\\d{1,3}(?:st|nd|rd|th) minute)\\b",
            Pattern.CASE_INSENSITIVE);
    static final Pattern NAME = Pattern.compile("(?<!^)(?<![.!?]\\s)\\b[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*");

    /**
     * "What did she say?", "What did the coach say about the final?", "How did Kigali respond?", "What did they
     * discuss?": the answer is what someone said, so a quotation or a reported statement. Only with the verb ending
     * the question: in "What did Biden say was a legitimate concern?" the answer is a thing (2022 dev: 1 question
     * reads as this, 2025h2 none).
     */
    private static final Pattern QUOTE_ASK = Pattern.compile("(?s).*\\b(?:what|how)\\b[^?]{0,80}?\\b(?:say|tell|"
            + "respond|reply|react|think|discuss|talk)(?:\\s+(?:about|of|on|to)\\b[^?]{0,60})?\\s*\\??\\s*$");
    /** The verbs of a quote-seeking question, stemmed: what it asks for, not what it is about. */
    static final Set<String> SPEECH_STEMS = Set.of(Terms.stem("say"), Terms.stem("tell"), Terms.stem("respond"),
            Terms.stem("reply"), Terms.stem("react"), Terms.stem("think"), Terms.stem("discuss"), Terms.stem("talk"));
    private static final Pattern QUOTATION = Pattern.compile("[\"\u201c\u201d\u00ab\u00bb]");
    private static final Pattern REPORTED = Pattern.compile(
            "\\b(?:said|says|told|stated|added|wrote|argued|insisted|warned|according to)\\b", Pattern.CASE_INSENSITIVE);

    static final Set<String> ENTITY_NOUNS = Set.of("country", "countries", "city", "cities", "state", "states",
            "company", "companies", "team", "teams", "organization", "group", "nation", "brand", "firm", "agency",
            "network", "airline", "automaker", "university", "league", "party", "bank", "app", "show", "film",
            "movie", "book", "song", "band", "award");
    private static final Pattern ENTITY_ASK = Pattern.compile(
            "\\b(which|what) (" + String.join("|", ENTITY_NOUNS) + ")\\b");

    /**
     * "What is it called?", "What was the name of the storm?": the answer is a name, as for "which company". 2025h2
     * has 9 such open questions, 2022 dev 15: containment 27.2 -> 27.5 % on 2025 (the Beaver Moon), 2022
     * unchanged. "What is his age?" asks for a number (2022: Biden's 80, 41.0 -> 41.2 %).
     */
    private static final Pattern NAME_ASK = Pattern.compile("\\bwhat (?:is|was|are|were|will) (?:it|they|this|that|the [\\p{L}-]+(?: [\\p{L}-]+)?) (?:be )?(?:called|titled|named|known as)\\b|\\bwhat (?:is|was|are|were) (?:the|its|his|her|their) (?:nick)?names?\\b|\\bwhat (?:is|was) the title\\b");
    /**
     * The verbs of such a question that ask for the name: reports write them of other things ("Engineers called the
     * first hours 'textbook'"). Not "name": left out of "What is the name of the deadliest typhoon ...?" and two more
     * 2025h2 questions, the sentences answering them instead of an abstention named no typhoon.
     */
    static final Set<String> NAMING_STEMS = java.util.stream.Stream.of("called", "titled", "known")
            .map(Terms::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether the question asks what a thing is called ("whats the asteroid called", "what is its name"). */
    static boolean asksWhatItIsCalled(String question) {
        return NAME_ASK.matcher(asRead(question)).find();
    }

    /**
     * "What should kettle owners do?", "What are residents told to do?": the answer is what someone is advised to do.
     * The recall's lead covered "kettles" as well as "Owners are asked to stop using the device" covered "owners", and
     * the lead won on its bonus. (No benchmark question asks this; readers of a recall or a storm warning do.)
     */
    // ...and "should i keep using it?", "is it safe to use?", "do we need to do anything?": what the reader should do
    private static final Pattern ADVICE_ASK = Pattern.compile(
            "\\bwhat (?:should|must|can|could) [^?]{1,80}? do\\b|\\bwhat (?:are|is|were|was) [^?]{1,80}? "
                    + "(?:asked|advised|told|urged|encouraged|recommended|supposed) to do\\b"
                    + "|\\bshould (?:i|we)\\b|\\bis it safe to\\b|\\bdo (?:i|we) need to\\b"
                    // ("what do i do if i have one" after the kettle recall had got its dates and the criticism)
                    + "|\\bwhat (?:do|does|can) (?:i|we|you|owners|people|they) do\\b|\\bdo (?:i|we) have to\\b"
                    // ("can i keep using it if i just update the app" after the recall had got the recall's lead)
                    + "|\\bcan (?:i|we) (?:still|keep|continue)\\b");
    /** How reports give advice: "should", "are asked to", "advised", "urged", "recommends". */
    private static final Pattern ADVISES = Pattern.compile("\\b(?:should|must|(?:is|are|were|was|been|being) (?:asked|advised|"
            + "told|urged|encouraged|instructed|warned) to|advis(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|"
            + "need to|ought to)\\b", Pattern.CASE_INSENSITIVE);

    /** "Why did Ruto call a summit?", "What caused the delays?": the answer is a reason. */
    private static final Pattern WHY_ASK = Pattern.compile("\\bwhy\\b|\\bwhat (?:caused|causes|led to|prompted|was behind|is behind)\\b");
    /**
     * How reports give a reason: "because", "due to", "after" a cause, "meant to" / "aimed at" a purpose. "Why did
     * Ford recall nearly 700,000 SUVs?" got the recall notices' "nearly 700,000 Ford vehicles", now "due to a fuel leak
     * issue". "After" is often only a time ("after a rapid advance" joined "Why has Rwanda in effect declared war?"),
     * but it gave the shutdown's "after Congress [failed] to reach a deal"; "as" ("as a long drought ...") is too
     * common to count.
     */
    private static final Pattern REASONS = Pattern.compile("\\b(?:because|due to|owing to|as a result of|thanks to|"
            + "caused by|meant to|intended to|aim(?:s|ed)? (?:to|at)|in order to|so that|in response to|amid|after|"
            + "following|over concerns?|blamed|the reason|reasons?)\\b", Pattern.CASE_INSENSITIVE);

    /** "What's", "who's": a contracted "is", typed straight or curly. */
    private static final Pattern CONTRACTED_IS = Pattern.compile("\\b(what|who|where|when|how)['\u2019]s\\b");

    /**
     * The question lower-cased, with a contracted "is" written out: "What’s the name of the mission?" asks for a name
     * as "What is the name" does (it had got the postponement).
     */
    private static String asRead(String question) {
        return CONTRACTED_IS.matcher(question.toLowerCase(Locale.ROOT)).replaceAll("$1 is");
    }

    static QuestionType of(String question) {
        String q = asRead(question);
        if (q.matches("(?s).*\\bhow (many|much|long|old|far|big|large|tall|high|heavy|deep|wide|often)\\b.*") || q.contains("what percentage")
                || q.matches("(?s).*\\bwhat (is|was) (his|her|their|its) age\\b.*")
                || q.contains("what number") || AskedMeasure.attribute(q).isPresent()) return COUNT;
        if (q.matches("(?s).*\\bwho(m|se)?\\b.*")) return PERSON;
        if (QUOTE_ASK.matcher(q).matches()) return QUOTE;
        if (ADVICE_ASK.matcher(q).find()) return ADVICE;
        if (q.matches("(?s).*\\b(when|what year|what day|what date|what month|what time (?:did|was|were|is|will))\\b.*")) return TIME;
        if (WHY_ASK.matcher(q).find()) return REASON;
        if (q.matches("(?s).*\\bwhere\\b.*")) return PLACE;
        if (ENTITY_ASK.matcher(q).find()) return ENTITY;
        if (NAME_ASK.matcher(q).find()) return ENTITY;
        return OTHER;
    }

    /** Bonus for a sentence holding what the question asks for and does not itself say. */
    double cue(String sentence, Set<String> questionTokens) {
        return switch (this) {
            case COUNT -> hasNew(NUMBER, sentence, questionTokens) ? 0.25 : NUMBER.matcher(sentence).find() ? 0.08 : 0;
            case TIME -> hasNew(DATE, sentence, questionTokens) ? 0.2 : 0;
            case PERSON, ENTITY -> hasNew(NAME, sentence, questionTokens) ? 0.2 : 0;
            // (a name without a preposition still hints at a place, "an Atlanta courthouse": half the cue; with none,
            // 2022 dev lost 2 answers)
            case PLACE -> hasNewPlace(sentence, questionTokens) ? 0.2 : hasNew(NAME, sentence, questionTokens) ? 0.1 : 0;
            case QUOTE -> (QUOTATION.matcher(sentence).find() ? 0.3 : REPORTED.matcher(sentence).find() ? 0.15 : 0)
                    + (saidBy(sentence, questionTokens) ? 0.1 : 0);
            case ADVICE -> ADVISES.matcher(sentence).find() ? 0.25 : 0;
            case REASON -> REASONS.matcher(sentence).find() ? 0.2 : 0;
            case OTHER -> 0;
        };
    }

    /**
     * Whether a further sentence adds a fact of the kind asked for: a number, name or date not yet shown (for a
     * "what"/"why" question, a question word the sentences so far do not cover).
     */
    boolean addsFact(String sentence, Set<String> shown) {
        return switch (this) {
            case COUNT -> hasNew(COUNT_NUMBER, sentence, shown);
            case TIME -> hasNew(DATE, sentence, shown);
            case PERSON, ENTITY -> hasNew(NAME, sentence, shown);
            case PLACE -> hasNewPlace(sentence, shown);
            case QUOTE -> QUOTATION.matcher(sentence).find();
            case ADVICE -> ADVISES.matcher(sentence).find();
            case REASON -> REASONS.matcher(sentence).find();
            case OTHER -> true;
        };
    }

    private static final Pattern SAID_BY = Pattern.compile(
            "(?i)\\b(she|he|they) (?:said|says|told|added|warned)\\b|\\b(?:said|says) (she|he|they)\\b");

    /** "What did she say?" and "... she said": the speaker is the one asked about (he, she, they). */
    private static boolean saidBy(String sentence, Set<String> questionTokens) {
        Matcher m = SAID_BY.matcher(sentence);
        while (m.find()) {
            String who = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            if (questionTokens.contains(who)) return true;
        }
        return false;
    }

    /** Whether the sentence quotes someone's words (quotation marks). */
    static boolean isQuotation(String sentence) {
        return QUOTATION.matcher(sentence).find();
    }

    /** Whether what this type asks for is rare enough in news sentences to say a sentence answers (a date, a count). */
    boolean hasOwnCue() {
        return this == COUNT || this == TIME || this == QUOTE || this == ADVICE;
    }

    /** Whether the sentence holds something of the asked type the question does not say (never for OTHER). */
    boolean hasAsked(String sentence, Set<String> questionTokens) {
        return switch (this) {
            case COUNT -> hasNew(COUNT_NUMBER, sentence, questionTokens);
            case TIME -> hasNew(DATE, sentence, questionTokens);
            case PERSON, ENTITY -> hasNew(NAME, sentence, questionTokens);
            case PLACE -> hasNewPlace(sentence, questionTokens);
            case QUOTE -> QUOTATION.matcher(sentence).find() || REPORTED.matcher(sentence).find();
            case ADVICE -> ADVISES.matcher(sentence).find();
            case REASON -> REASONS.matcher(sentence).find();
            case OTHER -> false;
        };
    }

    /**
     * A place: a name after a preposition of place ("in Coeur d'Alene, Idaho", "at Radio City Music Hall", "in
     * suburban Atlanta"). Any new name counted as the answer to "where" before, so a further sentence joined an answer
     * for naming a goalkeeper. 2022 dev containment 41.6 -> 41.8 % (half A unchanged, B +0.4), mean words 39.2 -> 38.8;
     * 2025h2 containment unchanged, words 38.2 -> 37.8, first 30 words 23.8 -> 23.5 % (one answer: "her upcoming show
     * in Atlanta" now outranks "Beyonce's Atlanta tour stop"). Abstaining when no sentence names a place this way
     * lost "parts of Los Angeles" for the Palisades Fire: not done.
     */
    private static final Pattern PLACED = Pattern.compile("\\b(?:in|at|from|near|outside|across|off|into)"
            + "\\s+(?:the\\s+)?(?:\\p{Ll}+\\s+){0,2}?(\\p{Lu}[\\p{L}'\u2019-]*(?:\\s+\\p{Lu}[\\p{L}'\u2019-]*)*)");

    /** Whether the sentence names a place, after a preposition of place, that is not among the given tokens. */
    static boolean hasNewPlace(String sentence, Set<String> tokens) {
        Matcher m = PLACED.matcher(sentence);
        while (m.find()) {
            for (String t : Terms.tokens(m.group(1))) {
                if (Subject.isCalendarWord(t) || CALENDAR_EXTRA.contains(t)) continue;
                if (!tokens.contains(t)) return true;
            }
        }
        return false;
    }

    /** Capitalised words after "in"/"at" that name no place besides the weekdays and months ("in May"). */
    private static final Set<String> CALENDAR_EXTRA = Set.of("may");

    /** Whether the pattern matches a word in the sentence that is not among the given tokens (a calendar word is no name). */
    static boolean hasNew(Pattern p, String sentence, Set<String> questionTokens) {
        Matcher m = p.matcher(sentence);
        while (m.find()) {
            for (String t : Terms.tokens(m.group())) {
                // "Wednesday" is capitalised, but names no one: "Who is the project scientist?" took the launch
                // sentence ("... lifted off before dawn on Wednesday") over the one naming her
                if (p == NAME && Subject.isCalendarWord(t)) continue;
                if (!questionTokens.contains(t)) return true;
            }
        }
        return false;
    }
}
