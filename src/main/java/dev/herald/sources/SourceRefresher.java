package dev.herald.sources;

import dev.herald.article.Article;
import dev.herald.ingest.ArticleLoader;
import dev.herald.ingest.HtmlArticleExtractor;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.ingest.Ingestor;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fetches web pages and feeds and feeds their articles to the {@link Ingestor}: now, for {@code /reload}
 * ({@link #refreshAll}), and on each source's interval in the background while the bot runs ({@link #start}).
 *
 * <p>Every source is refreshed on its own: a failure (DNS, timeout, HTTP error, malformed or oversized feed) is
 * recorded on that source and reported with its reason, the next attempt is backed off, and neither other sources
 * nor anything stored before are affected. Articles are never removed because a feed dropped them: a feed shows the
 * latest items only, and the archive is the point.
 *
 * <p>Not for concurrent refreshes: every call runs under the one content guard of the library that owns it
 * ({@code ContentLibrary}: its own operations directly, the background schedule through {@link Guard}), so a
 * refresh never overlaps an ingest, a reload or another refresh.
 */
public final class SourceRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceRefresher.class);

    /** Runs background work only when no other content operation is running. */
    @FunctionalInterface
    public interface Guard {
        /** Runs {@code work} now and returns true, or returns false without running it (busy). */
        boolean tryRun(Runnable work);
    }

    /**
     * Who refreshes a source when several instances share the store: a claim held while its holder lives, so one
     * instance refreshes a given source at a time, and one interrupted by a crash is refreshed by another.
     */
    public interface Claims {
        /** True when this instance may refresh the named source now (until {@link #release}). */
        boolean tryClaim(String name);

        void release(String name);

        /** One process alone on its store. */
        Claims NONE = new Claims() {
            @Override
            public boolean tryClaim(String name) {
                return true;
            }

            @Override
            public void release(String name) {
            }
        };
    }

    private final SourceRegistry registry;
    private volatile Claims claims = Claims.NONE;
    private final SafeHttpFetcher fetcher;
    private final Ingestor ingestor;
    private final ArticleStore store;
    private final AliasStore aliases;
    private final Clock clock;
    private final Duration tick;
    private final FeedReader feeds = new FeedReader();
    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * @param clock the time used for schedules, undated items and fetch records
     * @param tick  how often the background task looks for sources that are due
     */
    public SourceRefresher(SourceRegistry registry, SafeHttpFetcher fetcher, Ingestor ingestor, ArticleStore store,
                           AliasStore aliases, Clock clock, Duration tick) {
        this.registry = registry;
        this.fetcher = fetcher;
        this.ingestor = ingestor;
        this.store = store;
        this.aliases = aliases;
        this.clock = clock;
        this.tick = tick;
    }

    public SourceRefresher(SourceRegistry registry, SafeHttpFetcher fetcher, Ingestor ingestor, ArticleStore store,
                           AliasStore aliases) {
        this(registry, fetcher, ingestor, store, aliases, Clock.systemUTC(), Duration.ofSeconds(30));
    }

    /** Scheduled refreshes are claimed through these from now on (several instances on one store). */
    public void claims(Claims c) {
        this.claims = java.util.Objects.requireNonNull(c, "claims");
    }

    public SourceRegistry registry() {
        return registry;
    }

    /**
     * Refreshes every URL source now, whatever its schedule (the {@code /reload} path), each under its claim: a source
     * another instance is refreshing at that moment is waited for (up to {@link #CLAIM_WAIT}) and then fetched again,
     * which is cheap (a conditional GET answered 304), so a reload never runs one source's fetch and ingest twice at
     * once and still reports what the source holds now. One still held after the wait is reported as busy.
     */
    public RefreshReport refreshAll(IngestProgress progress) {
        long start = System.nanoTime();
        List<SourceResult> results = new ArrayList<>();
        for (Source s : registry.urlSources()) {
            if (closed) break;
            String claim = claimName(s);
            Claims c = claims;
            if (!claimWithin(c, claim, CLAIM_WAIT)) {
                results.add(SourceResult.busy(s));
                continue;
            }
            try {
                Source fresh = registry.find(s.location()).orElse(null); // its validators, as the other left them
                if (fresh != null) results.add(refresh(fresh, progress));
            } finally {
                c.release(claim);
            }
        }
        return new RefreshReport(results, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The claim one instance holds while it refreshes a source, scheduled or reloaded. */
    private static String claimName(Source s) {
        return "source:" + s.location();
    }

    /** How long a reload waits for a source another instance is refreshing (a feed's fetch and ingest: seconds). */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    private boolean claimWithin(Claims c, String claim, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!c.tryClaim(claim)) {
            if (closed || System.nanoTime() >= deadline) return false;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Refreshes the URL sources whose next attempt is due (never fetched, interval passed, back-off over). */
    public RefreshReport refreshDue(IngestProgress progress) {
        long start = System.nanoTime();
        List<SourceResult> results = new ArrayList<>();
        for (Source s : registry.urlSources()) {
            if (closed) break;
            if (!clock.instant().isBefore(s.nextDue())) results.add(refresh(s, progress));
        }
        return new RefreshReport(results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Fetches one source and ingests what it holds; never throws for a problem with the source. A failure is in the
     * result, which the caller shows (the CLI prints it, the bot replies with it), so it is logged at INFO only: at
     * WARN the console showed the same failure twice.
     */
    public SourceResult refresh(Source s, IngestProgress progress) {
        return refresh(s, progress, true);
    }

    private SourceResult refresh(Source s, IngestProgress progress, boolean callerReports) {
        if (!s.isUrl()) throw new IllegalArgumentException(s.location() + " is not a URL");
        Instant now = clock.instant();
        try {
            FetchResult r = fetcher.fetch(s.location(), s.etag(), s.lastModified());
            if (r.notModified()) {
                registry.recordSuccess(s, s.kind(), now, r.etag(), r.lastModified());
                log.info("{} {}: not modified", s.kind().label(), s.label());
                return SourceResult.notModified(s);
            }
            SourceKind kind = detect(s, r);
            Source typed = s.withKind(kind);
            Fetched f = kind == SourceKind.FEED ? ingestFeed(typed, r, now, progress)
                    : ingestPage(typed, r, now, progress);
            // Validators are kept only when everything was ingested: a 304 next time must not hide lost items.
            registry.recordSuccess(s, kind, now, f.complete() ? r.etag() : null, f.complete() ? r.lastModified() : null);
            log.info("{}", f.result().describe());
            return f.result();
        } catch (FetchException e) {
            return fail(s, now, e.getMessage(), callerReports);
        } catch (RuntimeException e) {
            log.warn("refreshing {} failed", s.location(), e);
            return fail(s, now, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), callerReports);
        }
    }

    /** What one fetch ingested, and whether it got through everything the source held (not stopped early). */
    private record Fetched(SourceResult result, boolean complete) {
    }

    private SourceResult fail(Source s, Instant now, String reason, boolean callerReports) {
        try {
            registry.recordFailure(s, now, reason);
        } catch (RuntimeException e) {
            log.warn("cannot record the failure of {}: {}", s.location(), e.getMessage());
        }
        if (callerReports) log.info("{} {}: failed: {}", s.kind().label(), s.label(), reason);
        else log.warn("{} {}: failed: {}", s.kind().label(), s.label(), reason); // a scheduled round: nobody else sees it
        return SourceResult.failed(s, reason);
    }

    /** A feed or a page, from what was declared or found before, else from Content-Type and the first bytes. */
    static SourceKind detect(Source s, FetchResult r) throws FetchException {
        String type = r.mediaType();
        boolean feedType = type.contains("rss") || type.contains("atom") || type.contains("rdf");
        switch (s.kind()) {
            case FEED -> {
                if (!r.looksLikeFeed() && r.looksLikeHtml()) throw new FetchException("not a feed any more (got " + type + ")");
                return SourceKind.FEED;
            }
            case PAGE -> {
                return SourceKind.PAGE;
            }
            default -> {
                if (r.looksLikeFeed() || feedType) return SourceKind.FEED;
                if (r.looksLikeHtml()) return SourceKind.PAGE;
                if (type.contains("xml")) {
                    throw new FetchException("not a feed: XML without <rss>, <feed> or <rdf:RDF> (" + type + ")");
                }
                throw new FetchException("not a web page or feed (" + type + ")");
            }
        }
    }

    // ---------------------------------------------------------------- pages

    private Fetched ingestPage(Source s, FetchResult r, Instant now, IngestProgress progress) throws FetchException {
        Article page = extractor.extract(r.text(), r.url(), s.location());
        if (page == null) throw new FetchException("no article text found in the page");
        int undated = 0;
        if (page.publishedAt() == null) {
            Instant date = storedDate(page.id()).orElse(null);
            if (date == null) {
                date = now;
                undated = 1;
                log.info("{}: the page gives no publication date; using the fetch time {}", s.location(), now);
            }
            page = new Article(page.id(), page.title(), page.source(), page.url(), date, page.text(),
                    undated == 1 ? s.location() + " (undated: fetch time used)" : page.origin());
        }
        Ingestor.Run run = ingestor.start(1, progress);
        run.accept(page);
        return fetched(s, SourceKind.PAGE, run, 0, undated, false);
    }

    // ---------------------------------------------------------------- feeds

    private Fetched ingestFeed(Source s, FetchResult r, Instant now, IngestProgress progress) throws FetchException {
        FeedReader.Feed feed = feeds.read(r.body(), r.url());
        String outlet = feed.title() != null ? feed.title() : s.name() != null ? s.name() : host(s.location());
        Ingestor.Run run = ingestor.start(feed.items().size(), progress);
        int known = 0, undated = 0;
        boolean cut = false;
        for (FeedReader.Item item : feed.items()) {
            if (closed || run.stopping()) {
                cut = true;
                break;
            }
            String key = item.guid() != null ? item.guid() : item.link();
            if (key == null && item.title() == null && item.summary().isBlank()) {
                run.skip(new ArticleLoader.Skipped(s.location(), "feed item without link, id, title or text"));
                continue;
            }
            String id = Article.deriveId(key, item.title(), item.summary());
            Optional<Article> stored = store.article(id);
            if (stored.isPresent() && unchanged(stored.get(), item)) {
                known++; // same headline and date: the page is not fetched again
                continue;
            }
            if (stored.isEmpty() && aliases.target(id).isPresent()) {
                known++; // already kept as another outlet's copy of a stored story
                continue;
            }
            ItemArticle a = itemArticle(s, item, id, outlet, stored.map(Article::publishedAt).orElse(null), now);
            if (a == null) {
                run.skip(new ArticleLoader.Skipped(item.link() != null ? item.link() : s.location(),
                        "feed item has no text (its page gave none and the feed has no description)"));
                continue;
            }
            if (a.undated) undated++;
            run.accept(a.article);
        }
        return fetched(s, SourceKind.FEED, run, known, undated, cut);
    }

    private record ItemArticle(Article article, boolean undated) {
    }

    /** The item as an article: the linked page's main text when readable, else the feed's own description. */
    private ItemArticle itemArticle(Source s, FeedReader.Item item, String id, String outlet, Instant storedDate,
                                    Instant now) {
        String text = null, url = item.link(), title = item.title();
        Instant pageDate = null;
        if (item.link() != null) {
            try {
                FetchResult page = fetcher.fetch(item.link());
                Article pa = page.looksLikeFeed() ? null : extractor.extract(page.text(), page.url(), page.url());
                if (pa != null) {
                    text = pa.text();
                    if (pa.url() != null) url = pa.url();
                    pageDate = pa.publishedAt();
                    if (title == null) title = pa.title();
                } else {
                    log.info("{}: no article text in {}; using the feed's description", s.label(), item.link());
                }
            } catch (FetchException e) {
                log.info("{}: cannot fetch {} ({}); using the feed's description", s.label(), item.link(), e.getMessage());
            }
        }
        if (text == null || text.isBlank()) text = item.summary();
        if (text == null || text.isBlank()) return null;
        Instant published = item.published() != null ? item.published() : pageDate != null ? pageDate : storedDate;
        boolean undated = published == null;
        String origin = item.link() != null ? item.link() : s.location();
        if (undated) {
            published = now;
            origin = origin + " (undated: fetch time used)";
            log.info("{}: item '{}' has no date; using the fetch time {}", s.label(), title, now);
        }
        return new ItemArticle(new Article(id, title, outlet, url, published, text, origin), undated);
    }

    private static boolean unchanged(Article stored, FeedReader.Item item) {
        boolean sameTitle = item.title() == null || item.title().equals(stored.title());
        boolean sameDate = item.published() == null || item.published().equals(stored.publishedAt());
        return sameTitle && sameDate;
    }

    /** @param cut the item loop stopped before the end (closing, or the ingest was asked to stop) */
    private Fetched fetched(Source s, SourceKind kind, Ingestor.Run run, int known, int undated, boolean cut) {
        IngestSummary sum = run.finish();
        return new Fetched(new SourceResult(s, kind, SourceResult.Outcome.FETCHED, sum.added(), sum.updated(),
                sum.unchanged() + known, run.aliased(), undated, sum.skipped(), sum.chunks(), null),
                !cut && !sum.interrupted());
    }

    private Optional<Instant> storedDate(String id) {
        return store.article(id).map(Article::publishedAt).filter(Objects::nonNull);
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    // ---------------------------------------------------------------- background

    /** Starts refreshing sources on their intervals in the background, each run through {@code guard}. */
    public synchronized void start(Guard guard) {
        if (scheduler != null || closed) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-sources");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> tick(guard), 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        log.info("refreshing web pages and feeds in the background (checking every {})", tick);
    }

    private void tick(Guard guard) {
        try {
            for (Source s : registry.urlSources()) {
                if (closed) return;
                if (clock.instant().isBefore(s.nextDue())) continue;
                String claim = claimName(s);
                Claims c = claims;
                if (!c.tryClaim(claim)) continue; // another instance is refreshing it
                boolean ran;
                try {
                    // read again under the claim: another instance may have refreshed it since the list was read
                    Source fresh = registry.find(s.location()).orElse(null);
                    if (fresh == null || clock.instant().isBefore(fresh.nextDue())) continue;
                    ran = guard.tryRun(() -> refresh(fresh, IngestProgress.NONE, false));
                } finally {
                    c.release(claim);
                }
                if (!ran) {
                    log.debug("another content operation is running; refreshing sources later");
                    return;
                }
            }
        } catch (Throwable t) {
            // An exception escaping would cancel the schedule for good.
            log.warn("background refresh failed: {}", t.toString());
        }
    }

    /** Stops the background refresh, letting a source being refreshed finish its current item. */
    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler == null) return;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) scheduler.shutdownNow();
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
