package dev.herald.sources;

import dev.herald.store.AliasStore;
import dev.herald.ingest.ArticleFiles;
import dev.herald.ingest.Chunker;
import dev.herald.library.ContentLibrary;
import dev.herald.ingest.Ingestor;
import dev.herald.store.ArticleStore;
import dev.herald.store.Database;
import dev.herald.support.HashingEmbeddingModel;
import dev.herald.support.TestClock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real store, ingestor, registry and refresher on a temporary SQLite file, with a fake embedding model. */
final class Env implements AutoCloseable {

    final Path dir;
    final Database db;
    final ArticleStore store;
    final Ingestor ingestor;
    final SourceRegistry registry;
    final SafeHttpFetcher fetcher;
    /** A clock tests move by hand. */
    final TestClock clock = new TestClock("2025-02-01T12:00:00Z");
    final SourceRefresher refresher;
    final ContentLibrary library;

    // Long enough that a local page served while the machine is busy (a full build beside other work: load 5+) is not
    // taken for a failure (at 700 ms a feed item's page once timed out and its description was used instead); the
    // slow test server in SourceRefresherTest waits well beyond it.
    static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

    Env(Path dir, List<String> configured) {
        this.dir = dir;
        this.db = Database.open(dir.resolve("herald.db"));
        this.store = new ArticleStore(db);
        this.ingestor = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel(), new Chunker(90, 1));
        this.registry = new SourceRegistry(new dev.herald.store.SourceStore(db), configured, Duration.ofMinutes(30));
        this.fetcher = new SafeHttpFetcher(Duration.ofSeconds(2), READ_TIMEOUT, 1_000_000, true, Env::localOnly);
        this.refresher = new SourceRefresher(registry, fetcher, ingestor, store, new AliasStore(store.database()), clock, Duration.ofMillis(50));
        this.library = new ContentLibrary(store, ingestor, new ArticleFiles(), configured, refresher);
    }

    static Env open(Path dir, String... configured) throws IOException {
        return new Env(dir, List.of(configured));
    }

    SourceResult refresh(String location) {
        Source s = registry.find(location).orElseGet(() -> registry.add(location, null, null));
        return refresher.refresh(s, dev.herald.ingest.IngestProgress.NONE);
    }

    @Override
    public void close() {
        refresher.close();
        db.close();
    }

    /** Resolves 127.0.0.1 and localhost only: any other name fails as unknown without asking a DNS server. */
    static java.util.List<java.net.InetAddress> localOnly(String host) throws java.net.UnknownHostException {
        if (host.equals("localhost") || host.matches("[0-9.]+")) return okhttp3.Dns.SYSTEM.lookup(host);
        throw new java.net.UnknownHostException(host);
    }
}
