package dev.herald.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into comparable terms: lower-case alphanumeric words, with a stop-word list and a light English stemmer.
 *
 * <p>The same rules serve the keyword index queries, sentence scoring and follow-up detection, so a word matches
 * the same way everywhere.
 */
public final class Terms {

    public static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by", "for",
            "with", "about", "against", "between", "into", "through", "during", "before", "after", "above", "below",
            "from", "up", "down", "out", "off", "over", "under", "again", "further", "once", "here", "there", "when",
            "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
            "nor", "not", "only", "own", "same", "so", "than", "too", "very", "can", "will", "just", "should", "now",
            "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did",
            "doing", "would", "could", "might", "must", "shall", "may", "i", "me", "my", "we", "our", "you", "your",
            "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which", "who", "whom",
            "this", "that", "these", "those", "am", "as", "until", "while", "also", "s", "t", "said", "says",
            "according", "whose", "per", "via", "yet", "still", "many", "much", "new", "one", "us",
            // typed on a phone without the apostrophe: "whats the lander called" had weighed "what" (idf 2.1, above
            // "halcyon") and carried it into the thread's next questions
            "whats", "whos", "wheres", "hows", "thats", "theres", "whens", "whys", "dont", "doesnt", "didnt", "isnt",
            "arent", "wasnt", "werent", "cant", "wont", "im", "ive", "youre", "theyre");

    /**
     * Words news reports use interchangeably for the same count or event: "how many were injured?" must meet
     * "300 wounded". Each group maps to one term; the first word of a group is the one stemmed to.
     */
    private static final List<String> INJURED =
            List.of("injured", "injuries", "injury", "injuring", "wounded", "wounding", "wounds", "hurt");
    private static final List<String> KILLED =
            List.of("killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "death", "deaths", "fatalities");
    /**
     * Words that count the same as a group's when a sentence is read, but do not widen a keyword search: "three minor
     * burns" are injuries (and so "How many people were burned by the kettles?" still meets them), and "How many
     * casualties in Goma?" meets "17 killed"; searching every "died" question for
     * "casualties" as well moved 2022 dev MRR@10 from 0.803 to 0.797.
     */
    private static final java.util.Map<List<String>, List<String>> READ_AS = java.util.Map.of(
            INJURED, List.of("burns", "burned", "burnt", "burn"), KILLED, List.of("casualties", "casualty"));
    private static final List<List<String>> SYNONYMS = List.of(
            INJURED,
            KILLED,
            List.of("fled", "flee", "flees", "fleeing", "displaced", "evacuated"),
            List.of("ceasefire", "truce", "armistice"),
            List.of("arrested", "arrest", "detained", "detain"),
            List.of("resigned", "resign", "resigns", "resignation", "quit", "quits", "stepped"));
    /**
     * Past forms of the irregular verbs news is written in, so that "What did she say?" meets "... she said" and
     * "When did they speak?" meets "Ruto spoke": suffix stripping cannot join them. Left out: forms that are mostly
     * other words ("left", "found", "rose", "saw", "lay").
     */
    private static final java.util.Map<String, String> IRREGULAR = irregular(
            "said say", "spoke speak", "spoken speak", "told tell", "won win", "led lead", "met meet", "began begin",
            "begun begin", "took take", "taken take", "gave give", "given give", "made make", "held hold",
            "sold sell", "bought buy", "paid pay", "struck strike", "came come",
            "went go", "gone go", "wrote write", "written write", "chose choose", "chosen choose", "grew grow",
            "grown grow", "fought fight", "sent send", "built build", "spent spend", "lost lose", "brought bring",
            "caught catch", "kept keep", "sought seek", "stood stand", "broke break", "broken break", "drove drive",
            "driven drive", "flew fly", "flown fly", "threw throw", "thrown throw", "stole steal", "stolen steal",
            "swore swear", "sworn swear", "froze freeze", "frozen freeze", "sank sink", "sunk sink", "hid hide",
            "hidden hide", "shot shoot", "sang sing", "sung sing", "wore wear", "worn wear",
            // a thing done again is the thing done: "is the library open again?" is answered by "reopened to the
            // public on Friday" (it had got the tram line's "opened"); 2022 dev and 2025h2 answers unchanged
            "reopened open", "reopens open", "reopen open", "reopening open", "rebuilt build", "rebuild build",
            "relaunched launch", "reelected elect", "reelect elect");

    private static java.util.Map<String, String> irregular(String... pairs) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String p : pairs) out.put(p.substring(0, p.indexOf(' ')), p.substring(p.indexOf(' ') + 1));
        return java.util.Map.copyOf(out);
    }

    private static final java.util.Map<String, String> CANONICAL = new java.util.HashMap<>();
    private static final java.util.Map<String, List<String>> GROUP = new java.util.HashMap<>();

    /** The casualty words and their stems ("injur", "kill"), as sentences and questions are compared by stem. */
    private static final java.util.Set<String> CASUALTIES;

    /**
     * Verbs of a price or a count going up, and of one going down, read as one word each: "why are they rising?"
     * after the coffee story had no sentence with its own word, as the report says prices "climbed", and abstained.
     * Compared by stem only, not added to searches: widening the keyword query with them moved 2022 dev MRR@10 from
     * 0.803 to 0.791. As stems: 2022 dev containment 42.1 -> 42.3 % (half A unchanged, B +0.4: "Gas prices have
     * tumbled ... since hitting a record average high of $5.02" for a question saying "falling"), 2025h2 unchanged.
     * Not "increase" or "rose", mostly a noun and a name.
     */
    private static final List<List<String>> SAME_STEM = List.of(
            List.of("rise", "rises", "rising", "risen", "climb", "climbs", "climbed", "climbing",
                    "soar", "soars", "soared", "soaring", "surge", "surges", "surged", "surging", "jump", "jumps", "jumped",
                    "jumping"),
            List.of("drop", "drops", "dropped", "dropping", "fall", "falls", "falling", "fallen", "fell",
                    "plunge", "plunges", "plunged", "plunging", "tumble", "tumbled", "slump", "slumped", "decline",
                    "declines", "declined", "declining"),
            // talking is speaking: "when did they talk" after the Ruto-Rubio call got "the leaders talked about
            // finishing the Strategic Trade and Investment Partnership" over "Ruto spoke by telephone on Monday"
            List.of("speak", "speaks", "speaking", "spoke", "spoken", "talk", "talks", "talked", "talking"));

    static {
        for (List<String> g : SAME_STEM) for (String w : g) CANONICAL.put(w, g.get(0));
        java.util.Set<String> casualties = new java.util.HashSet<>();
        for (List<String> g : SYNONYMS) {
            String canonical = stripSuffix(g.get(0));
            for (String w : g) {
                CANONICAL.put(w, canonical);
                GROUP.put(w, g);
            }
            for (String w : READ_AS.getOrDefault(g, List.of())) {
                CANONICAL.put(w, canonical);
                casualties.add(w);
            }
            if (g == INJURED || g == KILLED) {
                casualties.addAll(g);
                casualties.add(canonical);
            }
        }
        CASUALTIES = java.util.Set.copyOf(casualties);
    }

    private Terms() {
    }

    /**
     * Whether the word counts casualties ("died", "wounded", "deaths"): what a "how many" question asks about a story,
     * not which story it is, since every report of violence or disaster has these words.
     */
    public static boolean isCasualtyWord(String word) {
        return CASUALTIES.contains(word);
    }

    /**
     * Verbs that say where or how a thing moves, not what it is: "why is coffee getting so expensive?", "when will it
     * get there?". Over the nine sample articles "getting" (in one of them) was the rarest word of the first, and no
     * sentence of the coffee report had it: it abstained. And nouns that stand for a thing the reader does not name:
     * "wat was that space thing launched this week" weighed "thing", in no article, as its rarest word.
     */
    private static final java.util.Set<String> LIGHT_WORDS = java.util.Set.of("go", "goes", "going", "went", "gone",
            "get", "gets", "getting", "got", "thing", "things", "stuff");

    /** Whether the word is a light verb or a stand-in noun ({@link #LIGHT_WORDS}). */
    public static boolean isLightWord(String word) {
        return LIGHT_WORDS.contains(word);
    }

    /** Other words with the same meaning (see the synonym groups), for widening a keyword query; empty if none. */
    public static List<String> synonyms(String word) {
        List<String> g = GROUP.get(word);
        if (g == null) return List.of();
        List<String> out = new ArrayList<>(g);
        out.remove(word);
        return out;
    }

    /** All word tokens, lower-cased, accents removed, in order (stop words kept). */
    /** Longer runs of letters and digits are not tokens (see {@link #tokens}). */
    public static final int MAX_TOKEN_CHARS = 64;

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        String s = (needsDecomposing(text) ? Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                : text).toLowerCase(Locale.ROOT);
        int i = 0, n = s.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(s.charAt(i))) i++;
            int start = i;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i))
                    || (s.charAt(i) == '\'' && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1)) && i > start)
                    || ((s.charAt(i) == ',' || s.charAt(i) == '.') && i > start && Character.isDigit(s.charAt(i - 1))
                        && i + 1 < n && Character.isDigit(s.charAt(i + 1))))) i++;
            // A run of letters longer than any word (a base64 blob pasted into an article: 33 KB in one "word") is
            // not a term: Lucene refuses a term over 32,766 bytes and with it the whole index batch, and no reader
            // searches for it. The longest English words in news ("counterrevolutionaries", 22) and place names
            // ("Llanfairpwllgwyngyll", 20; the full 58-letter form) stay within the limit.
            if (i - start > MAX_TOKEN_CHARS) continue;
            if (i > start) {
                String tok = s.substring(start, i);
                if (tok.endsWith("'s")) tok = tok.substring(0, tok.length() - 2);
                tok = tok.replace("'", "");
                if (!tok.isEmpty()) out.add(tok);
            }
        }
        return out;
    }

    /**
     * Whether decomposing can change the tokens: only when the text has a non-ASCII character other than punctuation
     * and spaces (curly quotes, dashes and no-break spaces decompose to nothing that is a letter or digit). Skipping
     * the decomposition for the rest halves the time to index an archive at start-up.
     */
    private static boolean needsDecomposing(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) continue;
            switch (Character.getType(c)) {
                case Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.DASH_PUNCTUATION,
                        Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.SPACE_SEPARATOR -> {
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /** Content words: tokens that are not stop words, in order, without repeats. */
    public static List<String> contentWords(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tokens(text)) if (!STOP_WORDS.contains(t)) out.add(t);
        return new ArrayList<>(out);
    }

    /** Stems of the content words, without repeats. */
    public static Set<String> contentStems(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tokens(text)) if (!STOP_WORDS.contains(t)) out.add(stem(t));
        return out;
    }

    /**
     * A deliberately light stemmer (plural and common verb endings): enough for "injured"/"injuries"/"injury" or
     * "rebels"/"rebel" to meet, without Porter's over-stemming of names.
     */
    public static String stem(String w) {
        String canonical = CANONICAL.get(w);
        if (canonical != null) return canonical;
        String base = IRREGULAR.get(w);
        if (base != null) return stem(base);
        if (w.length() <= 3 || Character.isDigit(w.charAt(0))) return w;
        String s = stripSuffix(britishIse(w));
        if (s.length() > 4 && (s.endsWith("e") || s.endsWith("y"))) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** "-ize" written "-ise", and the "-iser" who does it: "equalized", "equaliser" and "equalised" meet. */
    private static final java.util.regex.Pattern IZE = java.util.regex.Pattern.compile(
            "(\\p{L}{4,})i[sz](e|ed|es|ing|ers?|ation|ations)$");

    /**
     * "Who scored Northgate's equaliser?" shared no stem with "finally equalised in the 81st minute" and abstained;
     * American and British spellings ("organize", "organise") did not meet either.
     */
    private static String britishIse(String w) {
        java.util.regex.Matcher m = IZE.matcher(w);
        if (!m.find()) return w;
        String ending = m.group(2).startsWith("er") ? "e" : m.group(2);
        return m.group(1) + "is" + ending;
    }

    private static String stripSuffix(String w) {
        int n = w.length();
        if (w.endsWith("ies") && n > 4) return w.substring(0, n - 3) + "y";
        if (w.endsWith("ied") && n > 4) return w.substring(0, n - 3) + "y";
        if (w.endsWith("sses")) return w.substring(0, n - 2);
        if (w.endsWith("ing") && n > 5) return undouble(w.substring(0, n - 3));
        if (w.endsWith("ed") && n > 4) return undouble(w.substring(0, n - 2));
        if (n > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes"))) return w.substring(0, n - 2);
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.substring(0, n - 1);
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n >= 3 && w.charAt(n - 1) == w.charAt(n - 2) && "lsz".indexOf(w.charAt(n - 1)) < 0) return w.substring(0, n - 1);
        return w;
    }

    /** The pronouns that point back to something said before ("who leads them?", "when did it launch?"). */
    public static final Set<String> POINTING = Set.of("they", "them", "their", "it", "its", "he", "she", "him", "his",
            "her", "those", "these");

    /** Whether the text has a pronoun pointing back ({@link #POINTING}). */
    public static boolean pointsBack(String text) {
        for (String t : tokens(text)) if (POINTING.contains(t)) return true;
        return false;
    }

    /**
     * The text with each run of whitespace (line breaks of the source included) as one space, stripped: how a
     * quoted sentence is compared with its article and with quotes shown before, whatever the wrapping.
     */
    public static String squashSpace(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    public static int wordCount(String text) {
        if (text == null || text.isBlank()) return 0;
        return text.trim().split("\\s+").length;
    }
}
