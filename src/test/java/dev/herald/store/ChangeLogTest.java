package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.store.ChangeLog.ContentChange;
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
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class ChangeLogTest {

    @Parameter
    StoreBackend backend;
    @TempDir
    Path dir;
    StoreBackend.Location location;
    Database db;
    ArticleStore store;
    ChangeLog log;
    Ingestor ingestor;

    @BeforeEach
    void open() {
        location = backend.create(dir);
        db = location.open();
        store = new ArticleStore(db);
        log = new ChangeLog(db);
        ingestor = new Ingestor(store, new AliasStore(db), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (location != null) location.close();
    }

    private void ingest(Article... articles) {
        ingestor.ingestAll(List.of(articles), IngestProgress.NONE);
    }

    @Test
    void should_list_stores_replacements_and_removals_in_commit_order() {
        // given
        ingest(article("goma", "Rebels take Goma", "2025-01-27", "M23 rebels say they control Goma."),
                article("tram", "Tram opens", "2025-01-20", "The new tram line opened on Saturday."));

        // when
        ingest(article("goma", "Rebels take Goma", "2025-01-27", "Update: fighting moved to Bukavu."));
        store.remove("tram");

        // then
        List<String> seen = log.since(0, 100).stream().map(c -> (c.stored() ? "+" : "-") + c.articleId()).toList();
        assertEquals(5, seen.size(), seen.toString());
        assertEquals("+goma", seen.get(0));
        assertEquals("+tram", seen.get(1));
        assertEquals(List.of("-goma", "+goma", "-tram"), seen.subList(2, 5));
    }

    @Test
    void should_give_only_what_came_after_a_seq_when_an_index_catches_up() {
        // given
        ingest(article("goma", "Rebels take Goma", "2025-01-27", "M23 rebels say they control Goma."));
        long applied = log.lastSeq();

        // when
        ingest(article("tram", "Tram opens", "2025-01-20", "The new tram line opened on Saturday."));
        ingest(article("goma", "Rebels take Goma", "2025-01-27", "M23 rebels say they control Goma."));

        // then: the unchanged re-ingest of goma wrote nothing, so only the tram is new
        List<ContentChange> after = log.since(applied, 100);
        assertEquals(1, after.size(), after.toString());
        assertEquals("tram", after.get(0).articleId());
        assertTrue(after.get(0).stored());
        assertTrue(after.get(0).seq() > applied);
        assertEquals(after.get(0).seq(), log.lastSeq());
        assertEquals(List.of(), log.since(log.lastSeq(), 100));
    }
}
