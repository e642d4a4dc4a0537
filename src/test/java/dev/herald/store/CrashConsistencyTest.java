package dev.herald.store;

import dev.herald.index.KeywordIndex;
import dev.herald.index.LuceneIndex;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashConsistencyTest {

    private static final int ARTICLES = 600;

    @TempDir
    Path dir;

    @Test
    void should_leave_a_consistent_database_and_resume_when_ingest_is_killed() throws Exception {
        // given: a child JVM ingesting slowly
        Path dbFile = dir.resolve("crash.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), dbFile.toString(),
                String.valueOf(ARTICLES)).redirectErrorStream(true).start();

        // when: it has committed a few batches, kill -9
        killAfterProgress(child, 15);

        // then: every stored article is whole, and a second run completes the rest
        try (Database db = Database.open(dbFile)) {
            assertEquals("ok", text(db, "PRAGMA integrity_check"));
            int articlesBefore = count(db, "SELECT COUNT(*) FROM articles");
            assertTrue(articlesBefore > 0 && articlesBefore < ARTICLES, "killed mid-way: " + articlesBefore);
            assertEquals(0, count(db, "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.article_id = a.id)"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id)"));
            assertEquals(count(db, "SELECT COUNT(*) FROM chunks"), count(db, "SELECT COUNT(*) FROM chunks_fts"));

            ArticleStore store = new ArticleStore(db);
            IngestSummary resumed = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel(), new Chunker(20, 0), 4)
                    .ingestAll(IngestChild.articles(ARTICLES), IngestProgress.NONE);

            assertEquals(articlesBefore, resumed.unchanged());
            assertEquals(ARTICLES - articlesBefore, resumed.added());
            assertEquals(ARTICLES, store.articleCount());
        }
    }

    @Test
    void should_leave_the_search_index_agreeing_with_the_store_when_ingest_is_killed_amid_index_commits() throws Exception {
        // given: a child JVM ingesting slowly with the search index open, committing it after every batch
        Path dbFile = dir.resolve("crash.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), dbFile.toString(),
                String.valueOf(ARTICLES), "index").redirectErrorStream(true).start();

        // when: kill -9 after a few batches
        killAfterProgress(child, 15);

        // then: opened again, the index holds exactly what the store holds, by catching up from its last commit
        try (Database db = Database.open(dbFile)) {
            ArticleStore store = new ArticleStore(db);
            int articlesBefore = store.articleCount();
            assertTrue(articlesBefore > 0 && articlesBefore < ARTICLES, "killed mid-way: " + articlesBefore);
            try (LuceneIndex index = openIndex(dbFile, db, store)) {
                assertAgree(store, index);
                assertEquals(new ChangeLog(db).lastSeq(), index.appliedSeq());

                // and it follows the resumed ingest
                new Ingestor(store, new AliasStore(db), new HashingEmbeddingModel(), new Chunker(20, 0), 4)
                        .ingestAll(IngestChild.articles(ARTICLES), IngestProgress.NONE);
                assertEquals(ARTICLES, store.articleCount());
                assertAgree(store, index);
            }
        }
    }

    private static LuceneIndex openIndex(Path dbFile, Database db, ArticleStore store) {
        return LuceneIndex.open(Path.of(dbFile + ".index"), store, new ChangeLog(db), 0.5, 12, KeywordIndex.DEFAULT_K1,
                LuceneIndex.Progress.NONE);
    }

    /** Every stored chunk is in the index with its own vector, and nothing else is. */
    private static void assertAgree(ArticleStore store, LuceneIndex index) {
        assertEquals(store.chunkCount(), index.chunkCount());
        float[] probe = new HashingEmbeddingModel().embed("Goma").content().vector();
        for (long id : store.chunkIds()) {
            assertTrue(!Double.isNaN(index.similarity(probe, id)), "chunk " + id + " indexed");
        }
        assertEquals(store.articleCount(), index.search(java.util.List.of("goma"), 100_000, Long.MIN_VALUE, Long.MAX_VALUE)
                .stream().map(h -> h.articleId()).distinct().count());
    }

    private static void killAfterProgress(Process child, int lines) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            int progressLines = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("finished")) break;
                if (line.startsWith("progress") && ++progressLines == lines) break;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static int count(Database db, String sql) {
        return Integer.parseInt(text(db, sql));
    }

    private static String text(Database db, String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
