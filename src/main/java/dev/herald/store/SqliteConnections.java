package dev.herald.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file: one writer connection and a small pool of reader connections.
 *
 * <p>WAL mode lets readers keep answering from the last committed state while a long ingest or reload writes, which
 * is what makes a reload invisible to readers until it commits.
 */
final class SqliteConnections implements Connections {

    private static final Logger log = LoggerFactory.getLogger(SqliteConnections.class);
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final boolean readOnly;
    private final int schemaVersion;
    private volatile boolean closed;

    /** Opens (creating if needed) the database file, migrating its schema forward first. */
    SqliteConnections(Path file) throws SQLException {
        this.file = file;
        this.readOnly = false;
        SQLiteDataSource migrations = new SQLiteDataSource(config());
        migrations.setUrl(url(file));
        this.schemaVersion = Schema.migrate(migrations, Dialect.SQLITE);
        this.writer = connectWriter(file);
        for (int i = 0; i < READERS; i++) readers.add(connect(file));
    }

    /** Opens an existing file for reading only: no migration, no writer. */
    SqliteConnections(Path file, boolean immutable) throws SQLException {
        this.file = file;
        this.readOnly = true;
        this.writer = null;
        for (int i = 0; i < READERS; i++) readers.add(connectReadOnly(file, immutable));
        this.schemaVersion = read(Schema::version);
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteConfig config() {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(30_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return cfg;
    }

    private static Connection connect(Path file) throws SQLException {
        return config().createConnection(url(file));
    }

    /**
     * The writer begins its transactions IMMEDIATE: a deferred one reads first and upgrades to a write later, and when
     * another process (a second instance's heartbeat, a CLI ingest beside the bot) wrote in between, SQLite answers
     * SQLITE_BUSY_SNAPSHOT at once, which the busy timeout cannot wait out (seen in FollowAlertsTest with two
     * instances on one file). Taking the write lock first makes a writer wait for the other, up to the busy timeout.
     */
    private static Connection connectWriter(Path file) throws SQLException {
        SQLiteConfig cfg = config();
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return cfg.createConnection(url(file));
    }

    private static Connection connectReadOnly(Path file, boolean immutable) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(30_000);
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        String uri = file.toAbsolutePath().toUri().toString().replaceFirst("^file:///", "file:/");
        return cfg.createConnection("jdbc:sqlite:" + uri + (immutable ? "?immutable=1" : "?mode=ro"));
    }

    Path file() {
        return file;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String describe() {
        return file.toAbsolutePath().toString();
    }

    @Override
    public <T> T read(Database.Work<T> work) {
        Connection c = null;
        try {
            c = readers.take();
            return work.run(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the database", e);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            if (c != null) readers.add(c);
        }
    }

    @Override
    public <T> T transaction(Database.Work<T> work) {
        if (readOnly) throw new StoreException("the database " + file + " is read-only here; this needs to write to it");
        writeLock.lock();
        try {
            if (closed) throw new StoreException("database is closed");
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException alreadyRolledBack) {
                    e.addSuppressed(alreadyRolledBack); // SQLite may have rolled back already (SQLITE_FULL)
                }
                throw e;
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException afterFailure) {
                    // after SQLITE_FULL SQLite has ended the transaction itself, and this "commit" fails with "no
                    // transaction is active": that message used to replace the real cause; the connection is fine
                    log.debug("resetting auto-commit failed: {}", afterFailure.getMessage());
                }
            }
        } catch (SQLException e) {
            if (diskFull(e)) {
                throw new StoreException("disk full while writing the database (" + file.toAbsolutePath() + ": "
                        + e.getMessage() + "); free some space and run it again: what was stored stays", e);
            }
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** SQLITE_FULL (13): the disk, or the database's page limit, is full. */
    static boolean diskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 13
                    || String.valueOf(s.getMessage()).contains("SQLITE_FULL"))) {
                return true;
            }
        }
        return false;
    }

    /** Size of the database file plus its write-ahead log, in bytes. */
    @Override
    public long sizeBytes() {
        long size = 0;
        for (String suffix : new String[]{"", "-wal"}) {
            try {
                Path p = Path.of(file.toAbsolutePath() + suffix);
                if (Files.exists(p)) size += Files.size(p);
            } catch (IOException ignored) {
                // a size is informative only
            }
        }
        return size;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            if (writer != null) {
                try {
                    writer.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException e) {
                    log.debug("checkpoint on close failed: {}", e.getMessage());
                }
                closeQuietly(writer);
            }
            Connection c;
            while ((c = readers.poll()) != null) closeQuietly(c);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("close failed: {}", e.getMessage());
        }
    }

    @Override
    public int idleReaders() {
        return readers.size();
    }

    @Override
    public int readerCount() {
        return READERS;
    }
}
