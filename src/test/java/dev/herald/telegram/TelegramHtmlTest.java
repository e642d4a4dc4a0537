package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.ArticleRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramHtmlTest {

    private static final Instant JAN_27 = Instant.parse("2025-01-27T10:00:00Z");

    @Test
    void should_escape_everything_that_could_be_markup_when_rendering_text() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;amp; a&lt;b&gt;c",
                TelegramHtml.escape("<script>alert(\"x\")</script> &amp; a<b>c"));
    }

    @Test
    void should_list_linked_sources_under_the_markers_when_an_answer_has_citations() {
        ArticleRef goma = new ArticleRef("g", "M23 <rebels> & Goma", "Wire \"A\"", "https://example.org/a?x=1&y=\"2\"", JAN_27);
        ArticleRef noUrl = new ArticleRef("h", "No link here", "Paper", null, null);
        Answer a = Answer.answered("q", "M23 says it holds Goma [1]. Congo disputes it <really> [2].",
                List.of(new Citation(1, goma, List.of("x")), new Citation(2, noUrl, List.of("y"))), 1);
        String html = TelegramHtml.answer(a);
        assertEquals("M23 says it holds Goma [1]. Congo disputes it &lt;really&gt; [2].\n\n<b>Sources:</b>\n"
                + "[1] <a href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\">M23 &lt;rebels&gt; &amp; Goma</a>"
                + " — Wire &quot;A&quot;, 27 Jan 2025\n"
                + "[2] No link here — Paper", html);
        String plain = TelegramHtml.toPlain(html);
        assertTrue(plain.contains("[1] M23 <rebels> & Goma (https://example.org/a?x=1&y=\"2\") — Wire \"A\", 27 Jan 2025"), plain);
        assertFalse(plain.contains("<b>"));
    }

    @Test
    void should_list_at_most_three_headlines_when_abstaining() {
        List<ArticleRef> related = List.of(
                new ArticleRef("1", "One", "S", "https://e.org/1", JAN_27),
                new ArticleRef("2", "Two", "S", "javascript:alert(1)", JAN_27),
                new ArticleRef("3", "Three", "S", null, JAN_27));
        String html = TelegramHtml.answer(Answer.abstain("q", related, 0.1));
        assertTrue(html.startsWith("I couldn't find this in my sources."), html);
        assertTrue(html.contains("Closest headlines:\n• <a href=\"https://e.org/1\">One</a> — S, 27 Jan 2025\n• Two — S"), html);
        assertFalse(html.contains("javascript"), "only http(s) links");
        assertFalse(html.contains("Sources:"));
    }

    @Test
    void should_fold_the_sources_into_an_expandable_blockquote_when_there_are_more_than_three() {
        // given
        List<Citation> four = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            four.add(new Citation(i, new ArticleRef("" + i, "Story " + i, "S", "https://e.org/" + i, JAN_27), List.of("x")));
        }
        // when
        String html = TelegramHtml.answer(Answer.answered("q", "Text [1] [2] [3] [4].", four, 1));
        // then
        assertTrue(html.endsWith("<b>Sources:</b>\n<blockquote expandable>[1] <a href=\"https://e.org/1\">Story 1</a>"
                + " — S, 27 Jan 2025\n[2] <a href=\"https://e.org/2\">Story 2</a> — S, 27 Jan 2025\n"
                + "[3] <a href=\"https://e.org/3\">Story 3</a> — S, 27 Jan 2025\n"
                + "[4] <a href=\"https://e.org/4\">Story 4</a> — S, 27 Jan 2025</blockquote>"), html);
        MessageSplitterTest.assertBalanced(html);
        // and the plain-text fallback keeps the list, without the tag
        String plain = TelegramHtml.toPlain(html);
        assertTrue(plain.contains("Sources:\n[1] Story 1 (https://e.org/1) — S, 27 Jan 2025\n[2] "), plain);
        assertFalse(plain.contains("blockquote"), plain);
    }

    @Test
    void should_keep_each_part_a_whole_blockquote_when_a_folded_sources_list_is_split() {
        // given forty long sources: one reply over Telegram's 4,096 characters
        List<Citation> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add(new Citation(i, new ArticleRef("" + i, "A rather long headline about the harbour, number " + i
                    + " of a series that goes on", "Some Outlet", "https://e.org/harbour/" + i, JAN_27), List.of("x")));
        }
        // when
        List<String> parts = MessageSplitter.splitHtml(TelegramHtml.answer(Answer.answered("q", "Text [1].", many, 1)));
        // then
        assertTrue(parts.size() >= 2, "parts: " + parts.size());
        for (String p : parts.subList(1, parts.size())) {
            assertTrue(p.startsWith("<blockquote expandable>"), p);
            MessageSplitterTest.assertBalanced(p);
        }
    }
}
