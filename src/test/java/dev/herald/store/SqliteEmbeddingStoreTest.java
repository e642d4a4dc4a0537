package dev.herald.store;

import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteEmbeddingStoreTest {

    @TempDir
    Path dir;

    @Test
    void should_serve_langchain4j_retrievers_with_citable_metadata_and_date_filters() {
        // given
        try (Database db = Database.open(dir.resolve("h.db"))) {
            ArticleStore store = new ArticleStore(db);
            VectorIndex index = VectorIndex.loadFrom(store);
            HashingEmbeddingModel model = new HashingEmbeddingModel();
            Ingestor.Run run = new Ingestor(store, model, new Chunker()).start(2, IngestProgress.NONE);
            run.accept(article("jan", "Coffee prices climb", "2025-01-10", "Drought pushed coffee prices up sharply."));
            run.accept(article("feb", "Coffee prices fall", "2025-02-10", "Rain brought coffee prices down again."));
            run.finish();
            SqliteEmbeddingStore embeddingStore = new SqliteEmbeddingStore(store, index);
            long asOf = Instant.parse("2025-01-31T00:00:00Z").getEpochSecond();

            // when
            EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                    .embeddingStore(embeddingStore).embeddingModel(model).maxResults(5)
                    .filter(MetadataFilterBuilder.metadataKey(ChunkMetadata.PUBLISHED_AT).isLessThanOrEqualTo(asOf))
                    .build();
            List<Content> found = retriever.retrieve(Query.from("coffee prices"));

            // then
            assertFalse(found.isEmpty());
            assertEquals(List.of("jan"), found.stream()
                    .map(c -> c.textSegment().metadata().getString(ChunkMetadata.ARTICLE_ID)).distinct().toList());
            assertEquals("Coffee prices climb", found.get(0).textSegment().metadata().getString(ChunkMetadata.TITLE));
            assertEquals("https://example.org/jan", found.get(0).textSegment().metadata().getString(ChunkMetadata.URL));
        }
    }

    @Test
    void should_make_every_process_rebuild_its_indexes_when_vectors_are_replaced_or_removed_through_it() {
        // given
        try (Database db = Database.open(dir.resolve("h.db"))) {
            ArticleStore store = new ArticleStore(db);
            HashingEmbeddingModel model = new HashingEmbeddingModel();
            Ingestor.Run run = new Ingestor(store, model, new Chunker()).start(1, IngestProgress.NONE);
            run.accept(article("jan", "Coffee prices climb", "2025-01-10", "Drought pushed coffee prices up sharply."));
            run.finish();
            SearchIndexes indexes = new SearchIndexes(store, VectorIndex::new, () -> new KeywordIndex(0.5, 12),
                    java.time.Duration.ofHours(1));
            SqliteEmbeddingStore embeddingStore = new SqliteEmbeddingStore(store, indexes::vectors);
            long chunk = indexes.keywords().search(List.of("coffee"), 1, Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunkId();
            long before = store.contentVersion();

            // when
            embeddingStore.add(Long.toString(chunk), model.embed("tea").content());
            long afterReplace = store.contentVersion();
            embeddingStore.removeAll(List.of(Long.toString(chunk)));

            // then
            assertEquals(before + 1, afterReplace);
            assertEquals(before + 2, store.contentVersion());
            assertTrue(indexes.refreshIfChangedElsewhere().join(), "the indexes see a change they were not told of");
        }
    }
}
