package dev.herald.ingest;

import dev.herald.article.Chunk;
import dev.herald.article.Article;
import dev.herald.text.Terms;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkerTest {

    private static Article article(String text) {
        return new Article("a1", "Rebels take Goma", "Wire", null, Instant.parse("2025-01-27T08:00:00Z"), text, "t");
    }

    private static String sentences(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("Sentence number ").append(i).append(" has exactly eight words here. ");
        return sb.toString().trim();
    }

    @Test
    void should_keep_every_chunk_within_the_model_window_including_the_title_line() {
        // given
        Chunker chunker = new Chunker(40, 0);

        // when
        List<Chunk> chunks = chunker.chunk(article(sentences(30)));

        // then
        assertTrue(chunks.size() > 5);
        for (Chunk c : chunks) assertTrue(Terms.wordCount(c.embeddedText()) <= 40, c.embeddedText());
    }

    @Test
    void should_cut_on_sentence_boundaries_and_quote_the_article_verbatim() {
        // given
        String text = sentences(12);

        // when
        List<Chunk> chunks = new Chunker(40, 0).chunk(article(text));

        // then
        for (Chunk c : chunks) {
            assertTrue(text.contains(c.text()), "chunk text must be a substring of the article");
            assertTrue(c.text().startsWith("Sentence number"), c.text());
            assertTrue(c.text().endsWith("here."), c.text());
        }
        assertEquals(List.of(0, 1, 2), chunks.stream().map(Chunk::seq).limit(3).toList());
    }

    @Test
    void should_carry_title_and_date_into_what_is_embedded() {
        // when
        Chunk first = new Chunker().chunk(article("Gunfire raged across the city since Sunday.")).get(0);

        // then
        assertEquals("Rebels take Goma (27 January 2025)\nGunfire raged across the city since Sunday.", first.embeddedText());
        assertEquals("Gunfire raged across the city since Sunday.", first.text());
    }

    @Test
    void should_repeat_sentences_across_a_boundary_when_overlap_is_asked_for() {
        // when
        List<Chunk> chunks = new Chunker(40, 1).chunk(article(sentences(12)));

        // then
        String lastOfFirst = chunks.get(0).text().substring(chunks.get(0).text().lastIndexOf("Sentence"));
        assertTrue(chunks.get(1).text().startsWith(lastOfFirst));
    }

    @Test
    void should_split_a_sentence_longer_than_the_window_by_words() {
        // given
        String run = ("word ".repeat(150)).trim() + ".";

        // when
        List<Chunk> chunks = new Chunker(40, 0).chunk(article(run));

        // then
        assertTrue(chunks.size() >= 4);
        for (Chunk c : chunks) assertTrue(Terms.wordCount(c.embeddedText()) <= 40);
    }
}
