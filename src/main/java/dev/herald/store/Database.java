package dev.herald.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

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
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private volatile boolean closed;

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Database(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        Schema.migrate(writer);
        for (int i = 0; i < READERS; i++) readers.add(connect(file));
    }

    /** Opens (creating if needed) the database file and migrates its schema forward. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database(file);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(30_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    public Path file() {
        return file;
    }

    /** Runs read-only work on a pooled connection; it sees the last committed state. */
    public <T> T read(Work<T> work) {
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

    /** Runs work in one write transaction: all of it is committed, or none of it. */
    public <T> T transaction(Work<T> work) {
        writeLock.lock();
        try {
            if (closed) throw new StoreException("database is closed");
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Size of the database file plus its write-ahead log, in bytes. */
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
            try {
                writer.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                log.debug("checkpoint on close failed: {}", e.getMessage());
            }
            closeQuietly(writer);
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
}
