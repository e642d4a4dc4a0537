package dev.herald.index;

import dev.herald.Herald;
import dev.herald.article.Article;
import dev.herald.retrieval.SearchQuery;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two Herald instances on one SQLite file, as a running bot and a command-line ingest beside it. */
class OutsideChangesTest {

    @TempDir
    Path dir;

    @Test
    void should_answer_the_first_question_after_another_process_stored_an_article_from_fresh_indexes() throws Exception {
        try (Herald bot = TestHerald.open(dir); Herald cli = TestHerald.open(dir)) {
            // given: the bot's indexes are filled (its first question is long answered), then nobody asks anything
            bot.indexes().load();
            long before = bot.indexes().version();

            // when: the other process stores an article
            Article lighthouse = article("lighthouse", "Lindenport lighthouse relit", "2025-01-20",
                    "The Lindenport lighthouse was relit on Monday after a two-year restoration by volunteers.");
            TestHerald.ingest(cli, List.of(lighthouse));

            // then: without any search, the bot's indexes catch up in the background
            long target = bot.store().contentVersion();
            assertTrue(target > before);
            long end = System.currentTimeMillis() + 30_000;
            while (bot.indexes().version() != target) {
                if (System.currentTimeMillis() > end) {
                    throw new AssertionError("indexes still at version " + bot.indexes().version() + " of " + target
                            + ": nothing checked for the other process's change");
                }
                Thread.sleep(50);
            }
            // and the very next question is answered from them
            var found = bot.retriever().search(SearchQuery.of("When was the lighthouse relit?",
                    Instant.parse("2025-02-01T00:00:00Z")));
            assertEquals("lighthouse", found.chunks().get(0).article().id());
        }
    }
}
