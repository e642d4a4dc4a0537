package dev.herald.text;

import org.jsoup.Jsoup;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A question as typed, made plain before anything reads it: markup removed and shouting or Title Case turned into
 * ordinary case.
 *
 * <p>Case matters downstream: a capitalised word inside a question is read as a name, and a name no article has
 * means nothing covers the question. "Who Controls Goma?" took "Controls" for a name no article mentions and was not
 * answered; "HOW MANY KETTLES WERE RECALLED" neither. Markup is a reader pasting or testing: "&lt;b&gt;who won the
 * cup?&lt;/b&gt;" searched for "b" and abstained.
 */
public final class QuestionText {

    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[A-Za-z][^<>]*>");
    private static final Pattern COLOUR_CODE = Pattern.compile("\u001b?\\[[0-9;]{1,12}m");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
    /** Title Case needs at least this many words after the first, all capitalised ("Who Controls Goma?"). */
    static final int TITLE_CASE_WORDS = 2;

    private QuestionText() {
    }

    /**
     * "tell me about the lindenport tram", "give me the latest on Goma": the reader's request, not words of the story.
     * Weighed, "tell" (idf 2.1 on the samples, above "tram" at 0.9) was carried into every follow-up of the thread.
     * Not "tell" alone: "Which politician did Ed Vaizey tell the BBC ...?" asks what he said to whom (the only one of
     * 858 eval questions with the word).
     */
    private static final Pattern REQUEST = Pattern.compile("(?i)\\b(?:please\\s+)?(?:tell|give|show)\\s+(?:me|us)\\b"
            // ...nor "can you explain": weighed, it made the Halcyon scientist's "the mission could help explain how
            // water reached the early Earth" the answer to "can you explain what is happening in goma"
            + "|\\b(?:(?:can|could|would|will) (?:you|u) )?(?:please )?explain(?: (?:to )?(?:me|us))?(?= (?:what|who|why|how|when|where|which|the|this|that)\\b)");
    /** The words that turn a conversation to a topic it names: "back to the kettles", "as for the probe". */
    public static final String TURNS_TO = "back to|going back to|as for";
    /**
     * "back to the kettles, who makes them", "btw whats the price of a latte": a turn to a topic, at the start only.
     * Weighed, "back" and "makes" made the Ruto call's "to make it more effective at bringing security back" the
     * answer about the kettles' maker.
     */
    private static final Pattern TURN = Pattern.compile("(?i)^\\s*(?:(?:ok|okay|so|and|but|btw|by the way)[,\\s]+)*"
            + "(?:" + TURNS_TO + "|btw|by the way)\\b");

    /** The question's words about the news: without the reader's request ("tell me about") or turn ("back to"). */
    public static String withoutRequest(String question) {
        return TURN.matcher(REQUEST.matcher(question).replaceAll(" ")).replaceFirst(" ");
    }

