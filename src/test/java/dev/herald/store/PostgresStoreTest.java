package dev.herald.store;

import ch.qos.logback.classic.Level;
import dev.herald.support.LogLines;
import dev.herald.support.PgCluster;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only PostgreSQL has: several writers at once, a server that can go away, and a login that can be refused. */
class PostgresStoreTest {

    @TempDir
    Path dir;

    @Test
    void should_list_changes_in_commit_order_when_a_writer_commits_after_another_has_started() throws Exception {
        // given: two instances on one store; the first is inside an article write, its change numbered, not committed
        try (StoreBackend.Location location = StoreBackend.POSTGRESQL.create(dir);
             Database first = location.open(); Database second = location.open()) {
            ArticleStore firstStore = new ArticleStore(first);
            CountDownLatch numbered = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> first.transaction(c -> {
                firstStore.lockArticleWrites(c);
                try (Statement st = c.createStatement()) {
                    st.execute("""
                            INSERT INTO articles(id, title, source, text, origin, content_hash, ingested_at)
                            VALUES ('slow', 'Slow', 'Wire', 'Written slowly.', 'test', 'h1', 0)""");
                }
                numbered.countDown();
                await(commit);
                return null;
            }));
            assertTrue(numbered.await(30, TimeUnit.SECONDS));

            // when: the second instance stores an article meanwhile
            CompletableFuture<List<ArticleStore.Status>> fast = CompletableFuture.supplyAsync(() -> new ArticleStore(second)
                    .storeAll(List.of(new PreparedArticle(article("fast", "Fast", "2025-01-27", "Written fast."), List.of(), List.of()))));
            awaitAdvisoryLockWaiter(second);
            ChangeLog log = new ChangeLog(second);
            List<ChangeLog.ContentChange> whileWaiting = log.since(0, 10);
            commit.countDown();
            slow.get(30, TimeUnit.SECONDS);
            fast.get(30, TimeUnit.SECONDS);

            // then: the second writer waited for the first, so a reader polling seq > last misses nothing
            assertEquals(List.of(), whileWaiting);
            List<ChangeLog.ContentChange> all = log.since(0, 10);
            assertEquals(List.of("slow", "fast"), all.stream().map(ChangeLog.ContentChange::articleId).toList());
            assertTrue(all.get(0).seq() < all.get(1).seq());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a session is blocked on the article-write advisory lock (the observable event, polled). */
    private static void awaitAdvisoryLockWaiter(Database db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            int waiting = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            if (waiting > 0) return;
            Thread.sleep(20);
        }
        throw new AssertionError("the second writer never waited for the article-write lock");
    }

    @Test
    void should_name_the_url_and_the_cause_but_never_the_password_when_the_login_is_refused() throws Exception {
        // given
        String server = StoreBackend.requireServer();
        String wrong = "Wr0ng-" + System.nanoTime();

        // when
        StoreUnavailableException e;
        try (LogLines logs = new LogLines()) {
            e = assertThrows(StoreUnavailableException.class, () -> Database.open(server, StoreBackend.user(), wrong));

            // then
            assertTrue(logs.events().stream().noneMatch(ev -> ev.getFormattedMessage().contains(wrong)));
        }
        String message = e.getMessage();
        assertTrue(message.startsWith("cannot connect to the database " + server + ": "), message);
        assertFalse(message.contains(wrong), message);
        if (StoreBackend.password() != null) {
            assertTrue(message.contains("password authentication failed"), message);
            assertFalse(message.contains(StoreBackend.password()), message);
        }
        for (Throwable t = e; t != null; t = t.getCause()) assertFalse(String.valueOf(t.getMessage()).contains(wrong));
    }

    @Test
    void should_say_which_server_is_unreachable_when_nothing_listens() throws Exception {
        // given: a port nobody listens on
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/herald";

        // when
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> Database.open(url, "herald", "s3cret-not-shown"));

        // then
        assertTrue(e.getMessage().startsWith("cannot connect to the database " + url + ": Connection to 127.0.0.1:"
                + port + " refused"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-not-shown"));
    }

    @Test
    void should_work_again_without_a_restart_when_the_server_was_restarted() throws Exception {
        // given
        try (PgCluster cluster = PgCluster.start("restart-pw-" + System.nanoTime());
             Database db = Database.open(cluster.url(), PgCluster.USER, cluster.password());
             LogLines logs = new LogLines()) {
            ArticleStore store = new ArticleStore(db);
            store.storeAll(List.of(new PreparedArticle(article("before", "Before", "2025-01-27", "Stored before."), List.of(), List.of())));

            // when: the server goes away, a write is attempted, and the server comes back
            cluster.stopServer();
            CompletableFuture<List<ArticleStore.Status>> during = CompletableFuture.supplyAsync(() -> store.storeAll(
                    List.of(new PreparedArticle(article("during", "During", "2025-01-28", "Stored during."), List.of(), List.of()))));
            awaitWarning(logs);
            cluster.startServer();

            // then: the write went through once the server was back, and later work needs nothing special
            assertEquals(List.of(ArticleStore.Status.NEW), during.get(60, TimeUnit.SECONDS));
            assertEquals(2, store.articleCount());
            List<String> warnings = logs.from("PostgresConnections").stream().filter(ev -> ev.getLevel() == Level.WARN)
                    .map(ev -> ev.getFormattedMessage()).toList();
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("lost the connection to the database " + cluster.url()), warnings.get(0));
            assertTrue(warnings.get(1).startsWith("the connection to the database " + cluster.url() + " is back"), warnings.get(1));
        }
    }

    private static void awaitWarning(LogLines logs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (logs.from("PostgresConnections").stream().anyMatch(ev -> ev.getLevel() == Level.WARN)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("no warning about the lost connection");
    }
}
