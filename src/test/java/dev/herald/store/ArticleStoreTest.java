package dev.herald.store;

import dev.herald.index.VectorIndex;
import dev.herald.index.KeywordIndex;
import dev.herald.index.KeywordSearch;
import dev.herald.index.VectorSearch;
import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class ArticleStoreTest {

    @Parameter
    StoreBackend backend;
    @TempDir
    Path dir;
    StoreBackend.Location location;
    Database db;
    ArticleStore store;
    VectorIndex vectors;
    KeywordIndex keywords;
    Ingestor ingestor;

    @BeforeEach
    void open() {
        location = backend.create(dir);
        db = location.open();
        store = new ArticleStore(db);
        vectors = VectorIndex.loadFrom(store);
        keywords = KeywordIndex.loadFrom(store, 0.5);
        ingestor = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (location != null) location.close();
    }

    private IngestSummary ingest(Article... articles) {
        return ingestor.ingestAll(List.of(articles), IngestProgress.NONE);
    }

    private static final String GOMA = "M23 rebels say they control Goma. Congo disputes the claim. "
            + "At least 17 people were killed and more than 300 injured in the clashes.";

    @Test
    void should_store_an_article_once_when_ingested_twice() {
        // given
        Article a = article("goma", "Rebels take Goma", "2025-01-27", GOMA);

        // when
        IngestSummary first = ingest(a);
        IngestSummary second = ingest(a);

        // then
        assertEquals(1, first.added());
        assertEquals(0, second.added());
        assertEquals(1, second.unchanged());
        assertEquals(1, store.articleCount());
        assertEquals(vectors.size(), store.chunkCount());
    }

    @Test
    void should_recognise_the_same_url_under_another_id_and_the_same_text_without_url() {
        // given
        Article a = article("goma", "Rebels take Goma", "2025-01-27", GOMA);
        Article sameUrl = new Article("other-id", a.title(), a.source(), "http://www.example.org/goma/", a.publishedAt(),
                a.text(), "elsewhere");
        Article noUrl1 = new Article(Article.deriveId(null, "T", "Same text here."), "T", "S", null, null, "Same text here.", "x");
        Article noUrl2 = new Article(Article.deriveId(null, "T", "Same text here."), "T", "S", null, null, "Same text here.", "y");

        // when
        ingest(a, noUrl1);
        IngestSummary again = ingest(sameUrl, noUrl2);

        // then
        assertEquals(2, store.articleCount());
        assertEquals(2, again.unchanged() + again.updated());
        assertEquals(0, again.added());
    }

    @Test
    void should_replace_chunks_vectors_and_keyword_rows_when_an_article_changes() {
        // given
        ingest(article("goma", "Rebels take Goma", "2025-01-27", GOMA));
        long oldChunks = store.chunkCount();

        // when
        IngestSummary s = ingest(article("goma", "Rebels take Goma", "2025-01-27",
                "Update: fighting moved to Bukavu. Aid groups evacuated staff from the region."));

        // then
        assertEquals(1, s.updated());
        assertEquals(1, store.articleCount());
        assertTrue(keywords.search(List.of("injured"), 10, Long.MIN_VALUE, Long.MAX_VALUE).isEmpty(),
                "old text must be gone from the keyword index");
        assertFalse(keywords.search(List.of("bukavu"), 10, Long.MIN_VALUE, Long.MAX_VALUE).isEmpty());
        assertEquals(store.chunkCount(), vectors.size());
        assertEquals(store.chunkCount(), keywordRows());
        assertTrue(oldChunks > 0);
    }

    @Test
    void should_remove_an_article_by_id_or_url_with_everything_it_owns() {
        // given
        ingest(article("goma", "Rebels take Goma", "2025-01-27", GOMA), article("tram", "Tram opens", "2025-01-20",
                "The new tram line opened on Saturday with free rides for a week."));

        // when
        boolean removed = store.remove("https://example.org/goma");

        // then
        assertTrue(removed);
        assertFalse(store.remove("no-such-article"));
        assertEquals(1, store.articleCount());
        assertEquals(store.chunkCount(), vectors.size());
        assertEquals(store.chunkCount(), keywordRows());
        assertEquals(0, rows("SELECT COUNT(*) FROM vectors WHERE chunk_id NOT IN (SELECT id FROM chunks)"));
    }

    @Test
    void should_record_the_schema_version_use_wal_and_reload_vectors_when_reopened() {
        // given
        ingest(article("goma", "Rebels take Goma", "2025-01-27", GOMA));
        int chunks = store.chunkCount();
        db.close();

        // when
        db = location.open();
        store = new ArticleStore(db);
        VectorIndex reloaded = VectorIndex.loadFrom(store);

        // then
        assertEquals(String.valueOf(db.schemaVersion()), text("SELECT value FROM meta WHERE key = 'schema_version'"));
        if (backend == StoreBackend.SQLITE) assertEquals("wal", text("PRAGMA journal_mode"));
        assertEquals(chunks, reloaded.size());
    }

    @Test
    void should_hide_articles_published_after_the_as_of_date_from_both_searches() {
        // given
        ingest(article("old", "Goma talks", "2025-01-10", "Talks on Goma began in Nairobi."),
                article("new", "Goma falls", "2025-01-27", "Goma fell to the rebels after talks failed."));
        long asOf = Instant.parse("2025-01-20T00:00:00Z").getEpochSecond();

        // when
        var kw = keywords.search(List.of("goma"), 10, Long.MIN_VALUE, asOf);
        var vec = vectors.search(new HashingEmbeddingModel().embed("Goma").content().vector(), 10, Long.MIN_VALUE, asOf);

        // then
        assertEquals(List.of("old"), kw.stream().map(KeywordSearch.Hit::articleId).distinct().toList());
        assertEquals(List.of("old"), vec.stream().map(VectorSearch.Hit::articleId).distinct().toList());
    }

    /** Rows of the keyword index near-duplicate detection searches: FTS5's, or chunks with their words indexed. */
    private int keywordRows() {
        return rows(backend == StoreBackend.SQLITE ? "SELECT COUNT(*) FROM chunks_fts"
                : "SELECT COUNT(*) FROM chunks WHERE words @@ to_tsquery('simple', 'goma | tram | bukavu')");
    }

    private int rows(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private String text(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
