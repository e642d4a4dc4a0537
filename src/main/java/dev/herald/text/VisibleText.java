package dev.herald.text;

/**
 * Whether text has anything a reader (or the embedding model) can see. {@link String#isBlank()} is not enough: it
 * counts zero-width spaces (U+200B), no-break spaces (U+00A0), byte-order marks and other format characters as
 * content, while the model's tokenizer drops them, and a text made only of them cannot be embedded at all
 * ("Cannot embed empty or whitespace-only text").
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** True when {@code s} has at least one character that is not whitespace, a control or format character. */
    public static boolean has(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (visible(cp)) return true;
        }
        return false;
    }

    private static boolean visible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0xFFFD) return false;
        return switch (Character.getType(cp)) {
            // what BERT's tokenizer cleans away: controls, format characters (zero-width, BOM, bidi marks), and
            // combining marks (stripped with the accents they would sit on)
            case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.SURROGATE -> false;
            default -> true;
        };
    }
}
