package dev.herald.cli;

/**
 * Pads and cuts text to a number of terminal columns, not characters: an outlet named in Chinese or with an emoji
 * takes two columns a character, accents written as combining marks none, and a tab or newline in a name (feeds
 * have them) would break the row. {@code String.format("%-32s")} counts characters, so such rows came out askew.
 */
final class Columns {

    private Columns() {
    }

    /** {@code s} on one line, cut with "…" or padded with spaces to exactly {@code width} columns. */
    static String fit(String s, int width) {
        String line = s.replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ").strip();
        boolean cut = width(line) > width;
        int room = cut ? width - 1 : width;
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (used + width(cp) > room) break;
            sb.appendCodePoint(cp);
            used += width(cp);
            i += Character.charCount(cp);
        }
        if (cut) {
            sb.append('…');
            used++;
        }
        return sb + " ".repeat(Math.max(0, width - used));
    }

    static int width(String s) {
        return s.codePoints().map(Columns::width).sum();
    }

    static int width(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) return 0;
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
