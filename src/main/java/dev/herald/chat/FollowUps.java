package dev.herald.chat;

import dev.herald.text.QuestionText;
import dev.herald.text.Terms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises questions that lean on the previous turn ("and how many were injured?", "what about Rwanda?",
 * "who leads them?") so they can be searched together with it.
 */
public final class FollowUps {

    private static final Pattern LEAD_IN = Pattern.compile(
            "^(and|but|also|so|then|what about|how about|and what about|what else|anything else|any more|more on|"
                    + "tell me more|go on|keep going|continue|more please|more details|" + QuestionText.TURNS_TO + ")\\b.*",
            Pattern.DOTALL);
    private static final Set<String> REFERRING = Set.of(
            "they", "them", "their", "it", "its", "he", "she", "him", "his", "her", "there", "those", "these", "that",
            "this", "the", "such", "same", "other", "else");
    private static final Set<String> QUESTION_WORDS = Set.of("how", "many", "much", "who", "what", "when", "where",
            "why", "which", "whom", "whose");

    private FollowUps() {
    }

    public static boolean isFollowUp(String question) {
        String q = question.trim().toLowerCase(Locale.ROOT);
        if (LEAD_IN.matcher(q).matches()) return true;
        int content = 0;
        boolean refers = false;
        // "its" in "Why is Brightwell recalling its kettles?" is Brightwell's: read as a follow-up of a Goma question,
        // it was searched with Goma and abstained
        boolean pointsOut = refersBeyondItself(question);
        for (String t : Terms.tokens(q)) {
            if (REFERRING.contains(t) && !"the".equals(t) && (pointsOut || !Terms.POINTING.contains(t))) refers = true;
            if (!Terms.STOP_WORDS.contains(t) && !QUESTION_WORDS.contains(t)) content++;
        }
        // "how many were hurt?" names nothing; "who leads them?" points back
        return content <= 1 || (refers && content <= 3);
    }

    /**
     * "tell me more", "go on", "what else?": a request for more of the story just told, naming nothing else. Searched
     * as words it found whatever had "told" or "gone" in it; it is answered with the story's next sentences.
     */
    private static final Pattern MORE = Pattern.compile("(?:(?:and|ok|okay|so|please|can you|could you) )*"
            + "(?:tell me more|tell me more about (?:it|this|that|them|the story|this story|that story)|go on|keep going"
            + "|continue|more|more please|more details|any more|anything else|what else|what else happened"
            + "|and then what|then what|what happened next|what happened then)(?: please)?");

    public static boolean asksForMore(String question) {
        String q = question.toLowerCase(Locale.ROOT).replaceAll("[?.!,…]+", " ").replaceAll("\\s+", " ").strip();
        return MORE.matcher(q).matches();
    }

    /**
     * "tell me more about the kettles", "more on the probe": a request to go on with a story it names (not "about it",
     * which is {@link #asksForMore}), the story named; else empty.
     */
    public static Optional<String> moreAbout(String question) {
        Matcher m = MORE_ABOUT.matcher(question.strip().toLowerCase(Locale.ROOT).replaceAll("[?!.]+$", ""));
        if (!m.matches() || asksForMore(question)) return Optional.empty();
        return Optional.of(m.group(1));
    }

    private static final Pattern MORE_ABOUT = Pattern.compile("(?:(?:and|ok|okay|so|please|can you|could you) )*"
            + "(?:tell me more|more|more details|any more|anything more|what else)(?: about| on| of) (.+?)"
            + "(?: please)?");

