package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SampleArticlesTest {

    @Test
    void should_load_all_samples_with_metadata_when_read_from_classpath() {
        // given the samples shipped in src/main/resources/samples
        // when
        List<Article> samples = SampleArticles.load();
        // then
        assertTrue(samples.size() >= 8, "at least eight samples, got " + samples.size());
        for (Article a : samples) {
            assertFalse(a.title().isBlank() || a.title().equals("(untitled)"), a.origin());
            assertNotNull(a.publishedAt(), a.origin());
            assertFalse(a.source().equals("unknown"), a.origin());
            assertTrue(a.url().startsWith("https://example.org/herald-samples/"), a.origin());
            assertTrue(a.origin().startsWith("sample:") && a.origin().endsWith(".md"), a.origin());
            assertFalse(a.text().contains("**") || a.text().contains("# "), "markdown stripped: " + a.origin());
            assertTrue(a.publishedAt().isAfter(Instant.parse("2025-01-20T00:00:00Z")), a.origin());
        }
        assertTrue(samples.stream().anyMatch(a -> a.origin().equals("sample:goma-offensive.md")));
        assertTrue(samples.stream().map(Article::id).distinct().count() == samples.size(), "ids are unique");
    }

    @Test
    void should_keep_the_demo_notice_out_of_the_text_answers_quote() {
        // "what does Kigali say?" was answered with "Sample article for Herald demos, paraphrased from public
        // reporting; not original journalism. [1]": the notice was the last line of the body
        for (Article a : SampleArticles.load()) {
            assertFalse(a.text().contains("Herald demos"), a.title());
            assertTrue(a.source().contains("Sample"), "the outlet still says it is a sample: " + a.source());
        }
    }
}
