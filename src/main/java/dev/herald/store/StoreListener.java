package dev.herald.store;

/** Told about committed changes, so in-memory indexes follow the database. Called after commit only. */
public interface StoreListener {

    void articleStored(String articleId, long[] chunkIds, float[][] vectors, Long publishedEpochSecond);

    void articleRemoved(String articleId, long[] chunkIds);
}
