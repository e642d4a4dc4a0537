package dev.herald.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL server through a HikariCP pool. Readers and writers each take a pooled connection (PostgreSQL's MVCC
 * gives readers the last committed state, as WAL does for SQLite), so no process-wide write lock: transactions that
 * must be ordered across instances take an advisory lock themselves ({@link ArticleStore}).
 *
 * <p>A lost connection (server restarted, network cut) is reported once as one WARN line, and the work is retried
 * with back-off (0.25 s doubling to 4 s) for up to {@link #RETRY_FOR}; the pool replaces dead connections by itself,
 * so the store works again without a restart once the server is back. Work that fails for another reason (a bad
 * statement, a constraint) is not retried.
 */
final class PostgresConnections implements Connections {

    private static final Logger log = LoggerFactory.getLogger(PostgresConnections.class);
    /** How long one read or transaction keeps retrying a lost connection before it fails with "unreachable". */
    static final Duration RETRY_FOR = Duration.ofSeconds(20);
    private static final int POOL_SIZE = 8;

    private final String url;
    private final HikariDataSource pool;
    private final int schemaVersion;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long downSince;

    /**
     * Connects once directly (so a refused connection or a wrong password is one clear failure, not a pool timeout),
     * then opens the pool and migrates the schema.
     *
     * @throws StoreUnavailableException naming the URL (it never holds the password) and the cause
     */
    PostgresConnections(String url, String user, String password) {
        this.url = url;
        Properties probe = new Properties();
        if (user != null) probe.setProperty("user", user);
        if (password != null) probe.setProperty("password", password);
        probe.setProperty("connectTimeout", "5");
        probe.setProperty("loginTimeout", "5");
        try (Connection c = DriverManager.getConnection(url, probe)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to the database " + url + ": " + e.getMessage(), e);
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("herald-store");
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(POOL_SIZE);
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(3_000);
        cfg.setValidationTimeout(1_000);
        cfg.setInitializationFailTimeout(-1); // the probe above already said why it cannot connect
        cfg.addDataSourceProperty("connectTimeout", "5");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true"); // migrate's batches: one INSERT per batch
        cfg.addDataSourceProperty("ApplicationName", "herald");
        this.pool = new HikariDataSource(cfg);
        try {
            this.schemaVersion = Schema.migrate(pool, Dialect.POSTGRESQL);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot prepare the database " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(Database.Work<T> work) {
        return retrying("read", () -> {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        });
    }

    @Override
    public <T> T transaction(Database.Work<T> work) {
        return retrying("write", () -> {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException lost) {
                        e.addSuppressed(lost);
                    }
                    throw e;
                } finally {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException lost) {
                        log.debug("resetting auto-commit failed: {}", lost.getMessage());
                    }
                }
            }
        });
    }

    private interface Call<T> {
        T run() throws SQLException;
    }

    private <T> T retrying(String what, Call<T> call) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long backoffMillis = 250;
        while (true) {
            try {
                T result = call.run();
                if (down.compareAndSet(true, false)) {
                    log.warn("the connection to the database {} is back after {} s", url,
                            (System.nanoTime() - downSince) / 1_000_000_000);
                }
                return result;
            } catch (SQLException e) {
                if (!connectionLost(e)) throw new StoreException("database " + what + " failed: " + e.getMessage(), e);
                if (down.compareAndSet(false, true)) {
                    downSince = System.nanoTime();
                    log.warn("lost the connection to the database {} ({}); retrying with back-off", url, rootMessage(e));
                }
                if (System.nanoTime() > deadline) {
                    throw new StoreUnavailableException("the database " + url + " is unreachable (" + rootMessage(e)
                            + "); still retrying", e);
                }
                try {
                    Thread.sleep(backoffMillis); // back-off between attempts, not a wait for an event
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the database " + url, ie);
                }
                backoffMillis = Math.min(backoffMillis * 2, 4_000);
            }
        }
    }

    /** Connection exceptions (SQLSTATE class 08), the server shutting down (57P01-57P03), or no pooled connection. */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public long sizeBytes() {
        return read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public int idleReaders() {
        var bean = pool.getHikariPoolMXBean(); // null until the pool has started
        return bean == null ? 0 : bean.getIdleConnections();
    }

    @Override
    public int readerCount() {
        return pool.getMaximumPoolSize(); // readers and writers share the pool
    }
}
