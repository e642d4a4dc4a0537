package dev.herald.cli;

import dev.herald.support.LogLines;
import dev.herald.support.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code store.url} and {@code herald migrate} from the command line: exit codes, one-line failures, no password shown. */
class StoreUrlCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HeraldCli.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_exit_2_with_one_line_naming_the_url_but_not_the_password_when_the_login_is_wrong() {
        // given
        String server = StoreBackend.requireServer();
        String password = "not-the-password-" + System.nanoTime();

        // when
        Run r;
        try (LogLines logs = new LogLines()) {
            r = run(Map.of("HERALD_STORE_URL", server, "HERALD_STORE_USER", StoreBackend.user(),
                    "HERALD_STORE_PASSWORD", password), "stats");
            assertTrue(logs.events().stream().noneMatch(e -> e.getFormattedMessage().contains(password)
                    || (e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(password))));
        }

        // then
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("herald: cannot connect to the database " + server + ": "), r.err());
        if (StoreBackend.password() != null) assertTrue(r.err().contains("password authentication failed"), r.err());
        assertFalse(r.err().contains(password) || r.out().contains(password));
    }

    @Test
    void should_exit_2_naming_the_url_and_the_cause_when_no_server_listens() throws Exception {
        // given
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/herald";

        // when
        Run r = run(Map.of("HERALD_STORE_URL", url, "HERALD_STORE_PASSWORD", "pw-never-shown"), "stats");

        // then
        assertEquals(2, r.exit(), r.err());
        assertEquals("herald: cannot connect to the database " + url + ": Connection to 127.0.0.1:" + port
                + " refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP"
                + " connections.", r.err().strip());
    }

    @Test
    void should_refuse_a_store_url_that_carries_the_password() {
        // when
        Run r = run(Map.of("HERALD_STORE_URL", "jdbc:postgresql://127.0.0.1:5432/herald?password=hunter2"), "stats");

        // then
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("HERALD_STORE_PASSWORD"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
    }

    @Test
    void should_copy_and_verify_the_sqlite_store_when_migrate_runs_twice() {
        // given
        Path db = dir.resolve("h.db");
        assertEquals(0, run(Map.of(), "ask", "Who controls Goma?", "--db", db.toString()).exit()); // loads the samples
        try (StoreBackend.Location target = StoreBackend.POSTGRESQL.create(dir)) {
            Map<String, String> env = StoreBackend.password() == null ? Map.of("HERALD_STORE_USER", StoreBackend.user())
                    : Map.of("HERALD_STORE_USER", StoreBackend.user(), "HERALD_STORE_PASSWORD", StoreBackend.password());

            // when
            Run first = run(env, "migrate", "--to", target.url(), "--db", db.toString());
            Run again = run(env, "migrate", "--to", target.url(), "--db", db.toString());

            // then
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("Verified."), first.out());
            assertTrue(first.out().matches("(?s).*Copied [1-9]\\d* articles.*; 0 were there from an earlier run.*"), first.out());
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("Copied 0 articles (0 chunks)"), again.out());
            Run stats = run(Map.of("HERALD_STORE_URL", target.url(), "HERALD_STORE_USER", StoreBackend.user(),
                    "HERALD_STORE_PASSWORD", String.valueOf(StoreBackend.password())), "stats");
            assertEquals(0, stats.exit(), stats.err());
            assertTrue(stats.out().startsWith("database   " + target.url()), stats.out());
        }
    }
}
