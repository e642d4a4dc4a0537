package dev.herald.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits plain text into sentences with their character offsets.
 *
 * <p>Written by hand because answers quote sentences verbatim and citations are checked against the stored text, so
 * we need exact offsets into the original string; LangChain4j's sentence splitter (OpenNLP) returns re-joined text
 * segments without offsets and is much slower on a 45 MB corpus.
 */
public final class Sentences {

    /** A sentence: {@code text} is exactly {@code source.substring(start, end)}. */
    public record Span(String text, int start, int end) {
    }

    // Words that end with a period without ending a sentence.
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt",
            "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "v", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar",
            "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "d.c", "mt", "ft", "approx");

    // A terminator (. ! ? or an ellipsis), optional closing quotes/brackets, then whitespace.
    private static final Pattern BOUNDARY = Pattern.compile("([.!?…]+)([\"'”’)\\]]*)(\\s+)");

    private Sentences() {
    }

    public static List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        int paraStart = 0;
        // Paragraph breaks always end a sentence, even without punctuation (headlines, captions, list items).
        Matcher para = Pattern.compile("\\n\\s*\\n|\\n(?=\\s*[-•*]\\s)").matcher(text);
        while (para.find()) {
            splitParagraph(text, paraStart, para.start(), out);
            paraStart = para.end();
        }
        splitParagraph(text, paraStart, text.length(), out);
        return out;
    }

    public static List<String> texts(String text) {
        List<String> out = new ArrayList<>();
        for (Span s : split(text)) out.add(s.text());
        return out;
    }

    private static void splitParagraph(String text, int from, int to, List<Span> out) {
        Matcher m = BOUNDARY.matcher(text).region(from, to);
        int start = from;
        while (m.find()) {
            int endOfSentence = m.end(2);
            if (isAbbreviation(text, start, m.start(1)) || !startsNewSentence(text, m.end(), to)) continue;
            add(text, start, endOfSentence, out);
            start = m.end();
        }
        add(text, start, to, out);
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dotPos) {
        if (text.charAt(dotPos) != '.') return false;
        int w = dotPos;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1))) w--;
        String word = text.substring(w, dotPos).toLowerCase().replaceAll("^[\"'“‘(\\[]+", "");
        if (ABBREVIATIONS.contains(word)) return true;
        // Single capital initials ("John F. Kennedy") do not end sentences.
        return word.length() == 1 && Character.isUpperCase(text.charAt(dotPos - 1));
    }

    private static boolean startsNewSentence(String text, int next, int to) {
        if (next >= to) return true;
        char c = text.charAt(next);
        // A lower-case continuation ("approx. five") is not a new sentence.
        return !Character.isLowerCase(c);
    }

    private static void add(String text, int start, int end, List<Span> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (end > start) out.add(new Span(text.substring(start, end), start, end));
    }
}
