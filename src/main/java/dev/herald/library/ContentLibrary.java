package dev.herald.library;

import dev.herald.ingest.SampleArticles;
import dev.herald.ingest.Ingestor;
import dev.herald.ingest.ArticleFiles;
import dev.herald.ingest.ArticleLoader;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.sources.RefreshReport;
import dev.herald.sources.Source;
import dev.herald.sources.SourceKind;
import dev.herald.sources.SourceRefresher;
import dev.herald.sources.SourceRegistry;
import dev.herald.sources.SourceResult;
import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The operations admins run on content: ingest paths, reload the configured content, add one source, remove one
 * article. One at a time: a second operation while one runs is refused rather than queued behind it.
 */
public final class ContentLibrary {

    private static final Logger log = LoggerFactory.getLogger(ContentLibrary.class);

    private final ArticleStore store;
    private final Ingestor ingestor;
    private final ArticleFiles files;
    private final List<String> configured;
    private final SourceRefresher refresher; // null: files only (no web pages or feeds)
    private final ReentrantLock running = new ReentrantLock();

    /** @param configured what {@link #reload} loads: folders and files; empty means the bundled sample articles */
    public ContentLibrary(ArticleStore store, Ingestor ingestor, ArticleFiles files, List<String> configured) {
        this(store, ingestor, files, configured, null);
    }

    /**
     * @param configured what {@link #reload} loads: folders, files and URLs ({@code location[ | name][ | interval]});
     *                   none at all means the bundled sample articles
     * @param refresher  fetches web pages and feeds (configured and added ones), or null for files only
     */
    public ContentLibrary(ArticleStore store, Ingestor ingestor, ArticleFiles files, List<String> configured,
                          SourceRefresher refresher) {
        this.store = store;
        this.ingestor = ingestor;
        this.files = files;
        this.configured = List.copyOf(configured);
        this.refresher = refresher;
    }

    /** What {@link #reloadAll} did: the files and folders, and each web page or feed. */
    public record ReloadReport(IngestSummary files, RefreshReport sources) {
        /** Both parts in one summary, failed sources listed as skipped with their reason. */
        public IngestSummary merged() {
            if (sources.results().isEmpty()) return files;
            IngestSummary s = sources.toIngestSummary();
            List<ArticleLoader.Skipped> skipped = new ArrayList<>(files.skipped());
            skipped.addAll(s.skipped());
            return new IngestSummary(files.added() + s.added(), files.updated() + s.updated(),
                    files.unchanged() + s.unchanged(), skipped, files.chunks() + s.chunks(),
                    files.took().plus(s.took()), files.interrupted(), files.undated() + s.undated(),
                    files.copies() + s.copies());
        }

        public String describe() {
            if (sources.results().isEmpty()) return files.describe();
            return files.describe() + "\nWeb pages and feeds:\n" + sources.describe().indent(2).stripTrailing();
        }
    }

    /** Thrown when an operation is asked for while another runs. */
    public static final class BusyException extends RuntimeException {
        public BusyException() {
            super("another content operation (ingest or reload) is running; try again when it has finished");
        }
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    /**
     * True while a content operation runs: front ends check it to say "busy" at once instead of announcing work
     * that {@link BusyException} would then refuse. A false answer can go stale; the operation itself decides.
     */
    public boolean busy() {
        return running.isLocked();
    }

    public List<String> configured() {
        return configured;
    }

    /**
     * Loads files and folders (recursively) into the store; paths outside {@code content.allowed-roots}, and links
     * leading out of them, are reported as skipped.
     */
    public IngestSummary ingest(List<Path> paths, IngestProgress progress) {
        return ingest(files, paths, progress);
    }

    /**
     * Loads a benchmark corpus wherever it is: {@code herald eval} stores it in a database of its own, never the one
     * readers are answered from, so {@code content.allowed-roots} (which guards that one) does not apply.
     */
    public IngestSummary ingestCorpus(List<Path> paths, IngestProgress progress) {
        return ingest(files.unrestricted(), paths, progress);
    }

    /** Why a local path may not be loaded (outside {@code content.allowed-roots}), or null when it may. */
    public String refusal(Path path) {
        return files.refusal(path);
    }

