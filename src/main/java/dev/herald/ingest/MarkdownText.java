package dev.herald.ingest;

import java.util.regex.Pattern;

/**
 * Light markdown-to-plain-text: enough that citations do not show {@code **} and {@code ##}, without a markdown
 * library. Anything unusual is left as it is, which is harmless for retrieval.
 */
final class MarkdownText {

    // Line patterns use [ \t], not \s, which would also swallow the newlines that separate paragraphs.
    private static final Pattern HEADING = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+(.*?)[ \\t]*#*[ \\t]*$");
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]{0,3}([-*_])([ \\t]*\\1){2,}[ \\t]*$");
    private static final Pattern QUOTE = Pattern.compile("(?m)^[ \\t]{0,3}>[ \\t]?");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    // Single underscores only around whole words, so snake_case identifiers survive.
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private MarkdownText() {
    }

    static String toPlain(String markdown) {
        String s = RULE.matcher(markdown).replaceAll("");
        s = HEADING.matcher(s).replaceAll("$1");
        s = QUOTE.matcher(s).replaceAll("");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1");
        s = STRONG.matcher(s).replaceAll("$2");
        s = EMPHASIS.matcher(s).replaceAll("$2");
        s = CODE.matcher(s).replaceAll("$1");
        return s;
    }
}
