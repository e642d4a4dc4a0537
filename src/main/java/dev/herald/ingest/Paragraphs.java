package dev.herald.ingest;

import java.util.ArrayList;
import java.util.List;

/** Herald's one text shape: paragraphs separated by exactly one blank line, no stray whitespace. */
final class Paragraphs {

    private Paragraphs() {
    }

    static String normalize(String text) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()) {
                flush(current, paragraphs);
            } else {
                if (current.length() > 0) current.append('\n');
                current.append(t);
            }
        }
        flush(current, paragraphs);
        return String.join("\n\n", paragraphs);
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (current.length() > 0) paragraphs.add(current.toString());
        current.setLength(0);
    }
}
