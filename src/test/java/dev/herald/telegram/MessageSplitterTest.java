package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.ArticleRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MessageSplitterTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)[^<>]*>");

    @Test
    void should_keep_one_part_when_the_text_is_short() {
        assertEquals(List.of("hello <b>world</b>"), MessageSplitter.splitHtml("hello <b>world</b>"));
        assertEquals(List.of(), MessageSplitter.splitHtml("   \n "));
    }

    @Test
    void should_break_at_paragraphs_then_lines_when_the_text_is_long() {
        String para = "word ".repeat(150).strip(); // 749 chars
        String text = para + "\n\n" + para + "\n\n" + para;
        List<String> parts = MessageSplitter.split(text, 1600, true);
        assertEquals(List.of(para + "\n\n" + para, para), parts);

        String line = "x".repeat(500);
        List<String> lines = MessageSplitter.split(line + "\n" + line + "\n" + line + "\n" + line, 1200, true);
        assertEquals(List.of(line + "\n" + line, line + "\n" + line), lines);
    }

    @Test
    void should_break_at_sentences_then_words_when_there_are_no_line_breaks() {
        String sentence = "The quick brown fox jumps over the lazy dog again. ";
        String text = sentence.repeat(40).strip();
        for (String part : MessageSplitter.split(text, 300, true)) {
            assertTrue(part.length() <= 300);
            assertTrue(part.endsWith("again."), part);
        }
        String words = "abcdefghij ".repeat(100).strip();
        for (String part : MessageSplitter.split(words, 100, true)) {
            assertTrue(part.matches("(abcdefghij ?)+"), part);
        }
    }

    @Test
    void should_never_break_tags_entities_links_or_surrogates_when_the_text_is_hostile() {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            plain.append("<script>alert('x&y')</script> a < b > c & d [unclosed ( bracket 😀👍🏽 ")
                    .append("שלום עולם مرحبا بالعالم ").append(i).append(i % 7 == 0 ? "\n\n" : i % 3 == 0 ? "\n" : ". ");
        }
        String html = "<b>Answer:</b> " + TelegramHtml.escape(plain.toString()) + "\n\n<b>Sources:</b>\n"
                + "[1] " + TelegramHtml.link("https://example.org/a?b=1&c=<2>", "Title & <co> 😀") + " — Wire\n"
                + "<i>" + TelegramHtml.escape("italic 😀 ".repeat(700)) + "</i>";
        assertTrue(html.length() > 5000 * 2);

        List<String> parts = MessageSplitter.splitHtml(html);
        assertTrue(parts.size() >= 3, "split into " + parts.size());
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            assertTrue(part.length() <= MessageSplitter.LIMIT, "part too long: " + part.length());
            assertBalanced(part);
            assertNoBrokenEntities(part);
            assertNoLoneSurrogates(part);
            assertTrue(countOf(part, "<a ") == countOf(part, "</a>"));
            joined.append(TelegramHtml.toPlain(part)).append(' ');
        }
        // nothing lost or duplicated: the same non-space characters in the same order
        assertEquals(squeeze(TelegramHtml.toPlain(html)), squeeze(joined.toString()));
        // the link survived whole in one part
        assertEquals(1, parts.stream().filter(p -> p.contains("<a href=\"https://example.org/a?b=1&amp;c=&lt;2&gt;\">"
                + "Title &amp; &lt;co&gt; 😀</a>")).count());
    }

    @Test
    void should_treat_markup_as_text_when_splitting_plain_text() {
        String text = "<b>&amp; 😀 ".repeat(1000);
        List<String> parts = MessageSplitter.splitPlain(text);
        assertTrue(parts.size() >= 2);
        for (String p : parts) {
            assertTrue(p.length() <= MessageSplitter.LIMIT);
            assertNoLoneSurrogates(p);
        }
        assertEquals(squeeze(text), squeeze(String.join("", parts)));
    }

    @Test
    void should_cut_between_code_points_when_the_text_is_only_emoji() {
        String text = "😀".repeat(3000); // 6000 UTF-16 units, no spaces at all
        List<String> parts = MessageSplitter.splitHtml(text);
        assertEquals(2, parts.size());
        parts.forEach(MessageSplitterTest::assertNoLoneSurrogates);
        assertEquals(text, String.join("", parts));
    }

    @Test
    void should_send_a_few_valid_parts_when_a_link_has_a_5000_char_url_and_a_6000_char_text() {
        // given: markup someone else produced, with a link far longer than any message
        String url = "https://example.org/item?" + "q=1&amp;".repeat(625); // 5,025 characters, escaped
        String title = "Harbour board votes on the Lindenport ferry timetable ".repeat(112).strip(); // ~6,000
        String html = "<b>Sources:</b>\n[1] <a href=\"" + url + "\">" + TelegramHtml.escape(title) + "</a> — Wire";

        // when
        List<String> parts = MessageSplitter.splitHtml(html);

        // then: a handful of parts, each valid on its own and showing something; the text is all there
        assertTrue(parts.size() <= 3, "split into " + parts.size());
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            assertTrue(part.length() <= MessageSplitter.LIMIT, "part too long: " + part.length());
            assertBalanced(part);
            assertNoBrokenEntities(part);
            assertFalse(TelegramHtml.unescape(part.replaceAll("<[^<>]*>", "")).isBlank(), "empty part: " + part);
            joined.append(part).append(' ');
        }
        assertEquals(squeeze(TelegramHtml.unescape(html.replaceAll("<[^<>]*>", ""))),
                squeeze(TelegramHtml.unescape(joined.toString().replaceAll("<[^<>]*>", ""))));
    }

    @Test
    void should_show_one_message_with_a_cut_title_and_no_href_when_an_article_has_a_5000_char_url_and_6000_char_title() {
        // given: a feed item stored as it came
        String url = "https://example.org/" + "a".repeat(4980);
        String title = "Lindenport ferry timetable row ".repeat(200).strip(); // 6,199 characters
        ArticleRef article = new ArticleRef("x", title, "Wire", url, Instant.parse("2025-01-27T10:00:00Z"));
        Answer answer = new Answer("q", "The board voted [1].", List.of(new Citation(1, article, List.of("voted"))),
                false, List.of(), 1, null);

        // when
        List<String> parts = MessageSplitter.splitHtml(TelegramHtml.answer(answer));

        // then
        assertEquals(1, parts.size(), () -> "parts of " + parts.stream().map(String::length).toList() + " characters");
        String part = parts.get(0);
        assertTrue(part.length() <= MessageSplitter.LIMIT);
        assertBalanced(part);
        assertFalse(part.contains("href"), "a link that long is shown without its href");
        assertTrue(part.contains("[1] Lindenport ferry timetable row"), () -> part.substring(0, 200));
        assertTrue(part.contains("… — Wire, 27 Jan 2025"), () -> part.substring(0, 200));
        assertTrue(part.length() < 400, "title cut: " + part.length());
    }

    static void assertBalanced(String part) {
        Deque<String> stack = new ArrayDeque<>();
        Matcher m = TAG.matcher(part);
        while (m.find()) {
            if (m.group(1).isEmpty()) stack.push(m.group(2));
            else if (stack.isEmpty() || !stack.pop().equals(m.group(2))) fail("unbalanced tags in: " + part);
        }
        assertTrue(stack.isEmpty(), "unclosed tags " + stack);
        String outside = TAG.matcher(part).replaceAll("");
        assertFalse(outside.contains("<") || outside.contains(">"), "raw bracket outside a tag");
    }

    static void assertNoBrokenEntities(String part) {
        int i = -1;
        while ((i = part.indexOf('&', i + 1)) >= 0) {
            assertTrue(part.substring(i).matches("(?s)&(amp|lt|gt|quot);.*"), "broken entity at " + i);
        }
    }

    static void assertNoLoneSurrogates(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < part.length() && Character.isLowSurrogate(part.charAt(i + 1)), "lone high surrogate");
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), "lone low surrogate");
            }
        }
    }

    private static int countOf(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
