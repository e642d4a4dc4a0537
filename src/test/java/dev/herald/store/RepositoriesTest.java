package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.article.ArticleRef;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repositories beside ArticleStore (follows, feedback, sources, briefings, aliases, meta) on both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class RepositoriesTest {

    private static final Instant AT = Instant.parse("2025-01-27T12:00:00Z");
    private static final String GOMA = "M23 rebels say they control Goma, the largest city in eastern Congo, after a rapid "
            + "advance. Congo disputes the claim. At least 17 people were killed and more than 300 injured in the clashes.";

    @Parameter
    StoreBackend backend;
    @TempDir
    Path dir;
    StoreBackend.Location location;
    Database db;
    ArticleStore articles;

    @BeforeEach
    void open() {
        location = backend.create(dir);
        db = location.open();
        articles = new ArticleStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (location != null) location.close();
    }

    private void store(Article a) {
        articles.storeAll(List.of(new PreparedArticle(a, List.of(new dev.herald.article.Chunk(0, a.text(), a.text())),
                List.of(new float[]{1f, 0f}))));
    }

    @Test
    void should_push_each_article_once_per_chat_in_the_order_matched_when_alerts_are_recorded_twice() {
        // given
        FollowStore follows = new FollowStore(db);
        assertEquals(FollowStore.Added.ADDED, follows.add(42, "Goma", 20, AT));
        store(article("b", "Second", "2025-01-27", "Goma second story."));
        store(article("a", "First", "2025-01-27", "Goma first story."));
        List<FollowStore.Arrival> arrived = follows.arrivals(10);

        // when
        int first = follows.recordMatches(arrived.get(1).seq(), List.of(new FollowStore.Alert(42, "b", "Goma"),
                new FollowStore.Alert(42, "a", "Goma")), AT);
        int again = follows.recordMatches(arrived.get(1).seq(), List.of(new FollowStore.Alert(42, "a", "Goma")), AT);

        // then
        assertEquals(List.of("b", "a"), arrived.stream().map(FollowStore.Arrival::articleId).toList());
        assertEquals(2, first);
        assertEquals(0, again);
        assertEquals(List.of("b", "a"), follows.due(42).stream().map(FollowStore.Alert::articleId).toList());
        assertEquals(List.of(), follows.arrivals(10));
        assertTrue(follows.alerted(42, Set.of("a")));
        assertEquals(FollowStore.Added.ALREADY_FOLLOWED, follows.add(42, "goma", 20, AT));
    }

    @Test
    void should_drop_due_alerts_and_keep_follows_when_a_chat_is_paused_twice_then_resumed() {
        // given
        FollowStore follows = new FollowStore(db);
        follows.add(42, "Goma", 20, AT);
        store(article("a", "First", "2025-01-27", "Goma first story."));
        follows.recordMatches(follows.arrivals(10).get(0).seq(), List.of(new FollowStore.Alert(42, "a", "Goma")), AT);

        // when
        follows.pause(42, "blocked", AT);
        follows.pause(42, "blocked again", AT.plusSeconds(60));

        // then
        assertEquals(Set.of(42L), follows.paused());
        assertEquals(List.of(), follows.chatsWithDueAlerts());
        assertTrue(follows.resume(42));
        assertFalse(follows.resume(42));
        assertEquals(1, follows.follows(42).size());
    }

    @Test
    void should_take_a_vote_through_another_instance_and_store_one_per_reader_even_when_a_write_is_retried() {
        // given an answer sent by one instance (its own FeedbackStore), and another instance on the same store
        FeedbackStore sent = new FeedbackStore(db);
        FeedbackStore other = new FeedbackStore(db);
        String key = sent.remember(new FeedbackStore.Answered(42, "Who controls Goma?", "M23 [1].", "[1] Wire"), AT);

        // when a reader rates it through the other instance, the same write arrives again (a retry), and the reader
        // then tries the other button
        FeedbackStore.Result first = other.vote(key, 7, 1, AT.plusSeconds(60));
        FeedbackStore.Result retried = other.vote(key, 7, 1, AT.plusSeconds(60));
        FeedbackStore.Result changed = sent.vote(key, 7, -1, AT.plusSeconds(90));

        // then one vote, found by either instance; an unknown key is told apart
        assertEquals(FeedbackStore.Result.STORED, first);
        assertEquals(FeedbackStore.Result.STORED, retried);
        assertEquals(FeedbackStore.Result.ALREADY_VOTED, changed);
        assertArrayEquals(new long[]{1, 0}, sent.counts());
        assertEquals("Who controls Goma?", other.lookup(key).orElseThrow().question());
        assertEquals(FeedbackStore.Result.UNKNOWN, other.vote("no-such-key", 7, 1, AT));
        // each instance's first key: apart only by its random prefix
        assertNotEquals(key, other.remember(new FeedbackStore.Answered(42, "q", "a", "s"), AT));
    }

    @Test
    void should_count_votes_and_keep_source_fetch_state_when_stored() {
        // given
        FeedbackStore feedback = new FeedbackStore(db);
        String key = feedback.remember(new FeedbackStore.Answered(42, "who?", "them", "[1]"), AT);
        SourceStore sources = new SourceStore(db);

        // when
        feedback.vote(key, 7, 1, AT);
        feedback.vote(key, 8, -1, AT);
        sources.add("https://example.org/feed", "FEED", "Example", 900L, AT);
        sources.add("https://example.org/feed", "FEED", "Renamed", 600L, AT);
        SourceStore.Row row = sources.find("https://example.org/feed").orElseThrow();
        sources.recordFailure(row, AT, "timeout");
        sources.recordFailure(row, AT, "timeout");
        sources.recordSuccess(row, "FEED", AT.plusSeconds(5), "\"etag\"", null);

        // then
        assertArrayEquals(new long[]{1, 1}, feedback.counts());
        SourceStore.Row after = sources.added().get(0);
        assertEquals("Renamed", after.name());
        assertEquals(600L, after.refreshSeconds());
        assertEquals(0, after.failures());
        assertEquals("\"etag\"", after.etag());
        assertEquals(AT.plusSeconds(5), after.lastOkAt());
        assertTrue(sources.remove("https://example.org/feed"));
    }

    @Test
    void should_send_one_briefing_a_day_when_two_instances_claim_it() {
        // given
        BriefingStore briefings = new BriefingStore(db);
        briefings.setZone(42, "Africa/Nairobi");
        briefings.setTime(42, 450, "UTC", null);

        // when
        boolean first = briefings.claim(42, "2025-01-27");
        boolean second = briefings.claim(42, "2025-01-27");

        // then
        assertTrue(first);
        assertFalse(second);
        assertEquals(new BriefingStore.Schedule(42, 450, "Africa/Nairobi", "2025-01-27"), briefings.get(42).orElseThrow());
        assertEquals(1, briefings.scheduled().size());
    }

    @Test
    void should_find_a_syndicated_copy_and_record_it_once_when_another_outlet_publishes_the_story() {
        // given
        store(article("goma", "Rebels take Goma", "2025-01-27", GOMA));
        Article copy = new Article("copy", "M23 says it holds Goma", "Other Wire", "https://other.example/goma",
                Instant.parse("2025-01-27T13:00:00Z"), GOMA, "test:copy");
        AliasStore aliases = new AliasStore(db);

        // when
        String target = aliases.nearDuplicate(copy).orElseThrow();
        boolean added = aliases.add(target, copy);
        boolean addedAgain = aliases.add(target, copy);
        boolean retitled = aliases.add(target, new Article("copy", "Retitled", "Other Wire", copy.url(), copy.publishedAt(),
                GOMA, "test:copy"));

        // then
        assertEquals("goma", target);
        assertTrue(added);
        assertFalse(addedAgain);
        assertTrue(retitled);
        List<ArticleRef> refs = aliases.aliases("goma");
        assertEquals(List.of("Retitled"), refs.stream().map(ArticleRef::title).toList());
        assertEquals("goma", aliases.target("https://other.example/goma").orElseThrow());
        assertTrue(aliases.nearDuplicate(article("other", "Tram", "2025-01-27",
                "The new tram line opened on Saturday with free rides for a week across the city.")).isEmpty());
    }

    @Test
    void should_keep_the_last_value_and_count_content_versions_when_meta_is_written_twice() {
        // given
        MetaStore meta = new MetaStore(db);
        long before = articles.contentVersion();

        // when
        meta.put("k", "1");
        meta.put("k", "2");
        store(article("a", "First", "2025-01-27", "Goma first story."));
        articles.remove("a");

        // then
        assertEquals("2", meta.get("k").orElseThrow());
        assertEquals(before + 2, articles.contentVersion());
    }
}
