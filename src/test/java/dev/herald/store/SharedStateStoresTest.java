package dev.herald.store;

import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What instances share through the store, with two connections to one database (an SQLite file, a PostgreSQL
 * schema) standing for two instances: leases, claims, taken updates, rate limits, conversation turns. Times are
 * given, never read from the clock.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class SharedStateStoresTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration TTL = Duration.ofSeconds(10);

    @Parameter
    StoreBackend backend;
    @TempDir
    Path tmp;
    StoreBackend.Location location;
    Database one;
    Database two;

    @BeforeEach
    void open() {
        location = backend.create(tmp);
        one = location.open();
        two = location.open();
    }

    @AfterEach
    void close() {
        if (two != null) two.close();
        if (one != null) one.close();
        if (location != null) location.close();
    }

    @Test
    void should_give_the_lease_to_one_holder_until_it_expires_or_is_released() {
        CoordinationStore a = new CoordinationStore(one);
        CoordinationStore b = new CoordinationStore(two);
        assertTrue(a.tryLease("telegram-polling", "A", T0, TTL));
        assertFalse(b.tryLease("telegram-polling", "B", T0.plusSeconds(5), TTL), "A's lease runs");
        assertTrue(a.tryLease("telegram-polling", "A", T0.plusSeconds(8), TTL), "renewed by its holder");
        assertFalse(b.tryLease("telegram-polling", "B", T0.plusSeconds(17), TTL), "renewal counts from 8 s");
        assertTrue(b.tryLease("telegram-polling", "B", T0.plusSeconds(19), TTL), "expired: B takes over");
        assertEquals("B", a.leaseHolder("telegram-polling", T0.plusSeconds(20)).orElseThrow());
        assertFalse(a.tryLease("telegram-polling", "A", T0.plusSeconds(20), TTL), "A, back, stands by");
        b.releaseLease("telegram-polling", "B");
        assertTrue(a.tryLease("telegram-polling", "A", T0.plusSeconds(21), TTL), "released: free at once");
    }

    @Test
    void should_keep_a_claim_while_its_holder_beats_and_free_it_when_the_holder_dies() {
        CoordinationStore a = new CoordinationStore(one);
        CoordinationStore b = new CoordinationStore(two);
        a.beat("A", T0, TTL);
        b.beat("B", T0, TTL);
        assertTrue(a.claim("conversation:5:5", "A", T0));
        assertTrue(a.claim("conversation:5:5", "A", T0), "its holder may claim again");
        assertFalse(b.claim("conversation:5:5", "B", T0.plusSeconds(1)));
        a.beat("A", T0.plusSeconds(8), TTL);
        assertFalse(b.claim("conversation:5:5", "B", T0.plusSeconds(17)), "A still beats: a slow answer keeps it");
        assertTrue(b.claim("conversation:5:5", "B", T0.plusSeconds(19)), "A stopped beating at 8 s");
        b.release("conversation:5:5", "B");
        assertTrue(a.claim("conversation:5:5", "A", T0.plusSeconds(19)), "released");
    }

    @Test
    void should_hand_an_update_to_one_instance_and_a_dead_ones_unfinished_update_to_another() {
        CoordinationStore coordination = new CoordinationStore(one);
        UpdateStore a = new UpdateStore(one);
        UpdateStore b = new UpdateStore(two);
        coordination.beat("A", T0, TTL);
        coordination.beat("B", T0, TTL);
        assertTrue(a.take(1, "c1", "{\"update_id\":1}", "A", T0));
        assertFalse(b.take(1, "c1", "{\"update_id\":1}", "B", T0), "A is handling it");
        assertFalse(a.take(1, "c1", "{\"update_id\":1}", "A", T0), "delivered again to A: still once");
        assertTrue(a.take(2, "c1", "{\"update_id\":2}", "A", T0));
        assertTrue(b.earlierOpen("c1", 2, T0), "update 2 of c1 waits for update 1");
        assertFalse(b.earlierOpen("c2", 2, T0), "another conversation does not");
        a.done(1, T0.plusSeconds(1));
        assertFalse(b.earlierOpen("c1", 2, T0), "update 1 is done");
        assertEquals(List.of(), b.orphans(T0.plusSeconds(5), Duration.ofHours(1), 10), "A is alive");

        // A dies with update 2 unfinished; B beats on
        coordination.beat("B", T0.plusSeconds(20), TTL);
        List<UpdateStore.Open> left = b.orphans(T0.plusSeconds(20), Duration.ofHours(1), 10);
        assertEquals(List.of(new UpdateStore.Open(2, "c1", "{\"update_id\":2}")), left, "the done one is not replayed");
        assertTrue(b.take(2, "c1", left.get(0).json(), "B", T0.plusSeconds(20)));
        assertFalse(b.take(1, "c1", "{\"update_id\":1}", "B", T0.plusSeconds(20)), "done stays done");
        assertEquals(2, a.prune(T0.plusSeconds(30)), "forgotten after the cut-off");
    }

    @Test
    void should_count_a_users_questions_once_across_instances_when_limiting_per_minute() {
        RateLimitStore a = new RateLimitStore(one);
        RateLimitStore b = new RateLimitStore(two);
        Duration minute = Duration.ofMinutes(1);
        assertEquals(0, a.tryAcquire(42, T0, 3, minute));
        assertEquals(0, b.tryAcquire(42, T0.plusSeconds(10), 3, minute));
        assertEquals(0, a.tryAcquire(42, T0.plusSeconds(20), 3, minute));
        assertEquals(30_000, b.tryAcquire(42, T0.plusSeconds(30), 3, minute), "4th within the minute: wait for the 1st");
        assertEquals(0, a.tryAcquire(7, T0.plusSeconds(30), 3, minute), "another user is not limited");
        assertEquals(0, b.tryAcquire(42, T0.plusSeconds(61), 3, minute), "the first has left the window");
        assertEquals(1, a.prune(T0.plusSeconds(61)), "user 7, idle since 30 s, is forgotten");
    }

    @Test
    void should_keep_a_conversations_last_turns_when_written_through_either_instance() {
        ConversationStore a = new ConversationStore(one);
        ConversationStore b = new ConversationStore(two);
        for (int i = 1; i <= 4; i++) {
            (i % 2 == 0 ? b : a).append("c1", new ConversationStore.StoredTurn("q" + i, "s" + i, Set.of("art" + i),
                    T0.plusSeconds(i)), 3);
        }
        List<ConversationStore.StoredTurn> turns = b.turns("c1");
        assertEquals(List.of("q2", "q3", "q4"), turns.stream().map(ConversationStore.StoredTurn::question).toList());
        assertEquals(Set.of("art4"), turns.get(2).cited());
        b.append("c1", new ConversationStore.StoredTurn("more", "s4", Set.of("art4", "art3"),
                List.of("The lead.", "A wrapped\nsentence."), T0.plusSeconds(5)), 3);
        assertEquals(List.of("The lead.", "A wrapped sentence."), a.turns("c1").get(2).shown(),
                "what a turn showed, each sentence one line");
        a.append("c2", new ConversationStore.StoredTurn("other", "other", Set.of(), T0), 3);
        assertEquals(1, a.prune(T0.plusSeconds(1)), "turns older than the cut-off go");
        assertEquals(List.of(), a.turns("c2"));
        b.reset("c1");
        assertEquals(List.of(), a.turns("c1"));
    }
}
