package dev.herald.answer;

import dev.herald.retrieval.TimeExpressions;
import dev.herald.text.QuestionText;
import dev.herald.text.Sentences;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a question asks, read once before any sentence is scored: its weighted terms, the kind of answer it wants,
 * what it counts or measures, and what it is about ({@link Subject}).
 *
 * @param text          the question as asked
 * @param weights       content stems to IDF weight (the asking sentence of a quiz-style question counts most; for a
 *                      follow-up, the earlier question's terms at half weight), in the question's order
 * @param total         the sum of the weights
 * @param type          the kind of answer its wh-word asks for
 * @param ownTerms      a follow-up's own stems ("leads" in "who leads them?"); empty for a first question
 * @param casualtyTerms the stems among the weights that count casualties ("killed", "injured")
 * @param counted       the stems of what "how many X" counts
 * @param asksForMoney  "how much did it cost / pay / raise": the answer is a sum of money
 * @param measure       the measure "how long / tall / heavy" asks for
 * @param casualtyCount a count of casualties ("how many were injured?")
 * @param kind          the thing "which X" names as its answer's kind
 * @param speaker       for a quote question naming someone, that name speaking ("Rwanda says"); else null
 * @param tokens        the lower-case tokens of the question and of the earlier questions
 * @param role          for "who is the X?", the role asked about
 * @param subject       what the question is about
 * @param followUp      whether there are earlier questions in the thread
 */
record AskedQuestion(String text, Map<String, Double> weights, double total, QuestionType type, Set<String> ownTerms,
                     Set<String> casualtyTerms, Set<String> counted, boolean asksForMoney,
                     Optional<AskedMeasure> measure, boolean casualtyCount, AskedKind kind, Pattern speaker,
                     Set<String> tokens, Optional<AskedRole.Role> role, Subject subject, boolean followUp) {

    /** A question asking whether: its last sentence opens with an auxiliary verb ("Did", "Is", "Were", "Can't"). */
    private static final Pattern YES_NO = Pattern.compile("(?i)^(?:(?:and|so|but|then|ok|okay)[,\\s]+)?(?:is|are|was|were|"
            + "am|does|do|did|will|would|can|could|has|have|had|should|shall|may|might|must)(?:n['\u2019]?t)?\\b");

    /**
     * "Did Eastfield Athletic lose?", "Is Goma the capital of Congo?": the question asks whether, and the one sentence
     * that says so answers it. The red-team pass over the samples found 7 of 9 such answers padded with the story's
     * lead or a second fact ("Are tram rides free?" got the free weekend and the shopkeepers' free advertising).
     */
    /** Whether one sentence answers it: a question asking whether, or what a named thing is. */
    boolean oneSentenceAnswers() {
        return asksWhether(text) || asksWhatANameIs(text);
    }

    /** "What is M23?", "Who is Marco Rubio?", "What's the EAC?": the question is only a name to explain. */
    private static final Pattern WHAT_IS_NAME = Pattern.compile("^(?:what|who)(?:['\u2019]s| is| are| was| were) (?:the |an? )?"
            + "((?:[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019.&-]*)(?: [\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019.&-]*){0,3})\\s*\\?*$",
            Pattern.CASE_INSENSITIVE);

    /**
     * Whether the question asks what or who a named thing is: one sentence saying so answers it ("The M23 rebel group
     * says it has taken control of Goma ..." had come with two more Goma sentences, "Who is Marco Rubio?" with the
     * statement he issued).
     */
    static boolean asksWhatANameIs(String question) {
        Matcher m = WHAT_IS_NAME.matcher(question.strip());
        // (the phrase must start with the name: "What is the population of Goma?" asks for a number)
        return m.matches() && (Character.isUpperCase(m.group(1).charAt(0)) || Character.isDigit(m.group(1).charAt(0)));
    }

    static boolean asksWhether(String question) {
        String[] sentences = question.strip().split("(?<=[.!?])\\s+");
        return YES_NO.matcher(sentences[sentences.length - 1]).find();
    }

    // (and "how much were the tickets?", "how much is a ticket": how much a thing is, with nothing after it, is its
    // price; the match report, which gives no prices, had answered with its lead)
    private static final Pattern MONEY_ASK = Pattern.compile("(?i)\\bhow much\\b.*\\b(cost|costs|pay|paid|price|priced|"
            + "worth|spend|spent|raise|raised|charge|fine|sell|sold|earn|earned|money|salary|budget|deal)\\b"
            + "|\\bhow much (?:is|are|was|were|will be) (?:an? |the |one |each )?(?:[\\p{L}-]+ ){0,2}?[\\p{L}-]+\\s*[?!.]*\\s*$");

    /** "is there wifi in the library?", "do they have parking?": a question whether there is a thing. */
    private static final Pattern THERE_IS = Pattern.compile("(?i)\\b(?:is|are|was|were|will) there (?:an? |any |some )?"
            + "((?:[\\p{L}-]+ ){0,2}?[\\p{L}-]+)(?=\\s+(?:in|at|on|for|near|inside|during|about|to|of)\\b|\\s*[?!.,]|\\s*$)"
            + "|\\b(?:does|do|did|will) (?:it|they|the [\\p{L}-]+) (?:have|offer|include|get) (?:an? |any |some )?"
            + "((?:[\\p{L}-]+ ){0,2}?[\\p{L}-]+)(?=\\s+(?:in|at|on|for|near|inside|during|to|of)\\b|\\s*[?!.,]|\\s*$)");

    /**
     * Whether the question asks if there is a thing no stored article mentions: "is there wifi in the library?" over
     * archives without "wifi" got the library's "New library cards" sentence. A thing is unmentioned when none of
     * its words is in the archive (an IDF as high as a word no text has).
     */
    static boolean asksAfterUnreported(String question, ToDoubleFunction<String> idf) {
        return asksWhetherThereIsUnreported(question, idf) || asksTheUnreported(question, idf);
    }

    /**
     * "what's the weather like in lindenport", "whats the phone number for the recall": what is asked for is a thing
     * of which the archive has no word (its last word, in no form). The nine sample articles have no
     * "weather" and no "number": the first quoted the tram's opening, the second the recall's lead. Not a word that
     * asks about the story itself ("what's the situation in goma", "the latest", "the name of the lander").
     */
    private static boolean asksTheUnreported(String question, ToDoubleFunction<String> idf) {
        Matcher m = WHAT_THE.matcher(question);
        // (...or the price of one: "how much does a normal ticket cost now?" after the tram got its construction
        // bill; the report says only that fares are unchanged)
        if (!m.find()) {
            m = PRICE_OF.matcher(question);
            if (!m.find()) return false;
        }
        // (an attribute given as a number has rules of its own, and reports write it as they like: "Halcyon weighs
        // about 1.2 tonnes" for "What is the weight of the Halcyon probe?")
        if (AskedMeasure.attribute(question).isPresent()) return false;
        String thing = m.group(2).toLowerCase(Locale.ROOT);
        if (STORY_WORDS.contains(thing) || Terms.STOP_WORDS.contains(thing)) return false;
        // (nor a count of casualties, which reports give in their own words: "what's the death toll in goma" is
        // answered by "At least 17 people have been killed")
        if (m.group(1) != null && Terms.isCasualtyWord(m.group(1).toLowerCase(Locale.ROOT))) return false;
        double absent = Subject.absentWeight(question, idf);
        // (in no form: the IDF is the word's as written, and "what was the score?" is told by "scored")
        String base = thing.endsWith("s") ? thing.substring(0, thing.length() - 1) : thing;
        return Stream.of(thing, base, base + "s", base + "es", base + "d", base + "ed", base + "ing")
                .allMatch(w -> idf.applyAsDouble(w) >= absent);
    }

    /** "what's the (X) Y of / for / in / like ...": the last word of what is asked for in group 2, a word before it in 1. */
    private static final Pattern WHAT_THE = Pattern.compile("(?i)\\bwhat(?:['\u2019]s| is| are| was| were| will be) the "
            + "(?:([\\p{L}-]+) )??([\\p{L}-]+)(?=\\s+(?:of|for|in|at|on|like|going|gonna|with|from|to)\\b|\\s*[?!.]*\\s*$)");

    /** "how much does a (X) Y cost", "how much is the Y": the thing priced, as in {@link #WHAT_THE}. */
    private static final Pattern PRICE_OF = Pattern.compile("(?i)\\bhow much (?:does|do|did|is|are|was|were|will) (?:an? |the |one )?"
            + "(?:([\\p{L}-]+) )??([\\p{L}-]+)(?=\\s+(?:cost|costs|be)\\b|\\s*[?!.]*\\s*$)");

    /** Words for the story itself, or for what is asked about it, not for a thing in it. */
    private static final Set<String> STORY_WORDS = Set.of("story", "stories", "situation", "deal", "news", "latest",
            "update", "updates", "status", "state", "background", "context", "gist", "point", "problem", "issue",
            "matter", "fuss", "name", "names", "reason", "cause", "difference", "outcome", "result", "response",
            "reaction", "plan", "view", "position", "truth", "fact", "facts", "answer", "time", "date", "day");

    private static boolean asksWhetherThereIsUnreported(String question, ToDoubleFunction<String> idf) {
        // (the pattern first: most questions ask no such thing, and need no IDF lookups)
        Matcher m = THERE_IS.matcher(question);
        if (!m.find()) return false;
        double absent = Subject.absentWeight(question, idf);
        List<String> words = Terms.contentWords(m.group(1) != null ? m.group(1) : m.group(2));
        // (only a thing asked after: a question whether something happened may use a verb the reports do not, "Did
        // Eastfield Athletic lose?" where they say "beating Eastfield")
        return !words.isEmpty() && words.stream().allMatch(w -> idf.applyAsDouble(w) >= absent);
    }

    /** Reads the question of the request, with its earlier turns. */
    static AskedQuestion of(AnswerRequest request, ToDoubleFunction<String> idf) {
        String question = request.question();
        List<String> earlier = request.earlierQuestions();
        String previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
        Map<String, Double> weights = questionWeights(question, idf);
        QuestionType type = QuestionType.of(question);
        // "say" in "What did she say?" asks for a quote; reports write "she said", which is no content word
        if (type == QuestionType.QUOTE) weights.keySet().removeAll(QuestionType.SPEECH_STEMS);
        // ...and "called" in "whats the asteroid called" asks for a name: weighed, the Halcyon report's "Engineers
        // called the first hours 'textbook'" answered it
        if (QuestionType.asksWhatItIsCalled(question)) weights.keySet().removeAll(QuestionType.NAMING_STEMS);
        // A follow-up's own words ("leads" in "who leads them?"): the earlier question only says what it is about
        Set<String> ownTerms = previous == null ? Set.of() : Set.copyOf(weights.keySet());
        if (previous != null) termWeights(previous, 0.5, idf).forEach((t, w) -> weights.merge(t, w, Math::max));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Set<String> casualtyTerms = new HashSet<>();
        for (String t : weights.keySet()) if (Terms.isCasualtyWord(t)) casualtyTerms.add(t);
        Set<String> counted = type == QuestionType.COUNT ? countedThings(question) : Set.of();
        // ("by how much will shops raise prices?" asks a size of change, which a share gives as well as a sum)
        boolean asksForMoney = type == QuestionType.COUNT && !AskedChange.asked(question)
                && (MONEY_ASK.matcher(question).find() || AskedMeasure.asksForMoney(question));
        Optional<AskedMeasure> measure = type == QuestionType.COUNT ? AskedMeasure.of(question) : Optional.empty();
        boolean casualtyCount = type == QuestionType.COUNT && !asksForMoney
                && counted.stream().anyMatch(casualtyTerms::contains);
        // "What does Rwanda say?": a sentence where Rwanda is the one speaking ("while Rwanda says Congo harbours
        // militias"), not one where Congo's minister says something about Rwanda
        Pattern speaker = type == QuestionType.QUOTE ? speakerPattern(question) : null;
        Set<String> tokens = new HashSet<>(Terms.tokens(question));
        for (String e : earlier) tokens.addAll(Terms.tokens(e));
        // "Who is the coffee minister?" asks for a minister and is about coffee: an article must name a minister (or it
        // cannot say who), and cover the coffee (Congo's foreign minister is no answer)
        Optional<AskedRole.Role> role = AskedRole.of(question);
        Subject subject = Subject.of(role.map(AskedRole.Role::about).orElse(QuestionText.withoutRequest(question)),
                previous, idf);
        return new AskedQuestion(question, Collections.unmodifiableMap(weights), total, type, ownTerms,
                Set.copyOf(casualtyTerms), counted, asksForMoney, measure, casualtyCount, AskedKind.of(question), speaker,
                Set.copyOf(tokens), role, subject, previous != null);
    }

    /** The stem of the adjective a measure question asks with ("long"), or null. */
    String measured() {
        return measure.map(AskedMeasure::term).orElse(null);
    }

    /** A first question whose subject has no names: its rarest words are its subject, and reports paraphrase them. */
    boolean rareWordsOnly() {
        return !subject.hasNames() && !followUp;
    }

    /** Whether it asks by how much something went up or down ("by how much?"): a share or an amount answers it. */
    boolean asksChange() {
        return type == QuestionType.COUNT && AskedChange.asked(text);
    }

    /**
     * A follow-up with no words of its own that asks for a kind of answer: "by how much?" after "coffee prices
     * climbed", "what should I do if I have one?" after the kettle recall, "when was that?".
     */
    boolean asksOnlyItsKind() {
        return followUp && ownTerms.isEmpty() && type.hasOwnCue();
    }

    /** A follow-up asking only what was said ("what did she say?"): no words of its own, a quote for an answer. */
    boolean quoteOnly() {
        return type == QuestionType.QUOTE && followUp && ownTerms.isEmpty();
    }

    /** Term weights of a question; in "Context sentence. Which X did Y?" the asking sentence weighs 1.5 times more. */
    private static Map<String, Double> questionWeights(String question, ToDoubleFunction<String> idf) {
        List<Sentences.Span> parts = Sentences.split(question);
        if (parts.size() < 2) return termWeights(question, 1.0, idf);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            double scale = i == parts.size() - 1 ? 1.5 : 1.0;
            termWeights(parts.get(i).text(), scale, idf).forEach((t, w) -> out.merge(t, w, Math::max));
        }
        return out;
    }

    private static final Pattern WHAT_LIKE = Pattern.compile("(?i)\\bwhat(?:['\u2019]?s| is| are| was| were| will)\\b.*\\blike\\b");

    private static Map<String, Double> termWeights(String question, double scale, ToDoubleFunction<String> idf) {
        Map<String, Double> out = new LinkedHashMap<>();
        // ("like" in "what is the new tram like?" asks for a description: weighed, "Small bodies like this are time
        // capsules" answered it)
        boolean asksWhatLike = WHAT_LIKE.matcher(question).find();
        // (a light verb is no word the answer needs, "getting" in "why is coffee getting so expensive?", unless it is
        // what is asked: "where is it going?" asks a destination and "who's going?" who attends. With "going" left out
        // the Halcyon thread's "The rocket's upper stage released the probe" answered the first and the summit's lead
        // the second; with it no sentence does, and they abstain)
        List<String> words = Terms.contentWords(QuestionText.withoutRequest(question));
        boolean lightVerbsAsk = QuestionType.of(question) == QuestionType.PLACE
                || words.stream().allMatch(w -> TimeExpressions.isTimeWord(w) || Terms.isLightWord(w));
        for (String w : words) {
            if (TimeExpressions.isTimeWord(w) || Terms.isLightWord(w) && !lightVerbsAsk || asksWhatLike && w.equals("like")) continue;
            double weight = Math.max(0.1, idf.applyAsDouble(w)) * scale;
            out.merge(Terms.stem(w), weight, Math::max);
        }
        return out;
    }

    // (not the clause after "how much did / is / has ...": "How much did the tram line cost?" counts no trams, and
    // took the tram's opening for its "Line 7 tram" over "cost 310 million euros")
    // (a name may hold digits: "how many m23 fighters" counts M23's fighters)
    private static final Pattern HOW_MANY = Pattern.compile("(?i)\\bhow (?:many|much)\\s+(?!(?:did|does|do|is|are|was|were|"
            + "will|would|has|have|had|can|could|should)\\b)((?:[\\p{L}\\p{N}-]+\\s+){0,2}[\\p{L}\\p{N}-]+)");

    /** Stems of what "how many/much X" counts, e.g. {grand, slam} for "how many grand slams has she won?". */
    static Set<String> countedThings(String question) {
        var m = HOW_MANY.matcher(question);
        if (!m.find()) return Set.of();
        Set<String> out = new HashSet<>();
        for (String w : Terms.contentWords(m.group(1))) out.add(Terms.stem(w));
        return out;
    }

    /**
     * The words "how many X" counts with, lower-case, up to the first stop word: {m23, fighters} for "how many m23
     * fighters are there?", {republicans, supported} for "How many Republicans supported the bill?" (the noun is not
     * always the last: no verb is told from a noun here). Empty for "how much X", which is mostly measured ("how
     * much snow" in inches).
     */
    List<String> countedWords() {
        return countedWords(text);
    }

    static List<String> countedWords(String question) {
        var m = HOW_MANY.matcher(question);
        if (!m.find() || !m.group().toLowerCase(Locale.ROOT).startsWith("how many")) return List.of();
        List<String> out = new ArrayList<>();
        for (String w : m.group(1).toLowerCase(Locale.ROOT).split("\\s+")) {
            if (Terms.STOP_WORDS.contains(w)) break;
            out.add(w);
        }
        return List.copyOf(out);
    }

    private static final Pattern SPEECH_VERB = Pattern.compile("(?:says|said|told|tells|added|warned|argues|argued|"
            + "insists|insisted|denies|denied|stated|claims|claimed|responded|replied)");

    /** The one a quote question asks to hear from when it names no one: "she" in "what did she say?". */
    private static final Pattern PERSONAL = Pattern.compile("(?i)\\b(she|he)\\b");

    /**
     * A name of the question (capitalised after its first word) speaking within three words ("Rwanda says", "Ruto's
     * office said", "said Ruto"); without a name, its "she" or "he" speaking ("she said"); else null.
     */
    static Pattern speakerPattern(String question) {
        List<String> names = new ArrayList<>();
        Matcher m = QuestionType.NAME.matcher(question);
        while (m.find()) {
            for (String w : m.group().split("\\s+")) {
                if (!Subject.isCalendarWord(w.toLowerCase(Locale.ROOT))) names.add(Pattern.quote(w));
            }
        }
        if (names.isEmpty()) {
            // "what did she say?" after the Halcyon scientist: her "she said", not the engineers' "textbook", which
            // led by the thread's carried "called" (from "whats the lander called")
            Matcher pronoun = PERSONAL.matcher(question);
            if (!pronoun.find()) return null;
            String p = pronoun.group(1).toLowerCase(Locale.ROOT);
            return Pattern.compile("(?i)\\b" + p + "\\s+" + SPEECH_VERB.pattern() + "\\b|\\b(?:said|says)\\s+" + p + "\\b");
        }
        String name = "(?:" + String.join("|", names) + ")";
        return Pattern.compile("\\b" + name + "(?:['\u2019]s)?(?:\\s+[\\p{L}-]+){0,3}?\\s+" + SPEECH_VERB.pattern() + "\\b"
                + "|\\b(?:said|says|according to)\\s+(?:[\\p{L}-]+\\s+){0,2}?" + name + "\\b");
    }
}
