package dev.herald.eval;

import dev.herald.store.Database;
import dev.herald.store.MetaStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void should_name_the_same_database_when_corpus_and_chunking_are_unchanged() throws IOException {
        // given
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "{\"text\": \"x\"}\n");

        // when
        Path a = EvalDatabase.defaultPath(corpus, 90, 1);
        Path b = EvalDatabase.defaultPath(corpus, 90, 1);
        Path otherChunking = EvalDatabase.defaultPath(corpus, 120, 1);
        Files.setLastModifiedTime(corpus, FileTime.fromMillis(Files.getLastModifiedTime(corpus).toMillis() + 5000));
        Path touched = EvalDatabase.defaultPath(corpus, 90, 1);

        // then
        assertEquals(a, b);
        assertTrue(a.toString().matches("data[/\\\\]eval-[0-9a-f]{8}\\.db"), a.toString());
        assertNotEquals(a, otherChunking);
        assertNotEquals(a, touched);
    }

    @Test
    void should_keep_the_first_ingest_and_store_it_in_meta_when_a_later_run_skips_everything() {
        // given a first run that embedded chunks, and a second that found everything unchanged
        EvalReport.IngestRun first = new EvalReport.IngestRun(6, 0, 0, 0, 120, 4.0, 30.0, false);
        EvalReport.IngestRun again = new EvalReport.IngestRun(0, 0, 6, 0, 0, 0.2, 0.0, false);

        // when
        Optional<EvalReport.IngestRun> afterFirst = EvalDatabase.mergeFirst(Optional.empty(), first);
        Optional<EvalReport.IngestRun> afterSecond = EvalDatabase.mergeFirst(afterFirst, again);
        Optional<EvalReport.IngestRun> nothingYet = EvalDatabase.mergeFirst(Optional.empty(), again);

        // then
        assertEquals(Optional.of(first), afterFirst);
        assertEquals(Optional.of(first), afterSecond);
        assertEquals(Optional.empty(), nothingYet);
        try (Database db = Database.open(dir.resolve("meta.db"))) {
            MetaStore meta = new MetaStore(db);
            assertEquals(Optional.empty(), EvalDatabase.firstIngest(meta));
            EvalDatabase.saveFirstIngest(meta, first);
            assertEquals(Optional.of(first), EvalDatabase.firstIngest(meta));
        }
    }

    @Test
    void should_add_a_resumed_ingest_to_an_interrupted_first_one() {
        // given
        EvalReport.IngestRun stopped = new EvalReport.IngestRun(3, 0, 0, 0, 60, 2.0, 30.0, true);
        EvalReport.IngestRun resumed = new EvalReport.IngestRun(3, 0, 3, 0, 60, 4.0, 15.0, false);

        // when
        EvalReport.IngestRun merged = EvalDatabase.mergeFirst(Optional.of(stopped), resumed).orElseThrow();

        // then
        assertEquals(120, merged.chunks());
        assertEquals(6.0, merged.seconds(), 1e-9);
        assertEquals(20.0, merged.chunksPerSecond(), 1e-9);
        assertEquals(6, merged.added());
        assertTrue(!merged.interrupted());
    }
}
