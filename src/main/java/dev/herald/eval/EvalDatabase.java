package dev.herald.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.article.Article;
import dev.herald.store.MetaStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The evaluation's database: its default name (reused while corpus and chunking stay the same) and its records. */
public final class EvalDatabase {

    /** Meta key holding the first ingest's figures, as JSON. */
    public static final String INGEST_KEY = "eval.ingest";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalDatabase() {
    }

    /**
     * {@code data/eval-<8 hex>.db}, the hex being the start of SHA-256 over the corpus's absolute path, size,
     * modification time and the chunking settings: a re-run on the same corpus reuses the database, a changed corpus
     * or chunking gets a fresh one.
     */
    public static Path defaultPath(Path corpus, int maxWords, int overlapSentences) throws IOException {
        Path abs = corpus.toAbsolutePath().normalize();
        String key = abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis()
                + "|chunking.max-words=" + maxWords + "|chunking.overlap-sentences=" + overlapSentences;
        return Path.of("data", "eval-" + Article.sha256Hex(key).substring(0, 8) + ".db");
    }

    /** The first ingest's figures stored in this database, if any. */
    public static Optional<EvalReport.IngestRun> firstIngest(MetaStore meta) {
        String json = meta.get(INGEST_KEY).orElse(null);
        if (json == null) return Optional.empty();
        try {
            return Optional.of(MAPPER.readValue(json, EvalReport.IngestRun.class));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // unreadable record: treated as unknown, and replaced by the next real ingest
        }
    }

    public static void saveFirstIngest(MetaStore meta, EvalReport.IngestRun run) {
        String json;
        try {
            json = MAPPER.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        meta.put(INGEST_KEY, json);
    }

    /**
     * What to record as the database's first ingest after this run: nothing known yet and chunks embedded now →
     * this run; the recorded one was interrupted and this run resumed it → both added together; otherwise the
     * recorded one stays.
     */
    public static Optional<EvalReport.IngestRun> mergeFirst(Optional<EvalReport.IngestRun> stored,
                                                            EvalReport.IngestRun now) {
        if (stored.isEmpty()) return now.chunks() > 0 ? Optional.of(now) : Optional.empty();
        EvalReport.IngestRun s = stored.get();
        if (s.interrupted() && now.chunks() > 0) {
            int chunks = s.chunks() + now.chunks();
            double seconds = s.seconds() + now.seconds();
            return Optional.of(new EvalReport.IngestRun(s.added() + now.added(), s.updated() + now.updated(),
                    now.unchanged(), now.skipped(), chunks, seconds, seconds <= 0 ? 0 : chunks / seconds,
                    now.interrupted()));
        }
        return stored;
    }
}
