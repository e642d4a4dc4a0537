package dev.herald.store;

import dev.herald.article.ArticleChunks;
/**
 * Told about committed changes, so in-memory indexes follow the database. Called after commit only; a replaced article
 * is reported removed, then stored.
 */
public interface StoreListener {

    void articleStored(ArticleChunks stored);

    void articleRemoved(String articleId, long[] chunkIds);

    /** The transaction whose changes were just reported raised the content version to this. */
    default void committed(long contentVersion) {
    }
}
