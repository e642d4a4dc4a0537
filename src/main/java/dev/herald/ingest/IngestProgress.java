package dev.herald.ingest;

/** Told as ingestion advances; implementations draw a progress bar or log. Called from the ingesting thread. */
public interface IngestProgress {

    /**
     * @param articlesSeen  articles read so far (stored, unchanged or skipped)
     * @param articlesTotal expected total, or -1 when unknown
     * @param chunksEmbedded chunks embedded and stored so far
     * @param elapsedMillis time since the start
     */
    void update(int articlesSeen, int articlesTotal, int chunksEmbedded, long elapsedMillis);

    IngestProgress NONE = (a, t, c, e) -> { };
}
