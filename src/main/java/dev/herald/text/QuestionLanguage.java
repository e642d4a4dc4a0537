package dev.herald.text;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Tells whether a question is written in English, the language of the archive and of the offline model.
 *
 * <p>The language is detected by optimaize language-detector (n-gram profiles of 70 languages), not by a word list.
 * Lingua ({@code com.github.pemistahl:lingua} 1.2.2) was tried first: with all its languages it took 75 s and 1.6 GB
 * of heap to load and 39 ms a question, against 4-6 s, a few MB and 1.2 ms here. On its own, optimaize misreads very
 * short English: its best guess was not English for 11 of 572 short questions (the last sentence of each of the 560
 * dev benchmark questions, "Which measure did lawmakers leave out?", and a dozen like "Any news?"), all of one or two
 * words or leaning on a name ("What did Ruto say?": Tagalog 0.92). Hence the guards: names (capitalised words after
 * the first) are left out, fewer than three words left is English, a question whose words the (English) archive
 * mostly knows is English, and otherwise the detector must be sure (English under 10 %, its best guess over 50 %).
 * With them, none of those 572 nor of the 560 full questions is taken for another language even when the archive
 * knows none of their words ({@code QuestionLanguageTest}); the detector runs only for questions the archive mostly
 * does not know, so ordinary questions pay one hash lookup a word.
 */
public final class QuestionLanguage {

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{M}'’-]+");

