package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.article.ArticleRef;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders replies in Telegram's HTML parse mode: every piece of text is escaped, links are {@code <a href>} with an
 * escaped http(s) URL, and only tags Telegram accepts are produced ({@code b}, {@code i}, {@code a},
 * {@code blockquote expandable}).
 * {@link #toPlain} turns such HTML back into plain text for the fallback when Telegram rejects a message.
 */
public final class TelegramHtml {

    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\">(.*?)</a>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");

    private TelegramHtml() {
    }

    /** Escapes text for Telegram HTML: {@code & < > "}. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Longest href (escaped) put in a message. Feeds store item links as they come, and one of 5,000 characters made
     * an answer 37 messages; real article links are well under 300. A longer link is shown as its text alone.
     */
    static final int MAX_HREF = 1000;
    /** Longest title shown; the longest headline in the RealTimeQA 2022 corpus is 214 characters. */
    static final int MAX_TITLE = 300;
    /** Longest outlet name shown. */
    static final int MAX_SOURCE = 100;

    /**
     * More sources than this go into an expandable blockquote (collapsed to a few lines, a tap opens it): an answer
     * with three sources reads as a whole on a phone screen, one with eight would be mostly its list.
     */
    static final int SOURCES_OPEN = 3;

    /** A link when the URL is http(s) and not over {@link #MAX_HREF}, else just the escaped text. */
    public static String link(String url, String text) {
        if (url == null || !isWebUrl(url)) return escape(text);
        String href = escape(url.strip());
        if (href.length() > MAX_HREF) return escape(text);
        return "<a href=\"" + href + "\">" + escape(text) + "</a>";
    }

    /** The text cut to at most {@code max} characters, at a word boundary when one is near, ending in "…". */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = max - 1;
        if (Character.isLowSurrogate(s.charAt(end))) end--; // never split a surrogate pair
        int space = s.lastIndexOf(' ', end);
        if (space > max * 2 / 3) end = space;
        return s.substring(0, end).stripTrailing() + "…";
    }

    static boolean isWebUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return (u.startsWith("http://") || u.startsWith("https://")) && u.indexOf(' ') < 0 && u.length() > 8;
    }

    /**
     * {@code <a href="url">Title</a> — Outlet, 27 Jan 2025}; no link without a URL (or with one over
     * {@link #MAX_HREF}), no date without a date; title and outlet cut to {@link #MAX_TITLE}/{@link #MAX_SOURCE}.
     */
    public static String headline(ArticleRef r) {
        StringBuilder sb = new StringBuilder(link(r.url(), cut(r.title(), MAX_TITLE)));
        if (r.source() != null && !r.source().isBlank()) sb.append(" — ").append(escape(cut(r.source(), MAX_SOURCE)));
        String day = PlainTextFormatter.day(r);
        if (!day.isEmpty()) sb.append(", ").append(day);
        return sb.toString();
    }

    /**
     * The answer text (with its {@code [n]} markers) then "Sources:" with one numbered line per citation (in an
     * expandable blockquote when there are more than {@link #SOURCES_OPEN}); when
     * abstaining, the abstention sentence and up to three closest headlines.
     */
    public static String answer(Answer a) {
        // quoted sentences keep the hard line wraps of their source; a chat should reflow them
        String text = a.text().replaceAll("[ \\t]*(?<!\\n)\\n(?!\\n)[ \\t]*", " ");
        StringBuilder sb = new StringBuilder(escape(text));
        if (a.note() != null && !a.note().isBlank()) sb.append("\n<i>(").append(escape(a.note())).append(")</i>");
        if (a.abstained()) {
            if (!a.related().isEmpty()) {
                sb.append("\n\nClosest headlines:");
                a.related().stream().limit(3).forEach(r -> sb.append("\n• ").append(headline(r)));
            }
            return sb.toString();
        }
        if (!a.citations().isEmpty()) {
            sb.append("\n\n<b>Sources:</b>\n");
            StringBuilder list = new StringBuilder();
            for (Citation c : a.citations()) {
                list.append("\n[").append(c.n()).append("] ").append(headline(c.article()));
                for (ArticleRef other : c.alsoReportedBy()) list.append("\n    also: ").append(headline(other));
            }
            list.deleteCharAt(0);
            if (a.citations().size() > SOURCES_OPEN) sb.append("<blockquote expandable>").append(list).append("</blockquote>");
            else sb.append(list);
        }
        return sb.toString();
    }

    /**
     * Plain text with the same content as HTML this class produced: links become "text (url)", other tags are
     * dropped, entities are decoded.
     */
    public static String toPlain(String html) {
        Matcher m = LINK.matcher(html);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String text = TAG.matcher(m.group(2)).replaceAll("");
            m.appendReplacement(sb, Matcher.quoteReplacement(text + " (" + m.group(1) + ")"));
        }
        m.appendTail(sb);
        return unescape(TAG.matcher(sb.toString()).replaceAll(""));
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
