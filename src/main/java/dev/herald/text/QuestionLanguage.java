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
    static final double MOSTLY_KNOWN = 0.6;

    private static volatile CompletableFuture<Detector> detector;

    private record Detector(LanguageDetector detector, TextObjectFactory texts) {
    }

    private final ToIntFunction<String> documentFrequency;

    /** @param documentFrequency in how many archive chunks a lower-case word occurs (0 when unknown) */
    public QuestionLanguage(ToIntFunction<String> documentFrequency) {
        this.documentFrequency = documentFrequency;
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
        if (tokens.size() < MIN_WORDS) return ENGLISH;
        int known = 0;
        for (String w : tokens) if (Terms.STOP_WORDS.contains(w) || documentFrequency.applyAsInt(w) > 0) known++;
        if (known >= MOSTLY_KNOWN * tokens.size()) return ENGLISH;
        Detector d = loaded().join();
        List<DetectedLanguage> found = d.detector().getProbabilities(d.texts().forText(words));
        if (found.isEmpty()) return ENGLISH;
        double english = 0;
        for (DetectedLanguage l : found) if (l.getLocale().getLanguage().equals("en")) english += l.getProbability();
        DetectedLanguage top = found.get(0);
        if (english >= MAX_ENGLISH || top.getProbability() < MIN_TOP || top.getLocale().getLanguage().equals("en")) {
            return ENGLISH;
        }
        return new Guess(false, top.getProbability() >= NAME_AT ? top.getLocale().getLanguage() : null);
    }
}
