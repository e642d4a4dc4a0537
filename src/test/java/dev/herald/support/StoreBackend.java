package dev.herald.support;

import dev.herald.store.Database;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The databases the store's test suite runs against, one parameterised suite for both: {@code @ParameterizedClass
 * @EnumSource(StoreBackend.class)}. PostgreSQL is the server named by {@code HERALD_TEST_PG_URL} (with
 * {@code HERALD_TEST_PG_USER} / {@code HERALD_TEST_PG_PASSWORD}; {@code .ci/run} starts one and sets them); each
 * test gets a schema of its own there, dropped afterwards. Without a reachable server the PostgreSQL runs are
 * reported as skipped, except under {@code CI=true}, where that is a failure.
 */
public enum StoreBackend {
    SQLITE,
    POSTGRESQL;

    public static final String URL_ENV = "HERALD_TEST_PG_URL";

    /** One test's database: open it (again, after a close) at the same place; drop it at the end. */
    public interface Location extends AutoCloseable {
        Database open();

        /** The JDBC URL (for PostgreSQL with its own schema selected), the user and the password. */
        String url();

        @Override
        void close();
    }

    public Location create(Path dir) {
        if (this == SQLITE) {
            Path file = dir.resolve("h.db");
            return new Location() {
                public Database open() {
                    return Database.open(file);
                }

                public String url() {
                    return "jdbc:sqlite:" + file;
                }

                public void close() {
                }
            };
        }
        String server = requireServer();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        run(server, "CREATE SCHEMA " + schema);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Location() {
            public Database open() {
                return Database.open(url, user(), password());
            }

            public String url() {
                return url;
            }

            public void close() {
                run(server, "DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    public static String user() {
        String u = System.getenv("HERALD_TEST_PG_USER");
        return u == null || u.isBlank() ? "herald" : u;
    }

    public static String password() {
        String p = System.getenv("HERALD_TEST_PG_PASSWORD");
        return p == null || p.isBlank() ? null : p;
    }

    private static volatile String reachable;

    /**
     * The test server's URL; aborts the test (skipped) when none is configured or reachable, or fails it under
     * {@code CI=true}, where PostgreSQL must be there.
     */
    public static String requireServer() {
        if (reachable != null) return reachable;
        String url = System.getenv(URL_ENV);
        String why;
        if (url == null || url.isBlank()) {
            why = "no PostgreSQL for tests: " + URL_ENV + " is not set (.ci/run starts one)";
        } else {
            try (Connection c = connect(url)) {
                reachable = url;
                return url;
            } catch (SQLException e) {
                why = "PostgreSQL at " + url + " unreachable: " + e.getMessage();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(why + " (CI=true: PostgreSQL is required)");
        Assumptions.abort(why);
        return null;
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        if (password() != null) p.setProperty("password", password());
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, p);
    }

    /** Runs one statement on the test server (outside any test's schema). */
    public static void run(String url, String sql) {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
