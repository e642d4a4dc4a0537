package dev.herald.eval;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The misspelling the typo pass of {@code herald eval} makes: the middle letter of the question's longest word
 * dropped ("Goma" → "Gma" is too short to be asked of anyone; "Kenyatta" → "Kenytta" is the slip a reader makes).
 * One fixed rule, not random typos, so runs compare: the same 560 misspelt questions every time.
 */
public final class Typos {

    /** Words shorter than this are left alone: a 4-letter word with a letter dropped is often another word. */
    static final int MIN_LETTERS = 5;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private Typos() {
    }

    /** The question with one letter dropped from its longest word (the first of equally long ones); empty if none. */
    public static Optional<String> misspell(String question) {
        Matcher m = WORD.matcher(question);
        int start = -1, end = -1;
        while (m.find()) {
            if (m.end() - m.start() > end - start) {
                start = m.start();
                end = m.end();
            }
        }
        if (end - start < MIN_LETTERS) return Optional.empty();
        int middle = start + (end - start) / 2;
        return Optional.of(question.substring(0, middle) + question.substring(middle + 1));
    }
}
