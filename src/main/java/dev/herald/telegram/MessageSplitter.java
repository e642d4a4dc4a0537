package dev.herald.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Splits a reply into messages Telegram accepts: each at most {@link #LIMIT} UTF-16 units.
 *
 * <p>Breaks are chosen on a paragraph boundary if one is reasonably far in, else a line, else a sentence, else a
 * word boundary, else between any two characters. A break never falls inside a tag, an entity ({@code &amp;}) or a
 * surrogate pair, and, whenever any other choice exists, never inside a link. Tags open at a break are closed at the
 * end of the part and reopened at the start of the next, so every part is well-formed HTML on its own. A tag longer
 * than a quarter of the limit is dropped (its text kept), so reopening it can never crowd out the text, and a part
 * that would show nothing is not sent.
 */
public final class MessageSplitter {

    /** Telegram's limit on a message's text. */
    public static final int LIMIT = 4096;

    private enum Kind { TEXT, OPEN, CLOSE, ENTITY }

    private record Token(String text, Kind kind, String tag) {
        boolean isSpace() {
            return kind == Kind.TEXT && text.isBlank();
        }
    }

    private MessageSplitter() {
    }

    /** Splits Telegram HTML at {@link #LIMIT}. */
    public static List<String> splitHtml(String html) {
        return split(html, LIMIT, true);
    }

    /** Splits plain text at {@link #LIMIT} ({@code <} and {@code &} are ordinary characters). */
    public static List<String> splitPlain(String text) {
        return split(text, LIMIT, false);
    }

    /**
     * @param limit most UTF-16 units per part (at least 64)
     * @param html  true to treat tags and entities as units that cannot be cut
     */
    public static List<String> split(String text, int limit, boolean html) {
        if (limit < 64) throw new IllegalArgumentException("limit too small: " + limit);
        if (text.length() <= limit) return text.isBlank() ? List.of() : List.of(text);
        List<Token> tokens = withoutLongTags(tokenize(text, html), limit / 4);
        List<String> parts = new ArrayList<>();
        Deque<Token> open = new ArrayDeque<>(); // innermost first
        int i = 0;
        int n = tokens.size();
        while (i < n) {
            while (i < n && tokens.get(i).isSpace()) i++;
            if (i >= n) break;
            StringBuilder prefix = new StringBuilder();
            open.descendingIterator().forEachRemaining(t -> prefix.append(t.text()));

            // Walk forward to the furthest break that fits, remembering the best break of each class.
            Deque<Token> stack = new ArrayDeque<>(open);
            int length = prefix.length();
            int closers = closersLength(stack);
            int lastFit = -1;
            int[] best = new int[5]; // by class: 0 any, 1 word, 2 sentence, 3 line, 4 paragraph
            int anyOutsideLink = -1;
            java.util.Arrays.fill(best, -1);
            int j = i;
            boolean all = false;
            while (true) {
                if (j > i) {
                    if (length + closers > limit) break;
                    lastFit = j;
                    boolean inLink = stack.stream().anyMatch(t -> "a".equals(t.tag()));
                    if (!inLink) {
                        anyOutsideLink = j;
                        int c = breakClass(tokens, j);
                        for (int k = 1; k <= c; k++) best[k] = j;
                    }
                }
                if (j == n) {
                    all = true;
                    break;
                }
                Token t = tokens.get(j);
                length += t.text().length();
                if (t.kind() == Kind.OPEN) {
                    stack.push(t);
                    closers += t.tag().length() + 3;
                } else if (t.kind() == Kind.CLOSE) {
                    closers -= pop(stack, t.tag());
                }
                j++;
            }
            int cut;
            if (all && lastFit == n) {
                cut = n;
            } else {
                int min = i + Math.max(1, (lastFit - i) / 3);
                cut = -1;
                for (int c = 4; c >= 1 && cut < 0; c--) if (best[c] >= min) cut = best[c];
                if (cut < 0) cut = anyOutsideLink > i ? anyOutsideLink : lastFit;
                if (cut <= i) cut = i + 1; // a single unit longer than the limit: cannot do better
            }
            // Emit tokens i..cut without trailing whitespace, with the tags still open closed at the end.
            int end = cut;
            while (end > i && tokens.get(end - 1).isSpace()) end--;
            StringBuilder part = new StringBuilder(prefix);
            Deque<Token> after = new ArrayDeque<>(open);
            for (int k = i; k < cut; k++) {
                Token t = tokens.get(k);
                if (k < end) part.append(t.text());
                if (t.kind() == Kind.OPEN) after.push(t);
                else if (t.kind() == Kind.CLOSE) pop(after, t.tag());
            }
            for (Token t : after) part.append("</").append(t.tag()).append('>');
            String p = part.toString();
            if (!(html ? visibleText(p) : p).isBlank()) parts.add(p);
            open = after;
            i = cut;
        }
        return parts;
    }

    /**
     * Drops every opening tag longer than {@code max} together with its closing tag, keeping the text between. A tag
     * open at a break is repeated at the start of the next part, so one as long as the limit (a link with a
     * 5,000-character href) left room for a letter per part: 5,266 parts were planned for one reply.
     */
    private static List<Token> withoutLongTags(List<Token> tokens, int max) {
        if (tokens.stream().noneMatch(t -> t.kind() == Kind.OPEN && t.text().length() > max)) return tokens;
        List<Token> out = new ArrayList<>(tokens.size());
        Deque<Boolean> dropped = new ArrayDeque<>(); // per open tag, innermost first: whether it was dropped
        Deque<String> names = new ArrayDeque<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.OPEN) {
                boolean drop = t.text().length() > max;
                dropped.push(drop);
                names.push(t.tag());
                if (!drop) out.add(t);
            } else if (t.kind() == Kind.CLOSE && names.contains(t.tag())) {
                boolean drop = false;
                while (!names.isEmpty()) {
                    String name = names.pop();
                    drop = dropped.pop();
                    if (name.equals(t.tag())) break;
                }
                if (!drop) out.add(t);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** What a reader sees of a part: tags removed, entities decoded (a part showing nothing is not sent). */
    private static String visibleText(String html) {
        return TelegramHtml.unescape(html.replaceAll("</?[a-zA-Z][^<>]*>", ""));
    }

    private static int closersLength(Deque<Token> stack) {
        int n = 0;
        for (Token t : stack) n += t.tag().length() + 3;
        return n;
    }

    /** Pops up to and including the innermost tag with this name; returns the closing length removed. */
    private static int pop(Deque<Token> stack, String tag) {
        if (stack.stream().noneMatch(t -> t.tag().equals(tag))) return 0;
        int removed = 0;
        while (!stack.isEmpty()) {
            Token t = stack.pop();
            removed += t.tag().length() + 3;
            if (t.tag().equals(tag)) break;
        }
        return removed;
    }

    /** How good a break before token j is: 4 paragraph, 3 line, 2 sentence, 1 word, 0 anything else. */
    private static int breakClass(List<Token> tokens, int j) {
        if (j >= tokens.size()) return 4;
        String prev = tokens.get(j - 1).text();
        String prev2 = j >= 2 ? tokens.get(j - 2).text() : "";
        String next = tokens.get(j).text();
        if (prev.equals("\n") && prev2.equals("\n")) return 4;
        if (prev.equals("\n")) return next.equals("\n") ? 0 : 3;
        if (tokens.get(j - 1).isSpace() && !tokens.get(j).isSpace()) {
            return prev2.length() == 1 && ".!?…".contains(prev2) ? 2 : 1;
        }
        return 0;
    }

    private static List<Token> tokenize(String s, boolean html) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (html && c == '<') {
                int close = s.indexOf('>', i);
                if (close > i) {
                    String text = s.substring(i, close + 1);
                    boolean closing = text.startsWith("</");
                    String name = text.substring(closing ? 2 : 1, text.length() - 1).strip().split("[\\s/]", 2)[0]
                            .toLowerCase(Locale.ROOT);
                    boolean selfClosing = text.endsWith("/>");
                    Kind kind = closing ? Kind.CLOSE : selfClosing ? Kind.TEXT : Kind.OPEN;
                    out.add(new Token(text, kind, name));
                    i = close + 1;
                    continue;
                }
            }
            if (html && c == '&') {
                int semi = s.indexOf(';', i);
                if (semi > i && semi - i <= 10 && s.substring(i + 1, semi).matches("#?[A-Za-z0-9]+")) {
                    out.add(new Token(s.substring(i, semi + 1), Kind.ENTITY, ""));
                    i = semi + 1;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            out.add(new Token(s.substring(i, i + len), Kind.TEXT, ""));
            i += len;
        }
        return out;
    }
}
