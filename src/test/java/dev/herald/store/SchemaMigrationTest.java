package dev.herald.store;

import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway takes over the schema: databases made by Herald before it (schema 1 to 6) open and keep working. */
class SchemaMigrationTest {

    /** The newest step: one file per step in each dialect's folder (a later step only adds files). */
    private static final int NEWEST = steps("sqlite").size();

    @TempDir
    Path dir;

    /** The history of a database taken over at {@code version}: the baseline, then every later step. */
    private static List<String> baselinedAt(int version) {
        List<String> out = new ArrayList<>(List.of(version + ":BASELINE"));
        for (int v = version + 1; v <= NEWEST; v++) out.add(v + ":SQL");
        return out;
    }

    /** A database exactly as Herald before Flyway made it, at schema {@code version}, with one article in it. */
    private Path madeBeforeFlyway(int version) throws SQLException {
        Path file = dir.resolve("old-" + version + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            PreFlywaySchema.migrate(c, version);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        INSERT INTO articles(id, url, url_key, title, source, published_at, text, origin, content_hash,
                          ingested_at) VALUES ('old', 'https://example.org/old', 'example.org/old', 'Old story',
                          'Test Wire', 1737979200, 'Stored by the old code.', 'test:old', 'h-old', 1737979200)""");
                st.execute("INSERT INTO chunks(id, article_id, seq, text) VALUES (1, 'old', 0, 'Stored by the old code.')");
                st.execute("INSERT INTO vectors(chunk_id, vector) VALUES (1, x'0000803f')");
                st.execute("INSERT INTO chunks_fts(rowid, title, body) VALUES (1, 'Old story', 'Stored by the old code.')");
            }
        }
        return file;
    }

    private static List<String> history(Database db) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT version, type FROM " + Schema.HISTORY + " ORDER BY installed_rank")) {
                while (rs.next()) out.add(rs.getString(1) + ":" + rs.getString(2));
            }
            return out;
        });
    }

    private static String text(Database db, String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void should_baseline_and_keep_using_a_database_made_before_flyway_when_it_is_at_schema_6() throws Exception {
        // given
        Path file = madeBeforeFlyway(6);

        // when
        try (Database db = Database.open(file)) {
            ArticleStore store = new ArticleStore(db);
            new Ingestor(store, new AliasStore(db), new HashingEmbeddingModel(), new Chunker(40, 0), 8)
                    .ingestAll(List.of(article("new", "New story", "2025-01-28", "Stored by the new code.")), IngestProgress.NONE);

            // then: nothing re-run, the old article still there, the new one stored beside it and in the change log
            assertEquals(baselinedAt(6), history(db));
            assertEquals(NEWEST, db.schemaVersion());
            assertEquals(String.valueOf(NEWEST), text(db, "SELECT value FROM meta WHERE key = 'schema_version'"));
            assertEquals(2, store.articleCount());
            assertTrue(store.articleChunks("old").isPresent());
            assertEquals(List.of("old", "new"), new ChangeLog(db).since(0, 10).stream().map(ChangeLog.ContentChange::articleId).toList());
            assertTrue(new AliasStore(db).nearDuplicate(article("copy", "Old story", "2025-01-28", "Stored by the old code.")).isPresent());
        }
        try (Database reopened = Database.open(file)) {
            assertEquals(baselinedAt(6), history(reopened));
        }
    }

    @Test
    void should_apply_only_the_later_steps_when_a_database_made_before_flyway_is_at_schema_4() throws Exception {
        // given
        Path file = madeBeforeFlyway(4);

        // when
        try (Database db = Database.open(file)) {
            // then
            assertEquals(baselinedAt(4), history(db));
            assertEquals(String.valueOf(NEWEST), text(db, "SELECT value FROM meta WHERE key = 'schema_version'"));
            new BriefingStore(db).setZone(7, "Africa/Nairobi");
            assertEquals("Africa/Nairobi", new BriefingStore(db).get(7).orElseThrow().zone());
            assertEquals(1, new ArticleStore(db).articleCount());
            assertEquals(0, new ChangeLog(db).lastSeq(), "the change log starts empty: the old article came before it");
        }
    }

    @Test
    void should_refuse_a_database_with_a_newer_schema_than_this_herald() throws Exception {
        // given
        Path file = madeBeforeFlyway(6);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }

        // when
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));

        // then
        assertTrue(e.getMessage().contains("schema version 99 is newer than this Herald (" + NEWEST + ")"), e.getMessage());
        try (Database made = Database.open(dir.resolve("flyway.db"))) {
            made.transaction(c -> c.createStatement().executeUpdate("UPDATE meta SET value = '" + (NEWEST + 1) + "' WHERE key = 'schema_version'"));
        }
        StoreException again = assertThrows(StoreException.class, () -> Database.open(dir.resolve("flyway.db")));
        assertTrue(again.getMessage().contains("schema version " + (NEWEST + 1) + " is newer than this Herald (" + NEWEST + ")"),
                again.getMessage());
    }

    @Test
    void should_make_a_new_database_with_every_step_recorded() {
        try (Database db = Database.open(dir.resolve("new.db"))) {
            assertEquals(baselinedAt(0).subList(1, NEWEST + 1), history(db));
            assertEquals(NEWEST, db.schemaVersion());
        }
        try (Database reopened = Database.open(dir.resolve("new.db"))) {
            assertEquals(baselinedAt(0).subList(1, NEWEST + 1), history(reopened));
            assertEquals(NEWEST, reopened.schemaVersion());
        }
    }

    @Test
    void should_have_the_same_numbered_steps_for_both_databases_when_a_step_is_added() {
        assertEquals(steps("sqlite"), steps("postgresql"));
        assertEquals(NEWEST, Schema.NEWEST, "Schema.NEWEST must name the newest step");
        assertTrue(steps("sqlite").get(NEWEST - 1).startsWith("V" + NEWEST + "__"), steps("sqlite").toString());
    }

    private static List<String> steps(String dialect) {
        try {
            Path folder = Path.of(SchemaMigrationTest.class.getClassLoader().getResource("db/migration/" + dialect).toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(p -> p.getFileName().toString())
                        .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                        .toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
