package dev.herald.index;

import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.store.ChangeLog;
import dev.herald.store.Database;
import dev.herald.support.HashingEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The on-disk index against the in-memory ones (the reference), and its agreement with the store. */
class LuceneIndexTest {

    private static final double TITLE_WEIGHT = 0.5;
    private static final String[] WORDS = ("harbour ferry council budget river flood school teacher strike vote "
            + "mayor bridge tunnel rail station fire storm wind crop farmer market price bank loan court judge "
            + "police arrest museum painting festival concert stadium match coach league minister treaty border "
            + "army drone vaccine clinic nurse hospital island volcano quake tsunami satellite rocket").split(" ");

    @TempDir
    Path dir;
    Database db;
    ArticleStore store;
    Ingestor ingestor;
    LuceneIndex index;
    final AtomicLong rebuilt = new AtomicLong(-1);

    @BeforeEach
    void openStore() {
        db = Database.open(dir.resolve("h.db"));
        store = new ArticleStore(db);
        ingestor = new Ingestor(store, new AliasStore(db), new HashingEmbeddingModel(), new Chunker(40, 0), 8);
    }

    @AfterEach
    void closeAll() {
        if (index != null) index.close();
        db.close();
    }

    private LuceneIndex openIndex() {
        rebuilt.set(-1);
        return LuceneIndex.open(dir.resolve("h.db.index"), store, new ChangeLog(db), TITLE_WEIGHT, 12,
                KeywordIndex.DEFAULT_K1, (done, total) -> rebuilt.set(done));
    }

    private void ingest(List<Article> articles) {
        ingestor.ingestAll(articles, IngestProgress.NONE);
    }

