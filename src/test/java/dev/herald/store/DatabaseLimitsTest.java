package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.article.Chunk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a full disk and a read-only folder look like to the user: real SQLite files. */
class DatabaseLimitsTest {

    @TempDir
    Path dir;

    private static PreparedArticle article(String id, int chunks) {
        Article a = new Article(id, "Title " + id, "Wire", null, null, "x".repeat(100), "test");
        List<Chunk> cs = new ArrayList<>();
        List<float[]> vs = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            cs.add(new Chunk(i, "chunk " + i + " " + "lorem ipsum dolor ".repeat(40), "embedded"));
            vs.add(new float[384]);
        }
        return new PreparedArticle(a, cs, vs);
    }

    @Test
    void should_say_disk_full_when_sqlite_reports_it_while_writing() {
        try (Database db = Database.open(dir.resolve("h.db"))) {
            ArticleStore store = new ArticleStore(db);
            store.storeAll(List.of(article("small", 1)));
            // given: the database may not grow (SQLite's own limit gives the same SQLITE_FULL as a full disk)
            db.transaction(c -> c.createStatement().execute("PRAGMA max_page_count = "
                    + c.createStatement().executeQuery("PRAGMA page_count").getLong(1)));
            // when
            StoreException e = assertThrows(StoreException.class, () -> store.storeAll(List.of(article("big", 200))));
            // then: the cause in words, and what was stored before is intact
            assertTrue(e.getMessage().startsWith("disk full while writing the database ("), e.getMessage());
            assertEquals(1, store.articleCount());
            // and once there is room again, writing works, still one transaction per batch
            db.transaction(c -> c.createStatement().execute("PRAGMA max_page_count = 1073741823"));
            store.storeAll(List.of(article("next", 3)));
            assertEquals(2, store.articleCount());
            assertThrows(StoreException.class, () -> db.transaction(c -> {
                c.createStatement().execute("DELETE FROM articles");
                throw new java.sql.SQLException("fails half-way");
            }));
            assertEquals(2, store.articleCount(), "the failed transaction was rolled back");
        }
    }

    @Test
    void should_read_and_refuse_writes_when_opened_read_only() {
        // given a database written and closed
        Path file = dir.resolve("h.db");
        try (Database db = Database.open(file)) {
            new ArticleStore(db).storeAll(List.of(article("a", 2)));
        }
        // when
        try (Database db = Database.openReadOnly(file)) {
            ArticleStore store = new ArticleStore(db);
            // then
            assertEquals(1, store.articleCount());
            assertEquals(2, store.chunkCount());
            StoreException e = assertThrows(StoreException.class, () -> store.remove("a"));
            assertTrue(e.getMessage().contains("is read-only here"), e.getMessage());
        }
    }

    @Test
    void should_notice_that_a_database_in_a_read_only_folder_cannot_be_written() throws Exception {
        // given
        Path folder = Files.createDirectories(dir.resolve("ro"));
        Path file = folder.resolve("h.db");
        try (Database db = Database.open(file)) {
            new ArticleStore(db).storeAll(List.of(article("a", 1)));
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(folder), "running as root: permissions cannot make a folder read-only");
            // when / then
            assertTrue(!Database.writable(file));
            try (Database db = Database.openReadOnly(file)) {
                assertEquals(1, new ArticleStore(db).articleCount());
            }
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
