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

    private final boolean readOnly;

    private Database(Path file) throws SQLException {
        this.file = file;
        this.readOnly = false;
        this.writer = connect(file);
        Schema.migrate(writer);
        for (int i = 0; i < READERS; i++) readers.add(connect(file));
    }

    private Database(Path file, boolean immutable) throws SQLException {
        this.file = file;
        this.readOnly = true;
        this.writer = null;
        for (int i = 0; i < READERS; i++) readers.add(connectReadOnly(file, immutable));
    }

    /**
     * Opens an existing database for reading only, for commands that never write ({@code stats}, {@code ask}) when
     * the file or its folder is not writable (a read-only mount, a backup, another user's files). Writes fail with
     * "the database is read-only". A WAL database whose folder cannot hold the -shm file is opened immutable:
     * nothing can change it while the command runs anyway, since nobody here can write there.
     */
    public static Database openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) throw new StoreException("no database at " + file + " (and it cannot be created here)");
        try {
            Database d = new Database(file, false);
            try {
                d.read(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM articles").next());
                return d;
            } catch (StoreException e) {
                d.close();
                return new Database(file, true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + " read-only: " + e.getMessage(), e);
        }
    }

    /** True when a write-opening would fail: the file or the folder that must hold its journal is not writable. */
    public static boolean writable(Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        if (Files.exists(abs)) return Files.isWritable(abs) && (parent == null || Files.isWritable(parent));
        Path p = parent;
        while (p != null && !Files.exists(p)) p = p.getParent();
        return p == null || Files.isWritable(p);
    }

    public boolean readOnly() {
        return readOnly;
    }

    private static Connection connectReadOnly(Path file, boolean immutable) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(30_000);
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        String uri = file.toAbsolutePath().toUri().toString().replaceFirst("^file:///", "file:/");
        return cfg.createConnection("jdbc:sqlite:" + uri + (immutable ? "?immutable=1" : "?mode=ro"));
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

    /** Reader connections idle now, of {@link #readerCount()}: the pool's headroom (for /metrics). */
    public int idleReaders() {
        return readers.size();
    }

    public int readerCount() {
        return READERS;
    }

    /** Null when a trivial query answers, else why not (for /healthz). */
    public String problem() {
        try {
            read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
            return null;
        } catch (StoreException e) {
            return e.getMessage();
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
}