    private IngestSummary ingest(ArticleFiles files, List<Path> paths, IngestProgress progress) {
        return exclusive(() -> {
            Ingestor.Run run = ingestor.start(estimate(paths), progress);
            for (Path p : paths) {
                if (run.stopping()) break;
                files.forEach(p, a -> {
                    if (!run.stopping()) run.accept(a);
                }, run::skip);
            }
            IngestSummary summary = run.finish();
            retireSamples();
            return summary;
        });
    }

    /**
     * Re-ingests the configured content (or the sample articles when none is configured). New and changed articles
     * replace their stored versions one by one, each only once fully embedded, so readers keep getting answers
     * throughout; articles whose files disappeared from a configured folder are removed only after that folder was
     * read without error. If the reload fails halfway, everything stored before stays searchable.
     */
    public IngestSummary reload(IngestProgress progress) {
        if (refresher == null) {
            if (configured.isEmpty()) return exclusive(() -> samplesUnlessOwnContent(progress));
            return exclusive(() -> {
                IngestSummary summary = reloadPaths(configured.stream().map(Path::of).toList(), progress);
                retireSamples();
                return summary;
            });
        }
        return reloadAll(progress).merged();
    }

    /**
     * Reloads everything: configured and added files and folders (as {@link #reload} always did; the sample articles
     * when no source at all is known), then fetches every web page and feed now. Each source succeeds or fails on
     * its own; what a failed source stored before stays as it was.
     */
    public ReloadReport reloadAll(IngestProgress progress) {
        if (refresher == null) {
            IngestSummary files = reload(progress);
            return new ReloadReport(files, new RefreshReport(List.of(), java.time.Duration.ZERO));
        }
        return exclusive(() -> {
            List<Source> all = refresher.registry().list();
            List<Path> paths = all.stream().filter(x -> !x.isUrl()).map(x -> Path.of(x.location())).toList();
            IngestSummary files;
            if (all.isEmpty()) {
                files = samplesUnlessOwnContent(progress);
            } else {
                files = reloadPaths(paths, progress);
            }
            RefreshReport sources = files.interrupted() ? new RefreshReport(List.of(), java.time.Duration.ZERO)
                    : refresher.refreshAll(progress);
            retireSamples();
            return new ReloadReport(files, sources);
        });
    }

    private IngestSummary reloadPaths(List<Path> paths, IngestProgress progress) {
        {
            Ingestor.Run run = ingestor.start(estimate(paths), progress);
            List<String> cleanRoots = new ArrayList<>();
            for (Path p : paths) {
                if (run.stopping()) break;
                int before = run.seenIds().size();
                List<ArticleLoader.Skipped> failures = new ArrayList<>();
                files.forEach(p, run::accept, s -> {
                    failures.add(s);
                    run.skip(s);
                });
                boolean rootMissing = !Files.exists(p);
                if (!rootMissing && failures.isEmpty() && run.seenIds().size() > before) {
                    cleanRoots.add(p.toString());
                }
            }
            IngestSummary summary = run.finish();
            if (!summary.interrupted()) removeVanished(cleanRoots, run);
            return summary;
        }
    }

    /** Loads the bundled sample articles (idempotent: unchanged samples are skipped). */
    public IngestSummary loadSamples(IngestProgress progress) {
        return exclusive(() -> samples(progress));
    }

    private IngestSummary samples(IngestProgress progress) {
        return ingestor.ingestAll(SampleArticles.load(), progress);
    }

    /**
     * The samples stand in for an empty archive only: with nothing configured, a reload over articles of the admin's
     * own (ingested by hand) leaves them as they are instead of mixing the fictional wire back in.
     */
    private IngestSummary samplesUnlessOwnContent(IngestProgress progress) {
        if (storedSamples().ownArticles()) {
            log.info("nothing configured to reload; the stored articles stay as they are");
            return new IngestSummary(0, 0, 0, List.of(), 0, java.time.Duration.ZERO, false);
        }
        return samples(progress);
    }

    /**
     * Removes the bundled sample articles once the store holds articles of its own: they are fiction, there to try
     * Herald on an empty archive, and must never be quoted beside real news.
     */
    private void retireSamples() {
        StoredSamples samples = storedSamples();
        if (samples.ids().isEmpty() || !samples.ownArticles()) return;
        samples.ids().forEach(store::remove);
        log.info("removed the {} sample articles: the archive has articles of its own now", samples.ids().size());
    }

