package dev.herald.retrieval;

import dev.herald.index.KeywordIndex;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects misspelt question words against the archive's own vocabulary: "Who contrls Gomma?" is searched as "Who
 * controls Goma?". Only a word the keyword index does not know at all is corrected (a rare word the archive does use,
 * such as an unusual name, is left alone); it becomes the indexed term within one edit (two for words of six letters
 * or more), the closer one first and, among equally close ones, the one in the most chunks.
 *
 * <p>Written here instead of Lucene's spell checker: {@code lucene-suggest}'s {@code SpellChecker} keeps an n-gram
 * index of its own that must be rebuilt from the vocabulary whenever articles are stored (its DirectSpellChecker needs
 * a Lucene index, which Herald does not have), while a bounded edit distance over the in-memory vocabulary needs no
 * second copy. Measured on the 2022 benchmark archive (111k chunks, see the constant below): 3 to 6 ms for a question
 * with one unknown word, and nothing for the usual question, whose words are all known (one hash lookup each).
 */
public final class Spelling {

    /** Candidates must occur in at least this many chunks, so a word is never "corrected" into another typo. */
    static final int MIN_FREQUENCY = 2;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** A question with its misspelt words replaced; {@code changes} lists each as original → corrected. */
    public record Correction(String question, List<String> changes) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private final Supplier<KeywordIndex> index;

    /** @param index the current keyword index (it is replaced when the archive is re-read) */
    public Spelling(Supplier<KeywordIndex> index) {
        this.index = index;
    }

    public Correction correct(String question) {
        KeywordIndex keywords = index.get();
        if (keywords.chunkCount() == 0) return new Correction(question, List.of());
        Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        List<String> changes = new ArrayList<>();
        while (m.find()) {
            String word = m.group();
            Optional<String> fixed = fix(keywords, word);
            if (fixed.isEmpty()) continue;
            String replacement = sameCase(word, fixed.get());
            changes.add(word + " → " + replacement);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        if (changes.isEmpty()) return new Correction(question, List.of());
        m.appendTail(out);
        return new Correction(out.toString(), List.copyOf(changes));
    }

    private static Optional<String> fix(KeywordIndex keywords, String word) {
        List<String> tokens = Terms.tokens(word);
        if (tokens.size() != 1) return Optional.empty();
        String w = tokens.get(0);
        if (w.length() < 4 || Terms.STOP_WORDS.contains(w) || TimeExpressions.isTimeWord(w)
                || keywords.documentFrequency(w) > 0 || keywords.documentFrequency(Terms.stem(w)) > 0) {
            // a known word, or another form of one ("controls" where the archive says "control")
            return Optional.empty();
        }
        int maxDistance = w.length() >= 6 ? 2 : 1;
        return keywords.near(w, maxDistance, MIN_FREQUENCY).stream()
                .min(Comparator.comparingInt(KeywordIndex.Near::distance)
                        .thenComparing(Comparator.comparingInt(KeywordIndex.Near::documentFrequency).reversed())
                        .thenComparing(KeywordIndex.Near::term))
                .map(KeywordIndex.Near::term);
    }

    /** "Gomma" → "Goma", "GOMMA" → "GOMA", "gomma" → "goma". */
    private static String sameCase(String original, String lower) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) return lower.toUpperCase(Locale.ROOT);
        if (Character.isUpperCase(original.codePointAt(0))) {
            return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
        }
        return lower;
    }
}
