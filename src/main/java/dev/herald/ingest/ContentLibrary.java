package dev.herald.ingest;

import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final ReentrantLock running = new ReentrantLock();

    /** @param configured what {@link #reload} loads: folders and files; empty means the bundled sample articles */
    public ContentLibrary(ArticleStore store, Ingestor ingestor, ArticleFiles files, List<String> configured) {
        this.store = store;
        this.ingestor = ingestor;
        this.files = files;
        this.configured = List.copyOf(configured);
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

    public List<String> configured() {
        return configured;
    }

    /** Loads files and folders (recursively) into the store. */
    public IngestSummary ingest(List<Path> paths, IngestProgress progress) {
        return exclusive(() -> {
            Ingestor.Run run = ingestor.start(estimate(paths), progress);
            for (Path p : paths) {
                if (run.stopping()) break;
                files.forEach(p, a -> {
                    if (!run.stopping()) run.accept(a);
                }, run::skip);
            }
            return run.finish();
        });
    }

    /**
     * Re-ingests the configured content (or the sample articles when none is configured). New and changed articles
     * replace their stored versions one by one, each only once fully embedded, so readers keep getting answers
     * throughout; articles whose files disappeared from a configured folder are removed only after that folder was
     * read without error. If the reload fails halfway, everything stored before stays searchable.
     */
    public IngestSummary reload(IngestProgress progress) {
        if (configured.isEmpty()) return loadSamples(progress);
        return exclusive(() -> {
            List<Path> paths = configured.stream().map(Path::of).toList();
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
        });
    }

    /** Loads the bundled sample articles (idempotent: unchanged samples are skipped). */
    public IngestSummary loadSamples(IngestProgress progress) {
        return exclusive(() -> {
            List<Article> samples = SampleArticles.load();
            Ingestor.Run run = ingestor.start(samples.size(), progress);
            samples.forEach(run::accept);
            return run.finish();
        });
    }

    /** Loads the samples when the store holds no article at all: the out-of-the-box experience. */
    public boolean loadSamplesIfEmpty(IngestProgress progress) {
        if (store.articleCount() > 0) return false;
        loadSamples(progress);
        return true;
    }

    /** Adds one file or folder. */
    public IngestSummary add(String path, IngestProgress progress) {
        return ingest(List.of(Path.of(path)), progress);
    }

    /** Removes one article by id or URL; false when none matched. */
    public boolean remove(String idOrUrl) {
        return store.remove(idOrUrl.trim());
    }

    private void removeVanished(List<String> roots, Ingestor.Run run) {
        for (String root : roots) {
            for (Map.Entry<String, String> e : store.originsUnder(root).entrySet()) {
                if (run.seenIds().contains(e.getKey())) continue;
                String origin = e.getValue();
                String file = origin.replaceFirst("#\\d+$", "");
                if (!Files.exists(Path.of(file))) {
                    store.remove(e.getKey());
                    log.info("removed {} ({}): its file is gone", e.getKey(), origin);
                }
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

    /** A quick count for the progress bar: lines of JSONL files, one per other supported file. */
    static int estimate(List<Path> paths) {
        int total = 0;
        for (Path p : paths) {
            if (!Files.exists(p)) continue;
            try (Stream<Path> walk = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".jsonl")) total += countLines(f);
                    else if (name.matches(".*\\.(txt|md|html?|json)$")) total++;
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
