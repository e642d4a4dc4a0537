package dev.herald.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional header of a text or markdown article: a {@code ---} fenced YAML-ish block, or plain leading
 * {@code key: value} lines ended by a blank line. Keys are lower-cased; values lose surrounding quotes.
 *
 * @param fields header fields (empty when there is no header)
 * @param body   the text after the header
 */
record FrontMatter(Map<String, String> fields, String body) {

    static final Set<String> KNOWN_KEYS = Set.of("title", "url", "published", "source", "date");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_ -]{0,30}?)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^-{3,}\\s*$");

    FrontMatter {
        fields = Map.copyOf(fields);
    }

    String get(String key) {
        String v = fields.get(key);
        return v == null || v.isBlank() ? null : v;
    }

    static FrontMatter parse(String content) {
        String[] lines = content.split("\\R", -1);
        FrontMatter fenced = parseFenced(lines);
        if (fenced != null) return fenced;
        FrontMatter plain = parsePlain(lines);
        return plain != null ? plain : new FrontMatter(Map.of(), content);
    }

    private static FrontMatter parseFenced(String[] lines) {
        int first = firstNonBlank(lines);
        if (first < 0 || !FENCE.matcher(lines[first]).matches()) return null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches() || lines[i].strip().equals("...")) {
                return new FrontMatter(fields, join(lines, i + 1));
            }
            Matcher m = KEY_VALUE.matcher(lines[i]);
            if (m.matches()) fields.put(key(m.group(1)), unquote(m.group(2)));
        }
        // An unclosed fence is more likely a markdown rule than a header: keep everything as body.
        return null;
    }

    /**
     * Plain headers are only recognised when every line up to the blank line is {@code key: value} and at least one
     * key is known, so a body that opens with "Update: ..." is not eaten.
     */
    private static FrontMatter parsePlain(String[] lines) {
        int first = firstNonBlank(lines);
        if (first < 0) return null;
        Map<String, String> fields = new LinkedHashMap<>();
        boolean known = false;
        int i = first;
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            Matcher m = KEY_VALUE.matcher(lines[i]);
            if (!m.matches()) return null;
            String key = key(m.group(1));
            known |= KNOWN_KEYS.contains(key);
            fields.put(key, unquote(m.group(2)));
        }
        if (!known || i >= lines.length) return null;
        return new FrontMatter(fields, join(lines, i + 1));
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) return i;
        }
        return -1;
    }

    private static String key(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String join(String[] lines, int from) {
        return from >= lines.length ? "" : String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