    /** Articles of random words on random days of 2024, some long enough for several chunks, a few undated. */
    private static List<Article> archive(int n, long seed) {
        Random r = new Random(seed);
        List<Article> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int sentences = 1 + r.nextInt(12);
            for (int s = 0; s < sentences; s++) {
                int words = 4 + r.nextInt(10);
                for (int w = 0; w < words; w++) text.append(w == 0 ? "The " : " ").append(WORDS[(int) Math.abs(r.nextGaussian() * 15) % WORDS.length]);
                text.append(" of the town. ");
            }
            String title = WORDS[r.nextInt(WORDS.length)] + " and " + WORDS[r.nextInt(WORDS.length)];
            Instant published = i % 17 == 0 ? null : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(r.nextInt(365 * 86400));
            out.add(new Article("a" + i, title, "Test Wire", "https://example.org/a" + i, published, text.toString(), "test:a" + i));
        }
        return out;
    }

    private static List<String> query(Random r) {
        List<String> q = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) q.add(WORDS[r.nextInt(WORDS.length)]);
        return q;
    }

    @Test
    void should_rank_keyword_hits_as_the_in_memory_index_when_both_index_the_same_archive() {
        // given: the same archive in the in-memory index (the reference) and on disk
        ingest(archive(300, 1));
        KeywordIndex reference = KeywordIndex.loadFrom(store, TITLE_WEIGHT);
        index = openIndex();

        // when: random questions with and without an as-of limit
        Random r = new Random(2);
        for (int q = 0; q < 200; q++) {
            List<String> terms = query(r);
            long asOf = q % 2 == 0 ? Long.MAX_VALUE : Instant.parse("2024-07-01T00:00:00Z").getEpochSecond();
            List<KeywordSearch.Hit> expected = reference.search(terms, 20, Long.MIN_VALUE, asOf);
            List<KeywordSearch.Hit> actual = index.search(terms, 20, Long.MIN_VALUE, asOf);

            // then: the same chunks with the same scores (ties may come in another order)
            assertEquals(expected.size(), actual.size(), "hits for " + terms);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-4 * expected.get(i).score(), "score " + i + " for " + terms);
                assertTrue(actual.get(i).publishedEpochSecond() == null || actual.get(i).publishedEpochSecond() <= asOf);
            }
            assertEquals(untied(expected), untied(actual), "chunks for " + terms);
        }
        assertEquals(reference.chunkCount(), index.chunkCount());
        assertEquals(reference.documentFrequency("harbour"), index.documentFrequency("harbour"));
        assertEquals(reference.near("harbor", 1, 1), index.near("harbor", 1, 1));
        assertEquals(reference.together("harbour", "ferry"), index.together("harbour", "ferry"));
    }

    /** Chunk ids of the hits whose score no other hit shares (tied hits may be listed in either order). */
    private static Set<Long> untied(List<KeywordSearch.Hit> hits) {
        Set<Long> out = new HashSet<>();
        for (KeywordSearch.Hit h : hits) {
            long same = hits.stream().filter(o -> Math.abs(o.score() - h.score()) <= 1e-4 * h.score()).count();
            if (same == 1) out.add(h.chunkId());
        }
        return out;
    }

    /**
     * Dense vectors like a sentence model's: the hashed words plus noise in every dimension (the sparse hashed
     * vectors alone tie too often to say which of two chunks is nearer, once quantised).
     */
    private static final class DenseModel implements dev.langchain4j.model.embedding.EmbeddingModel {
        final HashingEmbeddingModel words = new HashingEmbeddingModel();

        @Override
        public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                List<dev.langchain4j.data.segment.TextSegment> segments) {
            List<dev.langchain4j.data.embedding.Embedding> out = new ArrayList<>();
            for (var s : segments) {
                float[] v = VectorIndex.normalized(words.embed(s.text()).content().vector());
                Random noise = new Random(s.text().hashCode());
                for (int i = 0; i < v.length; i++) v[i] += (float) (0.5 * noise.nextGaussian() / Math.sqrt(v.length));
                out.add(dev.langchain4j.data.embedding.Embedding.from(v));
            }
            return dev.langchain4j.model.output.Response.from(out);
        }
    }

    @Test
    void should_find_the_nearest_vectors_among_the_newest_chunks_published_by_the_as_of_date_when_a_budget_is_set() {
        // given
        DenseModel model = new DenseModel();
        new Ingestor(store, new AliasStore(db), model, new Chunker(40, 0), 8).ingestAll(archive(300, 3), IngestProgress.NONE);
        VectorIndex reference = VectorIndex.loadFrom(store);
        index = openIndex();

        Random r = new Random(4);
        int agree = 0, total = 0;
        for (int q = 0; q < 50; q++) {
            float[] v = model.embed(String.join(" ", query(r))).content().vector();
            long asOf = Instant.parse("2024-03-01T00:00:00Z").plusSeconds(r.nextInt(200 * 86400)).getEpochSecond();
            int budget = q % 2 == 0 ? 0 : 150;
            // when
            List<VectorSearch.Hit> actual = index.search(v, 10, Long.MIN_VALUE, asOf, budget);
            List<VectorSearch.Hit> expected = reference.search(v, 10, Long.MIN_VALUE, asOf, budget);
            // then: nothing after the as-of date, cosines exact, and (HNSW being approximate) nearly the same chunks
            for (VectorSearch.Hit h : actual) {
                assertTrue(h.publishedEpochSecond() == null || h.publishedEpochSecond() <= asOf);
                assertEquals(reference.similarity(v, h.chunkId()), h.cosine(), 1e-5);
                assertEquals(h.cosine(), index.similarity(v, h.chunkId()), 1e-6);
            }
            assertTrue(actual.stream().map(VectorSearch.Hit::cosine).sorted(Comparator.reverseOrder()).toList()
                    .equals(actual.stream().map(VectorSearch.Hit::cosine).toList()), "ranked by cosine");
            // a hit as close as the reference's k-th counts (ties)
            double kth = expected.isEmpty() ? 1 : expected.get(expected.size() - 1).cosine() - 1e-6;
            total += expected.size();
            agree += (int) actual.stream().filter(h -> h.cosine() >= kth).count();
        }
                        assertTrue(agree >= 0.95 * total, agree + " of " + total + " nearest chunks found");
    }

    @Test
    void should_catch_up_with_what_the_store_changed_while_it_was_closed_without_rebuilding_when_reopened() {
        // given: an index built once and closed
        List<Article> articles = archive(40, 5);
        ingest(articles);
        index = openIndex();
        assertEquals(store.chunkCount(), rebuilt.get(), "first open builds from the store");
        index.close();
        index = null;
        // when: the store changes meanwhile (one article removed, one added)
        assertTrue(store.remove("a3"));
        ingest(List.of(dev.herald.support.Fixtures.article("lighthouse", "Lindenport lighthouse relit", "2024-05-02",
                "The Lindenport lighthouse was relit after restoration.")));
        index = openIndex();

        // then: no rebuild, and the index holds what the store holds
        assertEquals(-1, rebuilt.get(), "reopened without a rebuild");
        assertEquals(store.chunkCount(), index.chunkCount());
        assertEquals(List.of("lighthouse"), articlesFor("lindenport"));
        assertFalse(index.search(List.of(WORDS), 1000, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .anyMatch(h -> h.articleId().equals("a3")));
        assertEquals(new ChangeLog(db).lastSeq(), index.appliedSeq());
    }

    @Test
    void should_rebuild_from_the_store_when_the_index_folder_was_deleted_or_damaged() throws Exception {
        // given
        ingest(archive(40, 6));
        index = openIndex();
        List<KeywordSearch.Hit> before = index.search(List.of("harbour", "ferry"), 10, Long.MIN_VALUE, Long.MAX_VALUE);
        index.close();
        index = null;

        // when: the folder is deleted
        deleteTree(dir.resolve("h.db.index"));
        index = openIndex();
        // then: rebuilt, with the same results
        assertEquals(store.chunkCount(), rebuilt.get());
        assertEquals(before, index.search(List.of("harbour", "ferry"), 10, Long.MIN_VALUE, Long.MAX_VALUE));
        index.close();
        index = null;

        // when: its commit file is damaged
        try (Stream<Path> files = Files.list(dir.resolve("h.db.index"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[]{1, 2, 3});
            }
        }
        index = openIndex();
        // then: rebuilt again
        assertEquals(store.chunkCount(), rebuilt.get());
        assertEquals(before, index.search(List.of("harbour", "ferry"), 10, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void should_rebuild_instead_of_trusting_the_index_when_the_store_was_restored_from_an_older_backup() throws Exception {
        // given: a backup taken after 20 articles, then 20 more stored and indexed
        List<Article> articles = archive(40, 8);
        ingest(articles.subList(0, 20));
        Path backup = dir.resolve("backup.db");
        db.read(c -> {
            try (var st = c.createStatement()) {
                st.execute("VACUUM INTO '" + backup + "'");
            }
            return null;
        });
        ingest(articles.subList(20, 40));
        index = openIndex();
        index.close();
        index = null;
        db.close();

        // when: the backup replaces the store and other articles are stored, past the seq the index recorded
        Files.move(backup, dir.resolve("h.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve("h.db-wal"));
        Files.deleteIfExists(dir.resolve("h.db-shm"));
        openStore();
        List<Article> others = new ArrayList<>();
        for (Article a : archive(30, 9)) {
            others.add(new Article("b" + a.id(), a.title(), a.source(), a.url() + "b", a.publishedAt(), a.text(), a.origin() + "b"));
        }
        ingest(others);
        index = openIndex();

        // then: rebuilt from the store, holding none of the articles the backup lacks
        assertEquals(store.chunkCount(), rebuilt.get(), "rebuilt from the restored store");
        assertEquals(store.chunkCount(), index.chunkCount());
        Set<String> found = new HashSet<>();
        index.search(List.of(WORDS), 5000, Long.MIN_VALUE, Long.MAX_VALUE).forEach(h -> found.add(h.articleId()));
        for (int i = 20; i < 40; i++) assertFalse(found.contains("a" + i), "a" + i + " is not in the restored store");
        assertTrue(found.contains("ba0"), found.toString());
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    private List<String> articlesFor(String word) {
        return index.search(List.of(word), 10, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .map(KeywordSearch.Hit::articleId).distinct().toList();
    }

    @Test
    void should_follow_an_article_another_process_stored_when_polling_the_change_log() throws Exception {
        // given: a bot's indexes on disk, polling every 100 ms
        ingest(archive(10, 7));
        SearchIndexes indexes = new SearchIndexes(store, this::openIndex, VectorIndex::new,
                () -> new KeywordIndex(TITLE_WEIGHT, 12), Duration.ofMillis(100));
        try (Database other = Database.open(dir.resolve("h.db"))) {
            indexes.load();
            // when: another process (its own connection and store) stores an article
            ArticleStore otherStore = new ArticleStore(other);
            new Ingestor(otherStore, new AliasStore(other), new HashingEmbeddingModel(), new Chunker(40, 0), 8)
                    .ingestAll(List.of(dev.herald.support.Fixtures.article("quay", "Quay reopened", "2024-06-01",
                            "The Maraville quay reopened to ferries.")), IngestProgress.NONE);
            long target = new ChangeLog(other).lastSeq();
            // then: the poll applies it without any search asking
            long end = System.currentTimeMillis() + 30_000;
            while (indexes.version() < target) {
                if (System.currentTimeMillis() > end) throw new AssertionError("the index never applied seq " + target);
                Thread.sleep(20);
            }
            assertEquals(List.of("quay"), indexes.keywords().search(List.of("maraville"), 5, Long.MIN_VALUE, Long.MAX_VALUE)
                    .stream().map(KeywordSearch.Hit::articleId).distinct().toList());
        } finally {
            indexes.close();
        }
    }

    @Test
    void should_see_the_old_or_the_new_version_of_an_article_never_a_mix_when_searching_during_its_reingest() throws Exception {
        // given: an article of six chunks, each naming "quarry"
        index = openIndex();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) text.append("The quarry report part ").append(i).append(" says the quarry wall held firm again. ").append("Filler words follow here to end the chunk now. ".repeat(3));
        ingest(List.of(version(text.toString(), 0)));
        int chunks = index.search(List.of("quarry"), 1000, Long.MIN_VALUE, Long.MAX_VALUE).size();
        assertTrue(chunks > 1, "several chunks: " + chunks);

        // when: it is replaced again and again while another thread searches
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<List<Integer>> seen = CompletableFuture.supplyAsync(() -> {
            List<Integer> counts = new ArrayList<>();
            while (!done.get()) {
                List<KeywordSearch.Hit> hits = index.search(List.of("quarry"), 1000, Long.MIN_VALUE, Long.MAX_VALUE);
                counts.add(hits.size());
                counts.add(new HashSet<>(hits.stream().map(h -> h.publishedEpochSecond()).toList()).size());
            }
            return counts;
        });
        for (int v = 1; v <= 20; v++) ingest(List.of(version(text.toString(), v)));
        done.set(true);

        // then: every search saw all chunks of one version (one publication time), never some of each or none
        List<Integer> counts = seen.get();
        for (int i = 0; i < counts.size(); i += 2) {
            assertEquals(chunks, counts.get(i), "chunks seen by search " + i / 2);
            assertEquals(1, counts.get(i + 1), "versions seen by search " + i / 2);
        }
    }

    /** The same article, changed: another publication time each version, so its content hash changes. */
    private static Article version(String text, int v) {
        return new Article("quarry", "Quarry wall", "Test Wire", "https://example.org/quarry",
                Instant.parse("2024-04-01T00:00:00Z").plusSeconds(3600L * v), text, "test:quarry");
    }
}
