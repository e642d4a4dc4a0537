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

    /**
     * A listener told only that a transaction changing articles committed, with the content version it reached (it
     * reads what changed itself, or only counts).
     */
    static StoreListener onCommit(java.util.function.LongConsumer committed) {
        return new StoreListener() {
            @Override
            public void articleStored(ArticleChunks stored) {
            }

            @Override
            public void articleRemoved(String articleId, long[] chunkIds) {
            }

            @Override
            public void committed(long contentVersion) {
                committed.accept(contentVersion);
            }
        };
    }
}
