package dev.herald.library;

import dev.herald.Herald;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content operations on a real Herald: the real embedding model, a real SQLite file. */
class ContentLibraryTest {

    @TempDir
    Path dir;

    @Test
    void should_skip_a_record_of_only_invisible_spaces_and_load_the_rest_when_ingesting() throws Exception {
        // given: a JSONL batch whose middle record is zero-width and no-break spaces only
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("batch.jsonl"), String.join("\n",
                "{\"id\": \"tram\", \"title\": \"Tram line opens\", \"text\": \"The new tram line opened on Saturday.\"}",
                "{\"id\": \"ghost\", \"text\": \"\\u200b\\u00a0\\u200b \\ufeff\\u2060\"}",
                "{\"id\": \"bridge\", \"title\": \"Bridge closes\", \"text\": \"The old bridge closes for repairs in May.\"}"));
        try (Herald h = TestHerald.open(dir)) {
            // when
            IngestSummary first = h.library().ingest(List.of(news), IngestProgress.NONE);
            IngestSummary again = h.library().ingest(List.of(news), IngestProgress.NONE);

            // then: the batch loads, the bad record is reported, and a second run finds nothing left to do
            assertEquals(2, first.added(), first.describe());
            assertEquals(1, first.skipped().size(), first.describe());
            assertTrue(first.skipped().get(0).toString().contains("batch.jsonl#2: no text to index"), first.describe());
            assertEquals(2, h.store().articleCount());
            assertEquals(0, again.added(), again.describe());
            assertEquals(2, again.unchanged(), again.describe());
        }
    }
}
