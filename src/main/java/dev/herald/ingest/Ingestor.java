package dev.herald.ingest;

import dev.herald.article.Chunk;
import dev.herald.article.Article;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.store.NearDuplicates;
import dev.herald.store.PreparedArticle;
import dev.herald.text.VisibleText;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads articles into the store: chunk, embed, then write each article with its chunks and vectors in one
 * transaction.
 *
 * <p>Articles are embedded in batches and each batch is committed on its own, so an interrupted run keeps every batch
 * it finished; running it again skips stored articles whose content is unchanged and so resumes where it stopped.
 * A stored article is replaced only once its new version is fully embedded: readers never see it missing.
 */
public final class Ingestor {

    private static final Logger log = LoggerFactory.getLogger(Ingestor.class);

    private final ArticleStore store;
    private final AliasStore aliases;
    private final EmbeddingModel model;
    private final Chunker chunker;
    private final int batchChunks;
    private volatile boolean stopRequested;

    public Ingestor(ArticleStore store, AliasStore aliases, EmbeddingModel model, Chunker chunker, int batchChunks) {
        this.store = store;
        this.aliases = aliases;
        this.model = model;
        this.chunker = chunker;
        this.batchChunks = Math.max(1, batchChunks);
    }

    public Ingestor(ArticleStore store, AliasStore aliases, EmbeddingModel model, Chunker chunker) {
        this(store, aliases, model, chunker, 64);
    }

    /** Asks a running ingest to stop after the batch in flight is committed. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Starts a run; feed it articles and skipped inputs, then call {@link Run#finish()}. */
    public Run start(int expectedArticles, IngestProgress progress) {
        stopRequested = false;
        return new Run(expectedArticles, progress);
    }

    /** Stores {@code articles} in one run, as {@link #start} then {@link Run#accept} each then {@link Run#finish}. */
    public IngestSummary ingestAll(List<Article> articles, IngestProgress progress) {
        Run run = start(articles.size(), progress);
        articles.forEach(run::accept);
        return run.finish();
    }

    /** One ingest run. Not thread-safe: feed it from one thread. */
    public final class Run {
        private final long startNanos = System.nanoTime();
        private final int expected;
        private final IngestProgress progress;
        private final Map<String, String> storedHashes;
        private final Set<String> storedSamples;
        private final List<Article> pending = new ArrayList<>();
        private final List<List<Chunk>> pendingChunks = new ArrayList<>();
        private final List<ArticleLoader.Skipped> skipped = new ArrayList<>();
        private final Set<String> seenIds = new HashSet<>();
        private int pendingChunkCount, added, updated, unchanged, aliased, chunks, seen, undated;
        private long lastProgress;

        private Run(int expected, IngestProgress progress) {
            this.expected = expected;
            this.progress = progress;
            this.storedHashes = store.contentHashes();
            this.storedSamples = store.originsUnder(SampleArticles.ORIGIN_PREFIX).keySet();
        }

        /** True once a stop was requested: callers should stop feeding and call finish(). */
        public boolean stopping() {
            return stopRequested;
        }

        /** Ids of articles seen in this run (stored or unchanged), e.g. to find articles that vanished from a folder. */
        public Set<String> seenIds() {
            return seenIds;
        }

        public void skip(ArticleLoader.Skipped s) {
            skipped.add(s);
            // the closing summary lists every skipped input; a WARN line here printed each one twice, and in the
            // middle of the progress bar
            log.debug("skipped {}", s);
            seen++;
            report(false);
        }

        public void accept(Article a) {
            if (stopRequested) return;
            seen++;
            if (!seenIds.add(a.id()) && pending.stream().anyMatch(p -> p.id().equals(a.id()))) {
                // the same article twice in one batch: the later copy wins at the next run; count it once here
                unchanged++;
                return;
            }
            String hash = storedHashes.get(a.id());
            if (hash != null && hash.equals(a.contentHash())) {
                // (a bundled sample loaded from a file of the admin's is theirs now: recorded under its file, it is
                // not retired with the samples. Copied into a folder beside an article of their own, the nine
                // samples were counted unchanged, then removed as samples: "1 added, 9 unchanged", 1 article stored)
                if (storedSamples.contains(a.id()) && !a.origin().startsWith(SampleArticles.ORIGIN_PREFIX)) {
                    store.adopt(a.id(), a.origin());
                }
                unchanged++;
                report(false);
                return;
            }
            if (hash == null) {
                ArticleStore.Match m = store.match(a);
                if (m.status() == ArticleStore.Status.UNCHANGED) {
                    seenIds.add(m.storedId());
                    unchanged++;
                    report(false);
                    return;
                }
                if (m.status() == ArticleStore.Status.NEW && recordIfCopy(a)) return;
            }
            // Only zero-width or no-break spaces: nothing to search, and the embedding model would refuse the whole
            // batch it came in ("Cannot embed empty or whitespace-only text"), aborting the run.
            List<Chunk> cs = VisibleText.has(a.text()) ? chunker.chunk(a) : List.of();
            if (cs.isEmpty()) {
                skip(new ArticleLoader.Skipped(a.origin(), "no text to index"));
                seen--;
                return;
            }
            pending.add(a);
            pendingChunks.add(cs);
            pendingChunkCount += cs.size();
            if (pendingChunkCount >= batchChunks) flush();
        }

