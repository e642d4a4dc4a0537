package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.article.Chunk;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code herald migrate}: an SQLite store copied into PostgreSQL, resumable and verified. */
class StoreCopyTest {

    private static final Instant AT = Instant.parse("2025-01-27T12:00:00Z");

    @TempDir
    Path dir;
    StoreBackend.Location target;
    Database sqlite;
    Database pg;

    @BeforeEach
    void open() {
        target = StoreBackend.POSTGRESQL.create(dir);
        sqlite = Database.open(dir.resolve("source.db"));
    }

    @AfterEach
    void close() {
        if (pg != null) pg.close();
        if (sqlite != null) sqlite.close();
        if (target != null) target.close();
    }

    private static PreparedArticle prepared(String id, int chunks) {
        Article a = article(id, "Story " + id, "2025-01-27", "Goma story " + id + ".");
        List<Chunk> cs = new java.util.ArrayList<>();
        List<float[]> vs = new java.util.ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            cs.add(new Chunk(i, "Part " + i + " of " + id, "Part " + i + " of " + id));
            vs.add(new float[]{i, id.hashCode(), -0.5f, Float.MIN_VALUE});
        }
        return new PreparedArticle(a, cs, vs);
    }

    @Test
    void should_continue_where_it_stopped_and_verify_everything_when_run_again_after_an_interruption() {
        // given: a store with articles, a copy, a follow with one arrival matched and one not yet, feedback, a source
        ArticleStore articles = new ArticleStore(sqlite);
        FollowStore follows = new FollowStore(sqlite);
        follows.add(42, "Goma", 20, AT);
        articles.storeAll(List.of(prepared("a", 3)));
        follows.recordMatches(follows.arrivals(10).get(0).seq(), List.of(new FollowStore.Alert(42, "a", "Goma")), AT);
        articles.storeAll(List.of(prepared("b", 2), prepared("c", 1), prepared("d", 4)));
        new AliasStore(sqlite).add("a", new Article("copy", "Copy of a", "Other", "https://other.example/a", AT, "x", "t"));
        new SourceStore(sqlite).add("https://example.org/feed", "FEED", "Example", 900L, AT);
        FeedbackStore feedback = new FeedbackStore(sqlite);
        String rated = feedback.remember(new FeedbackStore.Answered(42, "q", "a", "s"), AT);
        feedback.vote(rated, 7, 1, AT);
        String unrated = feedback.remember(new FeedbackStore.Answered(42, "q2", "a2", "s2"), AT);
        new BriefingStore(sqlite).setTime(42, 450, "UTC", null);
        pg = target.open();

        // when: the first run stops after two articles (a lost connection, Ctrl-C), the second one finishes
        StoreCopy copy = new StoreCopy(sqlite, pg, 1);
        assertThrows(IllegalStateException.class, () -> copy.run((done, total, chunks) -> {
            if (done == 2) throw new IllegalStateException("interrupted");
        }, 10));
        StoreCopy.Result second = copy.run((done, total, chunks) -> { }, 10);

        // then
        assertEquals(2, second.copied());
        assertEquals(2, second.alreadyThere());
        assertTrue(second.verification().ok(), second.verification().toString());
        assertEquals(10, second.verification().vectorsCompared());
        assertArrayEquals(new long[]{10, 10}, second.verification().counts().get("chunks"));
        assertEquals(articles.articleChunks("d").orElseThrow().vectors()[3][1],
                new ArticleStore(pg).articleChunks("d").orElseThrow().vectors()[3][1]);
        // the follow still sees exactly the arrivals not matched yet, and the ones stored from now on
        FollowStore copied = new FollowStore(pg);
        assertEquals(List.of("b", "c", "d"), copied.arrivals(10).stream().map(FollowStore.Arrival::articleId).toList());
        new ArticleStore(pg).storeAll(List.of(prepared("e", 1)));
        assertEquals(List.of("b", "c", "d", "e"), copied.arrivals(10).stream().map(FollowStore.Arrival::articleId).toList());
        assertTrue(copied.arrivals(10).get(3).seq() > copied.follows(42).get(0).afterSeq());
        assertEquals(List.of(), copied.due(42).stream().filter(x -> !x.articleId().equals("a")).toList());
        assertEquals(1, new AliasStore(pg).aliases("a").size());
        assertArrayEquals(new long[]{1, 0}, new FeedbackStore(pg).counts());
        // answers sent before the move can still be rated there, once per reader
        assertEquals(FeedbackStore.Result.ALREADY_VOTED, new FeedbackStore(pg).vote(rated, 7, -1, AT.plusSeconds(5)));
        assertEquals(FeedbackStore.Result.STORED, new FeedbackStore(pg).vote(unrated, 7, 1, AT.plusSeconds(5)));
    }

    @Test
    void should_refuse_a_target_that_already_holds_other_articles() {
        // given
        pg = target.open();
        new ArticleStore(pg).storeAll(List.of(prepared("other", 1)));
        new ArticleStore(sqlite).storeAll(List.of(prepared("a", 1)));

        // when
        StoreException e = assertThrows(StoreException.class, () -> new StoreCopy(sqlite, pg, 10).run((a, t, c) -> { }, 1));

        // then
        assertTrue(e.getMessage().contains("already holds 1 articles; copy into an empty database"), e.getMessage());
    }
}
