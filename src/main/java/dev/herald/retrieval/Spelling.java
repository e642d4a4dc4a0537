package dev.herald.retrieval;

import dev.herald.index.TextIndex;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects misspelt question words against the archive's own vocabulary: "Who contrls Gomma?" is searched as "Who
 * controls Goma?". Only a word the keyword index does not know at all is corrected (a rare word the archive does use,
 * such as an unusual name, is left alone, and so is another form of a known word). It becomes an indexed term one
 * edit away (two for words of {@link #LONG_WORD} letters or more), the closer first and, among equally close ones,
 * the one in the most chunks, provided that term occurs in some passage beside one of the question's rarest other
 * words: a misspelling of what the archive reports sits beside the rest of the question; an unknown name does not
 * become a known one that has nothing to do with it.
 *
 * <p>Written here instead of Lucene's spell checker ({@code lucene-suggest} 9.12.3), measured on the same vocabulary
 * (63k terms of 45k benchmark chunks, the 560 dev questions with one letter dropped from their longest word, on this
 * shared 2-core machine): Lucene's {@code SpellChecker} keeps an n-gram index of its own that took 8.5-16.5 s to
 * build and must be rebuilt whenever articles are stored, and then took 24-44 ms p50 a question (its
 * DirectSpellChecker needs a Lucene index, which Herald does not have). This class scans the in-memory vocabulary
 * with a bounded edit distance, skipping terms whose length or letters differ too much: 2 ms p50 (p95 18-50 ms) a
 * question with a typo, 0.7-2 ms on average over the unchanged questions (all known words: one hash lookup each).
 * It restored 327 of the 560 typos exactly, and changed 4 of the 560 ordinary questions (legalise → legalize;
 * "burps and farts" → "burns and parts").
 *
 * <p>A word of the embedding model's vocabulary is never corrected (see the constructor): a small archive lacks many
 * ordinary words. Measured through {@code herald chat} with the middle letter of each question's longest word
 * dropped: 2022 dev 398 of 560 typos restored exactly (397 without the check), 3 of the 560 unchanged questions
 * altered (4: "overs", of an "oversold" split by zero-width spaces, became "covers"); 2025h2 219 of 330 either
 * way, 1 altered either way; the eval figures are identical. The same measure is now {@code herald eval --typos}
 * (2026-12-06, re-ingested databases: 2022 354 of the 522 open questions restored, 3 altered; 2025h2 198 of 298, 1).
 */
public final class Spelling {

    /** Candidates must occur in at least this many chunks, so a word is never "corrected" into another typo. */
    static final int MIN_FREQUENCY = 2;
    /** Two edits only for words of this length or more: shorter ones have too many neighbours two edits away. */
    static final int LONG_WORD = 7;
    /**
     * A correction must occur in some passage beside one of the question's two rarest other words: "Gomma" becomes
     * "Goma" because Goma is written beside "control", while "Carlsen" (beside "Magnus") does not become "Carlson".
     */
    static final int CONTEXT_WORDS = 2;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** A question with its misspelt words replaced; {@code changes} lists each as original → corrected. */
    public record Correction(String question, List<String> changes) {
        public boolean changed() {
            return !changes.isEmpty();
        }

        /** Only the changes whose new word passes the test ("Goma" for "Gomma → Goma"). */
        public Correction keeping(java.util.function.Predicate<String> newWord) {
            List<String> kept = changes.stream().filter(c -> newWord.test(c.substring(c.indexOf(" → ") + 3))).toList();
            return new Correction(question, kept);
        }

        /** The original question with these changes made, word by word. */
        public String apply(String original) {
            String out = original;
            for (String c : changes) {
                int arrow = c.indexOf(" → ");
                out = out.replaceAll("(?<![\\p{L}\\p{N}])" + Pattern.quote(c.substring(0, arrow)) + "(?![\\p{L}\\p{N}])",
                        Matcher.quoteReplacement(c.substring(arrow + 3)));
            }
            return out;
        }
    }

    private final Supplier<? extends TextIndex> index;
    private final java.util.function.Predicate<String> englishWord;

    /**
     * @param index       the current keyword index (it is replaced when the archive is re-read)
     * @param englishWord whether a word is a known English word, never corrected even when the archive lacks it: over
     *                    the nine sample articles "when did it start?" became "when did it smart?" (the kettle recall)
     */
    public Spelling(Supplier<? extends TextIndex> index, java.util.function.Predicate<String> englishWord) {
        this.index = index;
        this.englishWord = englishWord;
    }

    public Correction correct(String question) {
        TextIndex keywords = index.get();
        if (keywords.chunkCount() == 0) return new Correction(question, List.of());
        // 1. Each unknown word's candidates, and the question's known words
        Map<String, List<TextIndex.Near>> unknown = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (String w : Terms.tokens(question)) {
            if (w.length() < 3 || Terms.STOP_WORDS.contains(w) || TimeExpressions.isTimeWord(w) || unknown.containsKey(w)) {
                continue;
            }
            if (keywords.documentFrequency(w) > 0) {
                if (!known.contains(w)) known.add(w);
            } else if (isWord(w) && keywords.documentFrequency(Terms.stem(w)) == 0) {
                // (a form of a known word, "controls" where the archive says "control", is not a typo)
                // The other side of the Atlantic's spelling is no typo, yet a reader writing "Harbor" of the Harbour
                // Cup means it: the name was missing from every article, and the question abstained.
                List<TextIndex.Near> near = otherSpelling(keywords, w);
                if (near.isEmpty() && !englishWord.test(w)) near = candidates(keywords, w);
                if (!near.isEmpty()) unknown.put(w, near);
            }
        }
        if (unknown.isEmpty()) return new Correction(question, List.of());
        // 2. The best candidate of each that shares a passage with the rest of the question
        Map<String, String> chosen = new HashMap<>();
        for (Map.Entry<String, List<TextIndex.Near>> e : unknown.entrySet()) {
            List<String> context = new ArrayList<>(known);
            for (Map.Entry<String, List<TextIndex.Near>> other : unknown.entrySet()) {
                if (!other.getKey().equals(e.getKey())) context.add(other.getValue().get(0).term());
            }
            context.sort(Comparator.comparingInt(keywords::documentFrequency));
            List<String> rarest = context.subList(0, Math.min(CONTEXT_WORDS, context.size()));
            for (TextIndex.Near c : e.getValue()) {
                if (rarest.isEmpty() || rarest.stream().anyMatch(o -> keywords.together(c.term(), o))) {
                    chosen.put(e.getKey(), c.term());
                    break;
                }
            }
        }
        if (chosen.isEmpty()) return new Correction(question, List.of());
        // 3. Replaced where they were written, keeping their case
        Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        List<String> changes = new ArrayList<>();
        while (m.find()) {
            String word = m.group();
            List<String> t = Terms.tokens(word);
            String fixed = t.size() == 1 ? chosen.get(t.get(0)) : null;
            if (fixed == null) continue;
            String replacement = sameCase(word, fixed);
            changes.add(word + " → " + replacement);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return changes.isEmpty() ? new Correction(question, List.of()) : new Correction(out.toString(), List.copyOf(changes));
    }

    private static boolean isWord(String w) {
        return w.length() >= 4 && w.chars().allMatch(Character::isLetter);
    }

    /** Indexed terms near the word, closest first, then most frequent; none when one is merely another form of it. */
    private static List<TextIndex.Near> candidates(TextIndex keywords, String w) {
        int maxDistance = w.length() >= LONG_WORD ? 2 : 1;
        List<TextIndex.Near> near = new ArrayList<>(keywords.near(w, maxDistance, MIN_FREQUENCY));
        String stem = Terms.stem(w);
        if (near.stream().anyMatch(n -> Terms.stem(n.term()).equals(stem))) return List.of(); // "criticising"
        // "Rwandan" beside "Rwanda", "Israeli" beside "Israel": the people of a place, not a typo of it
        if (near.stream().anyMatch(n -> isDemonym(w, n.term()))) return List.of();
        near.sort(Comparator.comparingInt(TextIndex.Near::distance)
                .thenComparing(Comparator.comparingInt(TextIndex.Near::documentFrequency).reversed())
                .thenComparing(TextIndex.Near::term));
        return near;
    }

    /** British and American endings of one word: harbour/harbor, organise/organize, centre/center, defence/defense. */
    private static final String[][] ATLANTIC = {
            {"our", "or"}, {"ours", "ors"}, {"oured", "ored"}, {"ouring", "oring"}, {"ourite", "orite"},
            {"ourites", "orites"}, {"ise", "ize"}, {"ises", "izes"}, {"ised", "ized"}, {"ising", "izing"},
            {"isation", "ization"}, {"isations", "izations"}, {"yse", "yze"}, {"ysed", "yzed"}, {"tre", "ter"},
            {"tres", "ters"}, {"ence", "ense"}, {"ogue", "og"}, {"ogues", "ogs"}, {"lled", "led"}, {"lling", "ling"},
            {"ller", "ler"}, {"llers", "lers"}};

    /**
     * The word as the other spelling writes it, when the archive has that ("harbor" over articles that say
     * "harbour"); at most one candidate, the most frequent, as distance 0. Empty when no such spelling is indexed.
     */
    static List<TextIndex.Near> otherSpelling(TextIndex keywords, String w) {
        TextIndex.Near best = null;
        for (String[] pair : ATLANTIC) {
            for (int side = 0; side < 2; side++) {
                String from = pair[side], to = pair[1 - side];
                if (!w.endsWith(from) || w.length() - from.length() < 3) continue;
                String other = w.substring(0, w.length() - from.length()) + to;
                int df = keywords.documentFrequency(other);
                if (df > 0 && (best == null || df > best.documentFrequency())) best = new TextIndex.Near(other, 0, df);
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    /**
     * Whether {@code word} names the people of the place {@code term}: Rwanda-n, Kenya-n, Israel-i, Mexic-an is not
     * one edit away. Narrow on purpose: "LeBon" is a typo of "LeBron", not the people of a "Lebo".
     */
    static boolean isDemonym(String word, String term) {
        if (term.length() < 4 || !word.startsWith(term)) return false;
        String ending = word.substring(term.length());
        return (ending.equals("n") && term.endsWith("a")) || ending.equals("an") || ending.equals("i");
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
