package dev.herald.index;

import dev.herald.store.StoreListener;
import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The search indexes over the stored chunks, vectors and keywords, opened on first use: a {@link LuceneIndex} on disk
 * beside the store, or (with {@code index.path: memory}, or when another process has that folder open) the in-memory
 * {@link KeywordIndex} and {@link VectorIndex} filled from the database.
 *
 * <p>The on-disk index follows the store's change log: every {@code checkEvery} a daemon thread applies what other
 * processes committed (one indexed query when nothing changed), and this process's own commits are applied as they
 * are reported. What follows describes the in-memory indexes.
 *
 * <p>Filling them reads and tokenises every chunk (about 5 s for the 111k-chunk benchmark archive), so commands that
 * never search (stats, sources, ingest) do not pay for it; the bot and the console chat start filling them in the
 * background as they start. Once filled they follow every change this process commits. Changes committed by another
 * process (a command-line {@code herald reload} beside the running bot) show in the store's content version: once
 * filled, a daemon thread compares it every {@code checkEvery}, and a mismatch rebuilds both indexes in the
 * background and swaps them in; searches meanwhile use the old ones. Checking only when a search came made the first
 * question after such a change be answered from the stale indexes. {@link #close} stops the checks.
 */
public final class SearchIndexes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexes.class);

    /** One generation of indexes, with the content version they are known to match. */
    private final class Generation {
        final VectorIndex vectors = newVectors.get();
        final KeywordIndex keywords = newKeywords.get();
        volatile long version;
        // the indexes are told of changes directly; this listener only tracks versions: contiguous is our own commit
        // right after what we knew, a gap means another process committed in between
        final StoreListener versions = StoreListener.onCommit(v -> {
            if (v == version + 1) version = v;
        });

        void load() {
            version = store.contentVersion(); // read first: a commit racing the replay makes it look stale, not fresh
            store.replayAndFollow(vectors, keywords, versions);
        }

        void retire() {
            store.removeListener(vectors);
            store.removeListener(keywords);
            store.removeListener(versions);
        }
    }

    private final ArticleStore store;
    private final Supplier<LuceneIndex> openOnDisk; // null: in memory
    private volatile LuceneIndex onDisk;
    private final Supplier<VectorIndex> newVectors;
    private final Supplier<KeywordIndex> newKeywords;
    private final long checkEveryNanos;
    private volatile Generation current;
    private volatile long lastCheck = System.nanoTime();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private java.util.concurrent.ScheduledExecutorService watcher; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param checkEvery how often a search may look for changes made by other processes (a cheap query)
     */
    public SearchIndexes(ArticleStore store, Supplier<VectorIndex> newVectors, Supplier<KeywordIndex> newKeywords,
                         Duration checkEvery) {
        this(store, null, newVectors, newKeywords, checkEvery);
    }

    /**
     * Indexes on disk, opened by {@code openOnDisk}; the in-memory ones are used instead when the folder is in use by
     * another process.
     *
     * @param checkEvery how often to apply changes other processes made (a cheap query)
     */
    public SearchIndexes(ArticleStore store, Supplier<LuceneIndex> openOnDisk, Supplier<VectorIndex> newVectors,
                         Supplier<KeywordIndex> newKeywords, Duration checkEvery) {
        this.store = store;
        this.openOnDisk = openOnDisk;
        this.newVectors = newVectors;
        this.newKeywords = newKeywords;
        this.checkEveryNanos = checkEvery.toNanos();
    }

    /** The vector index, filled. */
    public VectorSearch vectors() {
        load();
        LuceneIndex disk = onDisk;
        return disk != null ? disk : ready().vectors;
    }

    /** The keyword index, filled. */
    public TextIndex keywords() {
        load();
        LuceneIndex disk = onDisk;
        return disk != null ? disk : ready().keywords;
    }

    /** The index on disk, when that is what is in use. */
    public java.util.Optional<LuceneIndex> onDisk() {
        load();
        return java.util.Optional.ofNullable(onDisk);
    }

    private Generation ready() {
        Generation g = current;
        if (System.nanoTime() - lastCheck >= checkEveryNanos) refreshIfChangedElsewhere();
        return g;
    }

    /** Fills both indexes unless done already; callers arriving meanwhile wait for it. */
    public void load() {
        if (current != null || onDisk != null) return;
        synchronized (this) {
            if (current != null || onDisk != null) return;
            // A background warm-up can start loading after the front end has already closed Herald (a piped chat
            // that only runs /sources ends in milliseconds): opening the index then would leave it open and keep
            // writing files into a folder its owner is deleting. CI saw exactly that once in ~800 test runs.
            if (closed) throw new IllegalStateException("the search indexes are closed");
            if (openOnDisk != null) {
                try {
                    onDisk = openOnDisk.get();
                    watchForOutsideChanges();
                    return;
                } catch (LuceneIndex.InUseException e) {
                    log.warn("{}; searching with in-memory indexes filled from the database instead", e.getMessage());
                }
            }
            Generation g = new Generation();
            g.load();
            current = g;
            watchForOutsideChanges();
        }
    }

    /** Checks the content version every {@code checkEvery} on a daemon thread (one cheap query). */
    private synchronized void watchForOutsideChanges() {
        if (closed || watcher != null || checkEveryNanos <= 0) return;
        watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "index-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                refreshIfChangedElsewhere();
            } catch (RuntimeException e) {
                log.debug("checking for changes by other processes failed: {}", e.toString());
            }
        }, checkEveryNanos, checkEveryNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * How far the indexes in use are known to be: the content version they match in memory, the last change-log seq
     * applied on disk (-1 before they are opened).
     */
    public long version() {
        LuceneIndex disk = onDisk;
        if (disk != null) return disk.appliedSeq();
        Generation g = current;
        return g == null ? -1 : g.version;
    }

    /** Stops the background checks and closes the index on disk (the in-memory ones stay usable). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) watcher.shutdownNow();
        watcher = null;
        if (onDisk != null) onDisk.close();
    }

    /** Starts filling the indexes on a daemon thread, so the first question does not wait for all of it. */
    public CompletableFuture<Void> loadInBackground() {
        return inBackground("index-load", () -> {
            load();
            return null;
        });
    }

    /**
     * Compares the database's content version with the indexes'; when another process changed the content, rebuilds
     * the indexes in the background and swaps them in. Completes with whether a rebuild ran.
     */
    public CompletableFuture<Boolean> refreshIfChangedElsewhere() {
        lastCheck = System.nanoTime();
        LuceneIndex disk = onDisk;
        if (disk != null) return CompletableFuture.completedFuture(disk.catchUp());
        Generation g = current;
        if (g == null || rebuilding.get()) return CompletableFuture.completedFuture(false);
        long version;
        try {
            version = store.contentVersion();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false); // the next check tries again
        }
        if (version == g.version || !rebuilding.compareAndSet(false, true)) return CompletableFuture.completedFuture(false);
        log.info("the database was changed by another process (content version {} -> {}); rebuilding the search indexes",
                g.version, version);
        return inBackground("index-rebuild", () -> {
            try {
                Generation fresh = new Generation();
                fresh.load();
                Generation old = current;
                current = fresh;
                old.retire();
                return true;
            } finally {
                rebuilding.set(false);
            }
        });
    }

    public boolean isLoaded() {
        return current != null || onDisk != null;
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                // the next search tries again and reports a failure to whoever asked
                done.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }
}