    /** The stored sample articles, and whether the store holds articles of its own beside them. */
    private record StoredSamples(java.util.Set<String> ids, boolean ownArticles) {
    }

    private StoredSamples storedSamples() {
        Map<String, String> samples = store.originsUnder(SampleArticles.ORIGIN_PREFIX);
        return new StoredSamples(samples.keySet(), store.articleCount() > samples.size());
    }

    /**
     * Loads the samples when the store holds no article and never has: the out-of-the-box experience. Not into one
     * its admin emptied: after removing the only article of their own, the next question had silently brought the
     * nine fictional articles back and answered from them.
     */
    public boolean loadSamplesIfEmpty(IngestProgress progress) {
        if (store.articleCount() > 0 || store.everStored()) return false;
        loadSamples(progress);
        return true;
    }

    /**
     * Loads the samples when the store holds no article and nothing is configured ({@code content.paths} empty, no
     * source added): a bot started on a fresh checkout answers from them, as {@code chat} does. A configured but
     * empty library is left empty, for the admin's reload to fill.
     */
    public boolean loadSamplesIfUnconfigured(IngestProgress progress) {
        if (!configured.isEmpty() || (refresher != null && !refresher.registry().list().isEmpty())) return false;
        return loadSamplesIfEmpty(progress);
    }

    /** True when every stored article is a bundled sample (and there is at least one). */
    public boolean onlySamples() {
        StoredSamples samples = storedSamples();
        return !samples.ids().isEmpty() && !samples.ownArticles();
    }

    /**
     * Adds one file, folder, web page or feed. A URL is registered as a source (kept across restarts, refreshed on
     * its interval) and fetched now; a failed first fetch is reported as skipped with its reason, and the URL is
     * not registered. Files and folders are loaded as before, and remembered for reload.
     */
    public IngestSummary add(String pathOrUrl, IngestProgress progress) {
        if (refresher == null || SourceKind.of(pathOrUrl) == SourceKind.PATH) {
            IngestSummary s = ingest(List.of(Path.of(pathOrUrl.strip())), progress);
            if (refresher != null && !s.interrupted() && Files.exists(Path.of(pathOrUrl.strip()))
                    && refusal(Path.of(pathOrUrl.strip())) == null) {
                refresher.registry().add(pathOrUrl, null, null);
            }
            return s;
        }
        return addSource(pathOrUrl, null, null, progress).toIngestSummary();
    }

