package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.herald.ingest.ArticleLoader.LoadResult;
import dev.herald.support.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shared benchmark corpus must load as it is: every line, its own ids, nothing skipped. */
class RealtimeQaCorpusTest {

    @Test
    void should_load_all_4696_articles_with_their_ids_when_corpus_is_present() {
        // given
        Path corpus = Fixtures.benchmark("corpus.jsonl").orElse(null);
        Assumptions.assumeTrue(corpus != null, "RealTime QA corpus not present; skipping");
        // when
        LoadResult result = new ArticleFiles().loadPath(corpus);
        // then
        List<Article> articles = result.articles();
        assertEquals(List.of(), result.skipped());
        assertEquals(4696, articles.size());
        assertTrue(articles.stream().allMatch(a -> a.id().startsWith("rtqa-")), "rtqa- ids kept");
        assertEquals(4696, articles.stream().map(Article::id).distinct().count());
        assertTrue(articles.stream().allMatch(a -> a.publishedAt() != null && !a.source().equals("unknown")));
        assertTrue(articles.stream().noneMatch(a -> a.title().equals("(untitled)")), "null titles get a fallback");
    }
}
