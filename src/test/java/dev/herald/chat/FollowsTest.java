package dev.herald.chat;

import dev.herald.article.Article;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.Ingestor;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.store.Database;
import dev.herald.store.FollowStore;
import dev.herald.support.HashingEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Follows on a real SQLite file: the limits, numbering, and that follows and pushed alerts survive a restart. The
 * matcher here uses the keyword signal alone (an article naming the topic matches), so these tests do not depend on
 * the embedding model; the end-to-end test uses the real one.
 */
class FollowsTest {

    static final Instant NOW = Instant.parse("2025-01-30T12:00:00Z");
    static final long CHAT = 42;

    @TempDir
    Path dir;
    Database db;
    ArticleStore store;
    Follows follows;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("h.db"));
        store = new ArticleStore(db);
        follows = new Follows(new FollowStore(db), store, new TopicMatcher(new HashingEmbeddingModel(), w -> 1.0, 1.0, 0.0), 5);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void reopen() {
        db.close();
        open();
    }

    private void ingest(Article... articles) {
        new Ingestor(store, new AliasStore(db), new HashingEmbeddingModel(), new Chunker(40, 0), 8)
                .ingestAll(List.of(articles), IngestProgress.NONE);
    }

    private List<String> pushedTitles() {
        follows.scan(NOW);
        return follows.deliveries(NOW).stream().flatMap(d -> d.alerts().stream()).map(s -> s.article().title()).toList();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "G | TOO_SHORT",
            "'  G  ' | TOO_SHORT",
            "Go | ADDED",
            "Goma | ADDED",
            "'Goma   offensive' | ADDED",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | ADDED",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | TOO_LONG"})
    void should_accept_topics_of_2_to_100_characters_when_following(String topic, Follows.Outcome expected) {
        assertEquals(expected, follows.follow(CHAT, topic, NOW));
    }

    @Test
    void should_refuse_a_repeat_and_the_21st_follow_when_a_chat_follows_20_topics() {
        for (int i = 1; i <= Follows.MAX_FOLLOWS; i++) assertEquals(Follows.Outcome.ADDED, follows.follow(CHAT, "topic " + i, NOW));

        assertEquals(Follows.Outcome.ALREADY_FOLLOWED, follows.follow(CHAT, "TOPIC 3", NOW));
        assertEquals(Follows.Outcome.FULL, follows.follow(CHAT, "one more", NOW));
        assertEquals(Follows.Outcome.ADDED, follows.follow(CHAT + 1, "one more", NOW), "the limit is per chat");
    }

    @Test
    void should_number_follows_in_order_when_unfollowing() {
        follows.follow(CHAT, "Goma", NOW);
        follows.follow(CHAT, "Halcyon", NOW);
        follows.follow(CHAT, "Lindenport", NOW);

        assertEquals(Optional.of("Halcyon"), follows.unfollow(CHAT, 2));
        assertEquals(List.of("Goma", "Lindenport"), follows.following(CHAT));
        assertEquals(Optional.empty(), follows.unfollow(CHAT, 3));
        assertEquals(Optional.empty(), follows.unfollow(CHAT + 1, 1), "another chat's follow");
    }

    @Test
    void should_match_only_articles_stored_after_the_follow_when_some_were_there_before() {
        ingest(article("old", "Goma before the follow", "2025-01-27", "Fighting was reported near Goma on Monday."));
        follows.follow(CHAT, "Goma", NOW);

        ingest(article("new", "Goma after the follow", "2025-01-29", "Shops reopened in Goma on Wednesday."),
                article("other", "Lindenport tram line opens", "2025-01-29", "The new tram line opened on Wednesday."));

        assertEquals(List.of("Goma after the follow"), pushedTitles());
    }

    @Test
    void should_drop_alerts_still_waiting_when_their_topic_is_unfollowed() {
        // given a chat sent its five alerts and a digest this hour, and a seventh match waiting for the next hour
        follows.follow(CHAT, "Goma", NOW);
        for (int i = 1; i <= 6; i++) {
            ingest(article("goma-" + i, "Goma report " + i, "2025-01-29", "Report number " + i + " from Goma today."));
        }
        follows.scan(NOW);
        assertEquals(1, follows.deliveries(NOW).get(0).digest().size());
        ingest(article("goma-7", "Goma report 7", "2025-01-29", "Report number 7 from Goma today."));
        follows.scan(NOW);

        // when
        follows.unfollow(CHAT, 1);

        // then: nothing more about Goma goes out
        assertEquals(List.of(), follows.deliveries(NOW.plusSeconds(7200)));
    }

    @Test
    void should_keep_follows_and_never_push_an_article_twice_when_restarted() {
        // given an alert pushed before a restart
        follows.follow(CHAT, "Goma", NOW);
        ingest(article("first", "Goma first report", "2025-01-28", "Rebels entered Goma on Tuesday."));
        assertEquals(List.of("Goma first report"), pushedTitles());

        // when
        reopen();
        ingest(article("second", "Goma second report", "2025-01-29", "Rebels held Goma on Wednesday."));

        // then
        assertEquals(List.of("Goma"), follows.following(CHAT));
        assertEquals(List.of("Goma second report"), pushedTitles());
    }
}