    /**
     * Registers a web page or feed (or a path) with an optional name and refresh interval (null = default), and loads
     * it now. The report has one line for it, e.g. "feed Example News: 12 added".
     *
     * @throws IllegalArgumentException for a location that is neither a path nor an http(s) URL
     */
    public RefreshReport addSource(String location, String name, java.time.Duration interval, IngestProgress progress) {
        requireSources();
        boolean known = refresher.registry().find(location).isPresent();
        if (SourceKind.of(location) == SourceKind.PATH) {
            // a mistyped path (or "javascript:alert(1)", which is no URL) would otherwise be listed as a source that
            // loads nothing, refreshed for ever
            Path path = Path.of(location.strip());
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or folder: " + location.strip()
                        + " (give an existing file or folder, or an http or https URL)");
            }
            String refused = refusal(path);
            if (refused != null) throw new IllegalArgumentException(location.strip() + " " + refused);
        }
        Source s = refresher.registry().add(location, name, interval);
        return exclusive(() -> {
            long start = System.nanoTime();
            if (!s.isUrl()) {
                IngestSummary sum = reloadPaths(List.of(Path.of(s.location())), progress);
                SourceResult r = new SourceResult(s, SourceKind.PATH, SourceResult.Outcome.FETCHED, sum.added(),
                        sum.updated(), sum.unchanged(), 0, 0, sum.skipped(), sum.chunks(), null);
                retireSamples();
                return new RefreshReport(List.of(r), sum.took());
            }
            SourceResult r = refresher.refresh(s, progress);
            if (r.failed() && !known) {
                // a URL that cannot be fetched now (private address, unknown host, HTTP error) is not kept: the admin
                // sees why, fixes it and adds it again, instead of a dead entry retried forever
                refresher.registry().remove(s.location());
                log.info("not adding {}: {}", s.location(), r.error());
                r = new SourceResult(r.source(), r.kind(), r.outcome(), 0, 0, 0, 0, 0, r.skipped(), 0,
                        r.error() + " (not added)");
            }
            retireSamples();
            return new RefreshReport(List.of(r), java.time.Duration.ofNanos(System.nanoTime() - start));
        });
    }

    /** Every source (configured and added) with its state, for admins. */
    public List<Source> sources() {
        return refresher == null ? configured.stream().map(e -> Source.parseEntry(e, java.time.Duration.ofMinutes(30))).toList()
                : refresher.registry().list();
    }

    /** {@code herald sources list} / {@code /sources}: one printable line per source. */
    public List<String> describeSources() {
        if (refresher == null) return sources().stream().map(SourceRegistry::describe).toList();
        return refresher.registry().describe();
    }

    /** What {@link #removeSource} did: whether a source was forgotten, and a printable sentence. */
    public record Removal(boolean removed, String message) {
    }

    /**
     * {@code herald sources remove}: forgets an added source by location or name. Its articles stay searchable.
     * Unknown and configured sources (they live in content.paths) are refused.
     */
    public Removal removeSource(String locationOrName) {
        requireSources();
        try {
            return refresher.registry().remove(locationOrName)
                    ? new Removal(true, "Removed source " + locationOrName.strip()
                        + " (its articles stay stored; remove them by URL if unwanted).")
                    : new Removal(false, "No added source is " + locationOrName.strip() + ". See the list of sources.");
        } catch (IllegalArgumentException e) {
            return new Removal(false, "Cannot remove: " + e.getMessage() + ".");
        }
    }

    /** Starts refreshing web pages and feeds in the background (the bot calls this; one-shot commands do not). */
    public void startScheduledRefresh() {
        requireSources();
        refresher.start(work -> {
            if (!running.tryLock()) return false;
            try {
                long before = store.contentVersion();
                work.run();
                // most scheduled fetches change nothing ("not modified"): only a change can call for retiring
                if (store.contentVersion() != before) retireSamples();
                return true;
            } finally {
                running.unlock();
            }
        });
    }

    private void requireSources() {
        if (refresher == null) throw new IllegalStateException("web pages and feeds are not enabled in this library");
    }

    /** Removes one article by id or URL; false when none matched. */
    public boolean remove(String idOrUrl) {
        return store.remove(idOrUrl.trim());
    }

    /**
     * After a folder (or file) was read without error, its stored articles not seen in that read are gone from it:
     * the file was deleted, or edited into another article (an earlier version stored under another id). Removed,
     * so an old version is never quoted again.
     */
    private void removeVanished(List<String> roots, Ingestor.Run run) {
        for (String root : roots) {
            for (Map.Entry<String, String> e : store.originsUnder(root).entrySet()) {
                if (run.seenIds().contains(e.getKey())) continue;
                String origin = e.getValue();
                String file = origin.replaceFirst("#\\d+$", "");
                // "news" is not the root of "newsletter/a.txt"
                if (!file.equals(root) && !file.startsWith(root.endsWith(java.io.File.separator) ? root : root + java.io.File.separator)) continue;
                store.remove(e.getKey());
                log.info("removed {} ({}): {}", e.getKey(), origin,
                        Files.exists(Path.of(file)) ? "no longer in its file" : "its file is gone");
            }
        }
    }

    private <T> T exclusive(java.util.function.Supplier<T> work) {
        if (!running.tryLock()) throw new BusyException();
        try {
            return work.get();
        } finally {
            running.unlock();
        }
    }

    /** A quick count for the progress bar: lines of JSONL files, one per other file a loader reads. */
    int estimate(List<Path> paths) {
        int total = 0;
        for (Path p : paths) {
            if (!Files.exists(p)) continue;
            try (Stream<Path> walk = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).filter(files::supports)::iterator) {
                    total += ArticleFiles.extension(f).equals("jsonl") ? countLines(f) : 1;
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    private static int countLines(Path f) throws IOException {
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            while (r.readLine() != null) n++;
        }
        return n;
    }
}