    /** The question without its capitalised words other than the first (names, mostly). */
    static String withoutNames(String question) {
        java.util.regex.Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            if (first || !Character.isUpperCase(w.codePointAt(0))) out.append(out.length() == 0 ? "" : " ").append(w);
            first = false;
        }
        return out.toString();
    }

    /** What was found: {@code language} is an ISO 639-1 code, or null when it is not certain which language. */
    public record Guess(boolean english, String language) {
        /** "French", or null when unsure which language it is. */
        public String languageName() {
            return language == null ? null : Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        }
    }

    public static final Guess ENGLISH = new Guess(true, "en");
    static final int MIN_WORDS = 3;
    static final double MAX_ENGLISH = 0.1;
    static final double MIN_TOP = 0.5;
    /** Above this, the language is named to the reader (Swahili scored 0.87 as Tagalog: better not named). */
    static final double NAME_AT = 0.95;
    static final int NAME_MIN_WORDS = 5;
    static final double NAME_AT_SHORT = 0.999;
    static final double MOSTLY_KNOWN = 0.6;

    private static volatile CompletableFuture<Detector> detector;

    private record Detector(LanguageDetector detector, TextObjectFactory texts) {
    }

    /**
     * Share of a question's words an English dictionary must hold for it to be English without asking the detector,
     * and the lower share that is enough when the detector is unsure which language it is. Over the nine sample
     * articles the archive knows few words, and "how much rain fell?" (archive: 2 of 4 words) was read as Welsh; the
     * dictionary holds all 4. Foreign questions mostly keep well below: "Nani anadhibiti mji wa Goma sasa?" 1 of 6,
     * "Wer kontrolliert jetzt Goma?" 0 of 4, "Was kostet der Wasserkocher?" 2 of 4; French comes closest, "Quel est
     * le prix du café?" 5 of 6 (the vocabulary has "est", "le", "prix", "du", "cafe"), so a dictionary share alone
     * decides only when every word is English, and otherwise overrules the detector only where it is unsure or names
     * a language outside {@link #NAMED} (Welsh, Aragonese, Occitan: relatives that win on a few English words).
     */
    static final double DICTIONARY_ENGLISH = 0.75;
    static final double DICTIONARY_UNSURE = 0.5;

    /**
     * Languages named to the reader when detected: widely written ones. The profiles also hold close relatives that
     * win on a short question (German was named Afrikaans, Spanish Asturian); naming the wrong language is worse than
     * saying "another language".
     */
    private static final java.util.Set<String> NAMED = java.util.Set.of("fr", "de", "es", "pt", "it", "nl", "sv", "da",
            "no", "fi", "pl", "cs", "hu", "ro", "ru", "uk", "el", "tr", "ar", "he", "fa", "hi", "bn", "ur",
            "zh", "ja", "ko", "vi", "th", "id", "sw");

    private final ToIntFunction<String> documentFrequency;
    private final java.util.function.Predicate<String> dictionary;

    /** @param documentFrequency in how many archive chunks a lower-case word occurs (0 when unknown) */
    public QuestionLanguage(ToIntFunction<String> documentFrequency) {
        this(documentFrequency, w -> false);
    }

    /**
     * @param documentFrequency in how many archive chunks a lower-case word occurs (0 when unknown)
     * @param dictionary        whether a lower-case word is an English word (the embedding model's vocabulary)
     */
    public QuestionLanguage(ToIntFunction<String> documentFrequency, java.util.function.Predicate<String> dictionary) {
        this.documentFrequency = documentFrequency;
        this.dictionary = dictionary;
    }

    /** Starts loading the language profiles (4-6 s, once per process) in the background. */
    public static CompletableFuture<?> warmUp() {
        return loaded();
    }

    private static CompletableFuture<Detector> loaded() {
        CompletableFuture<Detector> d = detector;
        if (d != null) return d;
        synchronized (QuestionLanguage.class) {
            if (detector == null) {
                detector = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new Detector(LanguageDetectorBuilder.create(NgramExtractors.standard())
                                .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build(),
                                CommonTextObjectFactories.forDetectingShortCleanText());
                    } catch (IOException e) {
                        throw new UncheckedIOException("language profiles could not be read", e);
                    }
                });
            }
            return detector;
        }
    }

    public Guess guess(String question) {
        // Names say nothing about the language and mislead the detector on short questions ("What did Ruto say?"
        // scored 0.92 Tagalog; without "Ruto", English): only the other words are weighed.
        String words = withoutNames(question);
        List<String> tokens = Terms.tokens(words).stream().filter(w -> w.length() > 1).toList();
        // Letters mostly outside the Latin script are no English, however few the words: "谁控制着戈马？" is one
        // word without spaces, "Кто победил?" two, and both got "couldn't find" instead of the notice
        if (mostlyNonLatin(question)) return new Guess(false, nameIfSure(words));
        if (tokens.size() < MIN_WORDS) return ENGLISH;
        int known = 0, inDictionary = 0;
        for (String w : tokens) {
            boolean stop = Terms.STOP_WORDS.contains(w);
            if (stop || documentFrequency.applyAsInt(w) > 0) known++;
            if (stop || dictionary.test(w)) inDictionary++;
        }
        if (known >= MOSTLY_KNOWN * tokens.size() || inDictionary == tokens.size()) return ENGLISH;
        List<DetectedLanguage> found = detect(words);
        if (found.isEmpty()) return ENGLISH;
        double english = 0;
        for (DetectedLanguage l : found) if (l.getLocale().getLanguage().equals("en")) english += l.getProbability();
        DetectedLanguage top = found.get(0);
        if (english >= MAX_ENGLISH || top.getProbability() < MIN_TOP || top.getLocale().getLanguage().equals("en")) {
            return ENGLISH;
        }
        boolean sure = top.getProbability() >= NAME_AT;
        String language = top.getLocale().getLanguage();
        // "how much rain fell?" scored 0.99 Welsh, and its words are English ones; "Quel est le prix du café ?" (5 of
        // its 6 words are in the model's vocabulary, accents folded) scored 0.99999 French, a language named here
        if (inDictionary >= DICTIONARY_ENGLISH * tokens.size() && !(sure && NAMED.contains(language))) return ENGLISH;
        // "Hlacyon launch date": the detector could not tell which language, and two of its three words are English
        if (!sure && inDictionary >= DICTIONARY_UNSURE * tokens.size()) return ENGLISH;
        // Under five words, named only when all but certain: "Wer hat den [Harbour Cup] gewonnen?" scored 0.990 Dutch
        // on its four ("den", "gewonnen" are Dutch words too), where the three or four words of "Qui contrôle Goma
        // maintenant ?", "Wer kontrolliert jetzt Goma?", "Chi controlla Goma adesso?" scored 0.9998 to 0.999997 for
        // their own language; "another language" is said instead
        boolean named = sure && NAMED.contains(language)
                && (tokens.size() >= NAME_MIN_WORDS || top.getProbability() >= NAME_AT_SHORT);
        return new Guess(false, named ? language : null);
    }

    /** Whether most of the question's letters are of another script than Latin. */
    static boolean mostlyNonLatin(String question) {
        long letters = 0, latin = 0;
        for (int i = 0; i < question.length(); ) {
            int cp = question.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) latin++;
        }
        return letters > 0 && latin * 2 < letters;
    }

    /** The detector's languages for the words, likeliest first (it loads on first use). */
    private static List<DetectedLanguage> detect(String words) {
        Detector d = loaded().join();
        return d.detector().getProbabilities(d.texts().forText(words));
    }

    /** The detected language when the detector is all but certain of one named to readers, else null. */
    private static String nameIfSure(String words) {
        List<DetectedLanguage> found = detect(words);
        if (found.isEmpty() || found.get(0).getProbability() < NAME_AT_SHORT) return null;
        String language = found.get(0).getLocale().getLanguage();
        return NAMED.contains(language) && !language.equals("en") ? language : null;
    }
}