    /** Whether the question opens by going on from the last turn: "and ...", "what about ...", "more on ...". */
    public static boolean opensWithLeadIn(String question) {
        return LEAD_IN.matcher(question.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether the question points back with a pronoun ("who leads them?", "what did she say?", "when did it launch?"). */
    public static boolean refersBack(String question) {
        return Terms.pointsBack(question);
    }

    /**
     * Whether the question goes on from something said before and names nothing itself: it opens that way ("and how
     * many were hurt?", "what about the others?") or is a follow-up pointing back ("who leads them?", "what did she
     * say?"). With no earlier turn to follow, there is no telling what it asks about.
     */
    public static boolean needsEarlierTurn(String question) {
        // "continue" as a first message had quoted a summit report's "continued American support"
        if (asksForMore(question)) return true;
        return (opensWithLeadIn(question) || isFollowUp(question) && refersBeyondItself(question)) && namesNothing(question)
                && !namesAThing(question);
    }

    private static final Set<String> POSSESSIVE = Set.of("their", "its", "his", "her");

    /**
     * Whether a pronoun points outside the question: "who leads them?" does; "What did farmers say about their trees?"
     * does not, its "their" owning the trees of the farmers just named (it had been asked "Which story do you mean?").
     * A possessive after a word of the question's own reads as pointing back within it.
     */
    static boolean refersBeyondItself(String question) {
        java.util.List<String> tokens = Terms.tokens(question);
        boolean contentBefore = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (Terms.POINTING.contains(t)) {
                boolean possessive = POSSESSIVE.contains(t) && i + 1 < tokens.size();
                if (!possessive || !contentBefore) return true;
            } else if (!Terms.STOP_WORDS.contains(t) && !QUESTION_WORDS.contains(t) && !REFERRING.contains(t)
                    && t.length() >= 3) {
                contentBefore = true;
            }
        }
        return false;
    }

    /** "the library" in "How much did it cost to fix the library?": a determiner and a word that names a thing. */
    private static final Pattern DETERMINED = Pattern.compile("\\b(?:the|a|an|this|that)\\s+([\\p{L}-]+)(?:\\s+([\\p{L}-]+))?");
    /**
     * A lead-in and the topic it turns to: "what about coffee prices?", "and how about the tram?", "back to the
     * kettles, who makes them?". The topic ends at a comma: "what about the library, is it open again" turns to the
     * library, and its "open" had matched the tram thread's headline "Lindenport opens its first new tram line".
     */
    private static final Pattern TOPIC = Pattern.compile("^(?:(?:and|but|so|ok|okay)[,\\s]+)?(?:(?:what|how) about|"
            + QuestionText.TURNS_TO + ")\\s+([^,;:]+)", Pattern.DOTALL);
    /** Words after "the" that name nothing of their own ("the others", "the same", "the story"). */
    private static final Set<String> PLACEHOLDERS = Set.of("one", "ones", "others", "rest", "same", "latter", "former",
            "thing", "things", "story", "stories", "news", "matter", "issue", "event", "events", "situation", "case",
            "way", "time", "day", "week", "latest", "first", "last", "next", "other", "whole", "number", "people");

    /** Whether the question turns to a topic it names: "what about coffee prices?", "back to the kettles, ...". */
    static boolean turnsToATopic(String question) {
        return TOPIC.matcher(question.strip().toLowerCase(Locale.ROOT)).lookingAt();
    }

    /**
     * Whether the question names a thing with a determiner ("How much did it cost to fix the library?", "Why did they
     * recall the kettles?"): then its "it" or "they" need no earlier turn, and it is asked as it stands. Without this
     * the reader was asked "Which story do you mean?" about a question that says it.
     */
    static boolean namesAThing(String question) {
        return !thingsNamed(question).isEmpty();
    }

    /**
     * The words that name a thing in the question: after a determiner ("the new tram line": new, tram), or the topic
     * after a lead-in ("what about coffee prices?": coffee, prices); empty when it names none this way.
     */
    public static Set<String> thingsNamed(String question) {
        Set<String> out = new java.util.LinkedHashSet<>();
        // "what about coffee prices?": the topic after the lead-in needs no determiner. As a first message it had
        // been asked "Which story do you mean?"
        var topic = TOPIC.matcher(question.strip().toLowerCase(Locale.ROOT));
        boolean turns = topic.lookingAt();
        if (turns) addNamed(topic.group(1), out);
        // ...nor does a topic put before the question: "trams, how often do they run", "the new tram in lindenport,
        // when did it open" (a first message that had been asked "Which story do you mean?", twice)
        var fronted = FRONTED.matcher(question.strip().toLowerCase(Locale.ROOT));
        if (!turns && fronted.lookingAt()) addNamed(fronted.group(1), out);
        var m = DETERMINED.matcher(question.toLowerCase(Locale.ROOT));
        while (m.find()) {
            for (int g = 1; g <= 2; g++) {
                String w = m.group(g);
                if (w == null) break;
                // ("the new tram": "new" is a stop word, "tram" names the thing)
                if (!namesSomething(w)) {
                    if (g == 1 && Terms.STOP_WORDS.contains(w) && !PLACEHOLDERS.contains(w) && !REFERRING.contains(w)) continue;
                    break;
                }
                if (w.length() >= 3) out.add(w);
            }
        }
        return out;
    }

    /** Adds the words of a topic that name something (three letters or more). */
    private static void addNamed(String topic, Set<String> out) {
        for (String w : Terms.tokens(topic)) if (w.length() >= 3 && namesSomething(w)) out.add(w);
    }

    /** A topic before a comma and the question about it: "trams, how often do they run". */
    private static final Pattern FRONTED = Pattern.compile("^(?:(?:ok|okay|so|and|btw)[,\\s]+)?([^,;:?]{3,60}),\\s*(?:who|whom|whose|"
            + "what|whats|when|where|why|how|which|is|are|was|were|do|does|did|can|could|will|would|has|have)\\b");

    /** Whether the word can name a thing: not a placeholder, pronoun, question word or stop word. */
    private static boolean namesSomething(String w) {
        return !PLACEHOLDERS.contains(w) && !REFERRING.contains(w) && !QUESTION_WORDS.contains(w)
                && !Terms.STOP_WORDS.contains(w);
    }

    /**
     * Whether the question names nothing: no capitalised word after its first and no number ("how long will the trip
     * take?", "what is the price of coffee?"). In a conversation such a question may be about the story just
     * discussed; "How long will the Halcyon trip take?" names its own.
     */
    public static boolean namesNothing(String question) {
        String[] words = question.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i].replaceFirst("^[^\\p{L}\\p{N}]+", "");
            if (w.isEmpty()) continue;
            if (w.chars().anyMatch(Character::isDigit)) return false;
            boolean sentenceStart = i == 0 || words[i - 1].matches(".*[.?!:]$");
            if (!sentenceStart && Character.isUpperCase(w.charAt(0)) && !w.equals("I")) return false;
        }
        return true;
    }
}