        /**
         * A new article telling a stored (or pending) story again under another URL, as syndicated copies do, is
         * recorded as an alias of the stored article instead of being indexed twice.
         */
        private boolean recordIfCopy(Article a) {
            if (a.text().isBlank()) return false;
            Set<Long> shingles = null;
            for (Article p : pending) {
                if (shingles == null) shingles = NearDuplicates.shingles(a.text());
                if (NearDuplicates.same(shingles, NearDuplicates.shingles(p.text()))) {
                    flush(); // the original must be stored before a copy can point at it
                    break;
                }
            }
            Optional<String> original = aliases.nearDuplicate(a);
            if (original.isEmpty()) return false;
            seenIds.add(original.get());
            if (aliases.add(original.get(), a)) {
                aliased++;
                log.info("{} ({}) is a copy of stored article {}: recorded as another outlet of it",
                        a.id(), a.source(), original.get());
            } else {
                unchanged++;
            }
            report(false);
            return true;
        }

        /** New articles recorded as another outlet's copy of a stored story rather than stored again. */
        public int aliased() {
            return aliased;
        }

        private void flush() {
            if (pending.isEmpty()) return;
            List<TextSegment> segments = new ArrayList<>(pendingChunkCount);
            for (List<Chunk> cs : pendingChunks) for (Chunk c : cs) segments.add(TextSegment.from(c.embeddedText()));
            // In slices of a batch, so that a stop asked for during one large article takes effect within a batch:
            // a 5 MB text file (10,728 chunks) was embedded in one call, and Ctrl-C waited 80 s for it. Nothing of
            // the interrupted articles is stored; the next run embeds them again.
            List<Embedding> embeddings = new ArrayList<>(segments.size());
            for (int from = 0; from < segments.size(); from += batchChunks) {
                if (stopRequested) {
                    log.info("stopped while embedding {} chunks of {} article(s); they are not stored", segments.size(),
                            pending.size());
                    discardPending();
                    return;
                }
                embeddings.addAll(model.embedAll(segments.subList(from, Math.min(segments.size(), from + batchChunks)))
                        .content());
                if (segments.size() > batchChunks) {
                    progress.update(seen - pending.size(), expected, chunks + embeddings.size(),
                            (System.nanoTime() - startNanos) / 1_000_000);
                }
            }
            List<PreparedArticle> batch = new ArrayList<>(pending.size());
            int k = 0;
            for (int i = 0; i < pending.size(); i++) {
                List<float[]> vectors = new ArrayList<>();
                for (int j = 0; j < pendingChunks.get(i).size(); j++) vectors.add(embeddings.get(k++).vector());
                batch.add(new PreparedArticle(pending.get(i), pendingChunks.get(i), vectors));
            }
            List<ArticleStore.Status> statuses = store.storeAll(batch);
            for (int i = 0; i < statuses.size(); i++) {
                switch (statuses.get(i)) {
                    case NEW -> added++;
                    case CHANGED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
                Article a = batch.get(i).article();
                storedHashes.put(a.id(), a.contentHash());
                if (statuses.get(i) != ArticleStore.Status.UNCHANGED) {
                    chunks += batch.get(i).chunks().size();
                    if (a.publishedAt() == null) {
                        undated++;
                        log.info("{}: stored without a publication date (none given, or not readable)", a.origin());
                    }
                }
            }
            discardPending();
            report(true);
        }

        /** Forgets the batch being gathered: stored, or left for the next run. */
        private void discardPending() {
            pending.clear();
            pendingChunks.clear();
            pendingChunkCount = 0;
        }

        private void report(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastProgress < 200_000_000L) return;
            lastProgress = now;
            progress.update(seen - pending.size(), expected, chunks, (now - startNanos) / 1_000_000);
        }

        public IngestSummary finish() {
            boolean interrupted = stopRequested;
            if (!interrupted) flush();
            else discardPending();
            progress.update(seen, expected, chunks, (System.nanoTime() - startNanos) / 1_000_000);
            return new IngestSummary(added, updated, unchanged, skipped, chunks,
                    Duration.ofNanos(System.nanoTime() - startNanos), interrupted, undated, aliased);
        }
    }
}
