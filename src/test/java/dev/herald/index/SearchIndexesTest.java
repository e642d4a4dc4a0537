package dev.herald.index;

import dev.herald.store.AliasStore;
import dev.herald.store.Database;
import dev.herald.store.ArticleStore;
import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchIndexesTest {

    @TempDir
    Path dir;
    Database db;
    ArticleStore store;
    SearchIndexes indexes;
    Ingestor ingestor;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("h.db"));
        store = new ArticleStore(db);
        indexes = new SearchIndexes(store, VectorIndex::new, () -> new KeywordIndex(0.5, 12), Duration.ofHours(1));
        ingestor = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
    }

    @AfterEach
    void close() {
        indexes.close();
        db.close();
    }

    private void ingest(Article... articles) {
        ingestor.ingestAll(List.of(articles), IngestProgress.NONE);
    }

    private static Article note(int i) {
        return article("n" + i, "Note " + i, "2025-01-10", "Marker" + i + " was seen in the harbour today.");
    }

    private List<String> articlesFor(String word) {
        return indexes.keywords().search(List.of(word), 10, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .map(KeywordSearch.Hit::articleId).distinct().toList();
    }

    @Test
    void should_find_articles_stored_before_and_after_the_indexes_are_first_used() {
        // given an article stored while nothing has searched yet
        ingest(note(1));
        assertFalse(indexes.isLoaded());

        // when the indexes are first used, and the store changes afterwards
        List<String> before = articlesFor("marker1");
        ingest(note(2));
        store.remove("n1");

        // then
        assertTrue(indexes.isLoaded());
        assertEquals(List.of("n1"), before);
        assertEquals(List.of("n2"), articlesFor("marker2"));
        assertEquals(List.of(), articlesFor("marker1"));
        assertEquals(1, indexes.vectors().size());
    }

    @Test
    void should_miss_nothing_and_keep_nothing_removed_when_loaded_while_a_reload_writes() throws Exception {
        // given 200 stored articles, and a writer adding 200 more and removing the first 100 while the indexes load
        for (int i = 0; i < 200; i++) ingest(note(i));
        Thread writer = new Thread(() -> {
            for (int i = 200; i < 400; i++) {
                ingest(note(i));
                if (i % 2 == 0) store.remove("n" + (i - 200) / 2);
            }
        });

        // when
        writer.start();
        indexes.load();
        writer.join();

        // then the indexes hold exactly what the database holds
        assertEquals(store.chunkCount(), indexes.vectors().size());
        assertEquals(store.chunkCount(), indexes.keywords().chunkCount());
        for (int i = 0; i < 400; i++) {
            List<String> expected = i < 100 ? List.of() : List.of("n" + i);
            assertEquals(expected, articlesFor("marker" + i), "article n" + i);
        }
    }

    @Test
    void should_pick_up_what_another_process_stored_or_removed_when_it_looks_for_outside_changes() throws Exception {
        // given indexes in use here, and a second connection set on the same file, as a command-line reload would have
        ingest(note(1), note(2));
        assertEquals(List.of("n1"), articlesFor("marker1"));
        try (Database otherDb = Database.open(dir.resolve("h.db"))) {
            ArticleStore other = new ArticleStore(otherDb);
            Ingestor otherIngestor = new Ingestor(other, new AliasStore(other.database()), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
            Ingestor.Run run = otherIngestor.start(1, IngestProgress.NONE);
            run.accept(note(3));
            run.finish();
            other.remove("n1");
        }
        assertEquals(List.of(), articlesFor("marker3"), "not seen before looking");

        // when
        boolean rebuilt = indexes.refreshIfChangedElsewhere().get();

        // then
        assertTrue(rebuilt);
        assertEquals(List.of("n3"), articlesFor("marker3"));
        assertEquals(List.of(), articlesFor("marker1"));
        assertEquals(2, indexes.vectors().size());
        // and this process's own changes keep reaching the new indexes, without another rebuild
        ingest(note(4));
        assertEquals(List.of("n4"), articlesFor("marker4"));
        assertFalse(indexes.refreshIfChangedElsewhere().get());
    }

    @Test
    void should_not_open_the_index_on_disk_when_a_background_load_starts_after_close() {
        // given indexes whose warm-up has not begun yet when their owner closes them (a piped chat ended at once)
        var opened = new java.util.concurrent.atomic.AtomicInteger();
        SearchIndexes late = new SearchIndexes(store, () -> {
            opened.incrementAndGet();
            throw new IllegalStateException("must not be opened after close");
        }, VectorIndex::new, () -> new KeywordIndex(0.5, 12), Duration.ofHours(1));
        late.close();

        // when the warm-up runs
        var load = late.loadInBackground();

        // then it ends without opening anything that no one would close
        var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> load.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("closed"), failure.getCause().toString());
        assertEquals(0, opened.get());
    }
}
