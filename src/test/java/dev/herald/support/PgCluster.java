package dev.herald.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster of a test's own, for tests that stop and start the server (the shared one of
 * {@link StoreBackend} must stay up). Made as in {@code ../shared/notes/postgres.md}: initdb with a password for TCP
 * logins, on a free port of 127.0.0.1; as the {@code postgres} user when running as root (CI), since PostgreSQL
 * refuses to run as root. Without the binaries the test is skipped, or fails under {@code CI=true}.
 */
public final class PgCluster implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String USER = "herald";

    private final Path dir;
    private final int port;
    private final String password;

    private PgCluster(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    public static PgCluster start(String password) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            String why = "no PostgreSQL binaries in " + BIN;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(why + " (CI=true)");
            Assumptions.abort(why);
        }
        Path dir = Files.createTempDirectory("herald-pg");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, password);
        if (root()) sh("chown -R postgres " + dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PgCluster c = new PgCluster(dir, port, password);
        c.asPostgres(BIN.resolve("initdb") + " -D " + dir.resolve("data") + " -U " + USER
                + " --auth-local=trust --auth-host=scram-sha-256 --pwfile=" + pw);
        c.startServer();
        return c;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String password() {
        return password;
    }

    public void startServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -l " + dir.resolve("log") + " -w -o \"-p "
                + port + " -k " + dir + " -c listen_addresses=127.0.0.1\" start");
    }

    public void stopServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -w stop -m fast");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } finally {
            sh("rm -rf " + dir);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void asPostgres(String command) throws IOException, InterruptedException {
        sh(root() ? "runuser -u postgres -- sh -c '" + command.replace("'", "'\\''") + "'" : command);
    }

    private static void sh(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", command + " >/dev/null"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(command + " failed: " + out);
    }
}