    /**
     * Words shortened as people type on a phone, read as the words they stand for. "shld i keep using it" was not
     * read as asking for advice, and the kettle recall's "Owners are asked to stop using the device" was not given.
     * A short fixed list: the spelling corrector only knows the archive's words, and these (like "should") are not.
     * Not "bc", which is also British Columbia.
     */
    private static final java.util.Map<String, String> TEXTED = java.util.Map.ofEntries(
            java.util.Map.entry("shld", "should"), java.util.Map.entry("shd", "should"),
            java.util.Map.entry("abt", "about"), java.util.Map.entry("ppl", "people"), java.util.Map.entry("u", "you"),
            java.util.Map.entry("ur", "your"), java.util.Map.entry("pls", "please"), java.util.Map.entry("plz", "please"),
            java.util.Map.entry("b4", "before"), java.util.Map.entry("cuz", "because"),
            java.util.Map.entry("wat", "what"), java.util.Map.entry("govt", "government"),
            // (without their apostrophe the asking patterns miss them: "whats the price of a brewsense kettle" was no
            // question for a price, and quoted the recall's lead)
            java.util.Map.entry("whats", "what's"), java.util.Map.entry("whos", "who's"),
            java.util.Map.entry("wheres", "where's"), java.util.Map.entry("hows", "how's"),
            java.util.Map.entry("smth", "something"), java.util.Map.entry("sth", "something"),
            java.util.Map.entry("r", "are"), java.util.Map.entry("gonna", "going to"),
            java.util.Map.entry("wanna", "want to"),
            java.util.Map.entry("theyd", "they'd"), java.util.Map.entry("diff", "different"));
    /** A whole word: not part of "U.S.", "don't" or "covid-19". */
    private static final Pattern TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}'’.-])[\\p{L}\\p{N}]+(?![\\p{L}\\p{N}'’.-])");

    /**
     * The question without markup, in sentence case when it was written all in capitals or in Title Case, and with
     * words shortened on a phone in full.
     */
    public static String plain(String question) {
        String q = question;
        if (TAG.matcher(q).find()) q = Jsoup.parse(q).text(); // a script's or style's content is no text of it
        // a terminal's colour codes, pasted ("who ESC[31mcontrols ESC[0m goma"): their escape byte is dropped as a
        // control character before this, and "[31mcontrols" was searched and echoed as a correction
        q = COLOUR_CODE.matcher(q).replaceAll("");
        q = q.strip();
        q = shouted(q) || titleCased(q) ? sentenceCase(q) : q;
        q = TOKEN.matcher(q).replaceAll(m -> {
            String w = m.group();
            String full = TEXTED.get(w);
            // ("Whats ..." opens a sentence)
            if (full == null && w.length() > 1 && Character.isUpperCase(w.charAt(0)) && w.substring(1).equals(w.substring(1).toLowerCase(java.util.Locale.ROOT))) {
                String lower = TEXTED.get(w.toLowerCase(java.util.Locale.ROOT));
                if (lower != null) full = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
            }
            return java.util.regex.Matcher.quoteReplacement(full == null ? w : full);
        });
        // "ok different topic, who won the harbour cup": the words announcing a new subject are no part of the
        // question (its "topic" and "different" were searched, and it abstained)
        // An opening "ok" / "oh" / "hmm" says nothing either: "ok what about the tram, how many stops does it have"
        // after the kettle recall was no turn to the tram ("what about" opens a turn), and "ok" weighed as the rarest
        // word of the question; the thread's kettles answered, or nothing did
        String rest = NEW_TOPIC.matcher(INTERJECTION.matcher(q).replaceFirst("")).replaceFirst("");
        // ...nor what the reader says before asking: "Checking a fact for a piece: did Ruto and Rubio meet in
        // person?" abstained on "checking", "fact" and "piece"
        // (it leaves the question after it: the pattern ends before a word)
        rest = PREAMBLE.matcher(rest).replaceFirst("");
        // ...nor is a closing "tho": "why tho" asks why (as a content word it was the follow-up's own, and abstained)
        rest = TRAILING.matcher(rest).replaceFirst("$1");
        // ...nor what the reader adds about themselves: "can u explain whats happening in goma, i have a class
        // presentation on it" weighed its "class" and "presentation", in no article, and abstained
        // (and a sentence of it: "Why coffee is more expensive now? I see in the shop." weighed "see" and "shop" as
        // the asking sentence's, since it came last)
        String asked = ABOUT_ME.matcher(withoutSentencesAboutMe(rest)).replaceFirst("");
        if (!asked.isBlank()) rest = asked;
        return rest.isBlank() ? q : rest;
    }

    /**
     * "ok", "okay", "alright", "oh", "ah", "hmm", "omg", "wow", and a greeting ("Hello.", "hey", "good morning")
     * opening a longer message (not "OK" alone, which is small talk). "Hello. Why coffee is more expensive now?"
     * weighed "hello", in no article; "omg whats actually wrong with it" after the kettle recall had weighed "omg" as
     * its rarest word. "Oh" or "Ah" before a capital without a comma may be a name ("Oh Se-hoon won?"), so only with
     * a comma or in lower case.
     */
    private static final Pattern INTERJECTION = Pattern.compile("^(?:(?i:ok(?:ay)?|alright|hmm+|omg|wow|um+|uh+"
            + "|hi|hiya|hello|hey|greetings|good (?:morning|afternoon|evening))(?i: there| herald| all)?(?:[,.!]+\\s*|\\s+)"
            + "|(?i:oh|ah)[,.!]+\\s*|(?:oh|ah)\\s+)(?=\\S)");

    /** What a reader says before a question: "quick question:", "fact check:", "checking a fact for a piece:". */
    private static final Pattern PREAMBLE = Pattern.compile("(?i)^(?:(?:a |one |another |quick |simple |silly |dumb )*question"
            + "|fact[- ]?check(?:ing)?(?: request| question)?|checking (?:a |some |the )?facts?(?: for (?:a|my|an) [\\p{L} ]{1,30}?)?"
            + "|just (?:wondering|curious)|i(?:'m| am) (?:just )?(?:wondering|curious)|for (?:a|my|an) (?:piece|story|article|essay|class|report))"
            + "\\s*[:,-]\\s*(?=\\S)");

    /** How a reader starts saying something of themselves: "i", "i'm", "ive", "i am". */
    private static final String FIRST_PERSON = "(?:i|i'm|im|i've|ive|i am)";

    /** A clause about the reader after the question: ", i have a class presentation on it", ", im worried". */
    private static final Pattern ABOUT_ME = Pattern.compile("(?i)\\s*[,;]\\s*(?:" + FIRST_PERSON + "|i need|for my|as i|because i)\\s[^,;?]*[.!]*\\s*$");

    /**
     * The message without the sentences about the reader: after another sentence always ("I see in the shop."), and
     * opening it when what follows asks in words of its own ("I'm a retired teacher living near the old market
     * district, and I haven't been following the news closely. Could you tell me what is happening with the new tram
     * line?" weighed "retired", "teacher", "living" and abstained). Not before a question that leans on it: "I heard
     * the tram is free. Is it?"
     */
    private static String withoutSentencesAboutMe(String message) {
        String rest = ABOUT_ME_SENTENCE.matcher(message).replaceAll("");
        java.util.regex.Matcher opening = OPENING_ABOUT_ME.matcher(rest);
        if (opening.lookingAt() && Terms.contentWords(rest.substring(opening.end())).size() >= 2) {
            rest = rest.substring(opening.end());
        }
        return rest;
    }

    private static final Pattern OPENING_ABOUT_ME = Pattern.compile("(?i)" + FIRST_PERSON + "\\s[^.?!]*[.!]+\\s+(?=\\S)");

    /** A sentence about the reader after another sentence: "I see in the shop.", "I use it every morning." */
    private static final Pattern ABOUT_ME_SENTENCE = Pattern.compile(
            "(?i)(?<=[.!?])\\s+" + FIRST_PERSON + "\\s[^.?!]*(?:[.!]+|$)");

    /** "why tho", "is it safe lol", "did M23 capture Goma, yes or no?", "... or not?": no words of the story. */
    private static final Pattern TRAILING = Pattern.compile("(?i)[,\\s]+(?:tho|though|lol|yes or no|or not)\\s*([?!.]*)\\s*$");

    /**
     * "ok different topic", "totally diff q,", "new question:", "change of subject -", "unrelated but" at the start of
     * a message ("totally diff q, what time did halcyon take off" abstained on its "q").
     */
    private static final Pattern NEW_TOPIC = Pattern.compile("(?i)^(?:(?:ok(?:ay)?|so|and|right|now)[,\\s]+)?(?:(?:(?:a |on a )?(?:totally |completely |entirely )?"
            + "(?:different|new|another|other|unrelated|separate) (?:topic|subject|question|q|thing|story))|change of "
            + "(?:topic|subject)|unrelated(?: question)?(?: but)?|switching (?:topics?|subjects?))(?: now| but| though)?"
            + "\\s*[,.:;!?-]*\\s*");

    /** Mostly capital letters: at least three words and four in five letters upper case. */
    private static boolean shouted(String q) {
        long letters = q.codePoints().filter(Character::isLetter).count();
        long upper = q.codePoints().filter(Character::isUpperCase).count();
        return letters >= 8 && upper >= 0.8 * letters && q.split("\\s+").length >= 3;
    }

    /** Every word after the first capitalised, and enough of them to tell ("Who Controls Goma?", "What Is Halcyon?"). */
    private static boolean titleCased(String q) {
        var m = WORD.matcher(q);
        int after = 0;
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            if (first) {
                first = false;
                continue;
            }
            if (!Character.isUpperCase(w.codePointAt(0))) return false;
            after++;
        }
        return after >= TITLE_CASE_WORDS;
    }

    private static String sentenceCase(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
    }
}
