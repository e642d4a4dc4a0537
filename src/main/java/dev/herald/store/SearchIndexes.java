package dev.herald.store;

import java.util.concurrent.CompletableFuture;

/**
 * The in-memory indexes over the stored chunks, vectors and keywords, filled from the database on first use.
 *
 * <p>Filling them reads and tokenises every chunk (about 5 s for the 111k-chunk benchmark archive), so commands that
 * never search (stats, sources, ingest) do not pay for it; the bot and the console chat start filling them in the
 * background as they start. Once filled they follow every committed change of the store.
 */
public final class SearchIndexes {

    private final ArticleStore store;
    private final VectorIndex vectors;
    private final KeywordIndex keywords;
    private volatile boolean loaded;

    public SearchIndexes(ArticleStore store, VectorIndex vectors, KeywordIndex keywords) {
        this.store = store;
        this.vectors = vectors;
        this.keywords = keywords;
    }

    /** The vector index, filled. */
    public VectorIndex vectors() {
        load();
        return vectors;
    }

    /** The keyword index, filled. */
    public KeywordIndex keywords() {
        load();
        return keywords;
    }

    /** Fills both indexes unless done already; callers arriving meanwhile wait for it. */
    public void load() {
        if (loaded) return;
        synchronized (this) {
            if (loaded) return;
            store.replayAndFollow(vectors, keywords);
            loaded = true;
        }
    }

    /** Starts filling the indexes on a daemon thread, so the first question does not wait for all of it. */
    public CompletableFuture<Void> loadInBackground() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                load();
                done.complete(null);
            } catch (RuntimeException e) {
                // the first search will try again and report the failure to whoever asked
                done.completeExceptionally(e);
            }
        }, "index-load");
        t.setDaemon(true);
        t.start();
        return done;
    }

    public boolean isLoaded() {
        return loaded;
    }
}
