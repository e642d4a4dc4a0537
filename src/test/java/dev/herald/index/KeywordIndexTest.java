package dev.herald.index;

import dev.herald.store.AliasStore;
import dev.herald.store.Database;
import dev.herald.store.ArticleStore;
import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.ingest.SampleArticles;
import dev.herald.support.HashingEmbeddingModel;
import dev.herald.text.Terms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordIndexTest {

    @TempDir
    Path dir;
    Database db;
    ArticleStore store;
    KeywordIndex index;
    Ingestor ingestor;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("h.db"));
        store = new ArticleStore(db);
        index = KeywordIndex.loadFrom(store, 0.5, KeywordIndex.DEFAULT_MAX_TERMS, KeywordIndex.FTS5_K1);
        ingestor = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void ingest(List<Article> articles) {
        ingestor.ingestAll(articles, IngestProgress.NONE);
    }

    private static List<String> articles(List<KeywordSearch.Hit> hits) {
        return hits.stream().map(KeywordSearch.Hit::articleId).distinct().toList();
    }

    @Test
    void should_rank_the_samples_as_sqlite_fts5_does() {
        // given the bundled samples, indexed both in memory and by FTS5
        ingest(SampleArticles.load());
        Fts5KeywordSearch fts5 = new Fts5KeywordSearch(db, 0.5);
        List<String> questions = List.of("Who controls Goma now?", "how many were injured in the clashes",
                "central bank interest rates inflation", "rebels airport city", "election results vote");

        for (String q : questions) {
            List<String> terms = Terms.contentWords(q);

            // when
            List<KeywordSearch.Hit> mine = index.search(terms, 5, Long.MIN_VALUE, Long.MAX_VALUE);
            List<KeywordSearch.Hit> theirs = fts5.search(terms, 5, Long.MIN_VALUE, Long.MAX_VALUE);

            // then the same chunks come first, with nearly the same scores (tokenisers differ slightly on lengths)
            assertEquals(theirs.isEmpty(), mine.isEmpty(), q);
            if (theirs.isEmpty()) continue;
            assertEquals(theirs.get(0).chunkId(), mine.get(0).chunkId(), q);
            assertEquals(theirs.get(0).score(), mine.get(0).score(), theirs.get(0).score() * 0.05, q);
            List<Long> top3 = new ArrayList<>(mine.stream().limit(3).map(KeywordSearch.Hit::chunkId).toList());
            top3.retainAll(theirs.stream().map(KeywordSearch.Hit::chunkId).toList());
            assertTrue(top3.size() >= Math.min(3, theirs.size()) - 1, q + ": " + mine + " vs " + theirs);
        }
    }

    @Test
    void should_rank_a_chunk_with_a_rare_word_above_one_repeating_a_common_word() {
        // given "harbour" in four articles, "zanzibar" in one
        ingest(List.of(
                article("a", "Harbour news", "2025-01-10", "The harbour reopened. The harbour master spoke."),
                article("b", "Town news", "2025-01-10", "Zanzibar traders arrived in town."),
                article("c", "Ferry", "2025-01-10", "A ferry left the harbour on time."),
                article("d", "Weather", "2025-01-10", "Rain closed the harbour."),
                article("e", "Fishing", "2025-01-10", "Boats stayed in the harbour."),
                article("f", "Market", "2025-01-10", "The market sold fish.")));

        // when
        List<KeywordSearch.Hit> hits = index.search(List.of("zanzibar", "harbour"), 10, Long.MIN_VALUE, Long.MAX_VALUE);

        // then the rare word wins, the article naming the common word three times comes next, and "f" is not found
        assertEquals(List.of("b", "a"), articles(hits).subList(0, 2));
        assertEquals(5, hits.size());
    }

    @Test
    void should_forget_removed_and_replaced_articles_when_the_store_changes() {
        // given
        ingest(List.of(article("old", "Goma talks", "2025-01-10", "Talks on Goma began in Nairobi."),
                article("other", "Goma market", "2025-01-11", "Goma traders reopened the market.")));

        // when
        store.remove("old");
        ingest(List.of(article("other", "Goma market", "2025-01-11", "Kinshasa traders reopened the market.")));

        // then
        assertEquals(List.of(), index.search(List.of("nairobi"), 10, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(List.of("other"), articles(index.search(List.of("kinshasa"), 10, Long.MIN_VALUE, Long.MAX_VALUE)));
        assertEquals(List.of("other"), articles(index.search(List.of("goma"), 10, Long.MIN_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void should_keep_finding_the_living_chunks_when_many_removals_compact_the_index() {
        // given 1,500 small articles, 1,200 of them removed again (enough to trigger compaction)
        List<Article> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add(article("n" + i, "Note " + i, "2025-01-10", "Token" + i + " appears here with kestrel."));
        }
        ingest(many);
        for (int i = 0; i < 1200; i++) store.remove("n" + i);

        // when
        List<KeywordSearch.Hit> gone = index.search(List.of("token5"), 10, Long.MIN_VALUE, Long.MAX_VALUE);
        List<KeywordSearch.Hit> kept = index.search(List.of("token1300"), 10, Long.MIN_VALUE, Long.MAX_VALUE);
        List<KeywordSearch.Hit> all = index.search(List.of("kestrel"), 5000, Long.MIN_VALUE, Long.MAX_VALUE);

        // then
        assertEquals(List.of(), gone);
        assertEquals(List.of("n1300"), articles(kept));
        assertEquals(300, all.size());
        assertEquals(300, index.chunkCount());
    }

    @Test
    void should_find_everything_again_when_reloaded_from_the_database() {
        // given
        ingest(List.of(article("old", "Goma talks", "2025-01-10", "Talks on Goma began in Nairobi.")));

        // when
        KeywordIndex reloaded = KeywordIndex.loadFrom(new ArticleStore(db), 0.5, KeywordIndex.DEFAULT_MAX_TERMS, KeywordIndex.FTS5_K1);

        // then
        assertEquals(index.search(List.of("goma", "nairobi"), 10, Long.MIN_VALUE, Long.MAX_VALUE),
                reloaded.search(List.of("goma", "nairobi"), 10, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(1, reloaded.search(List.of("nairobi"), 10, Long.MIN_VALUE, Long.MAX_VALUE).size());
    }
}
