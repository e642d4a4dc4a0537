package dev.herald.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store's database: an SQLite file (the embedded default: one writer connection and a small pool of readers in
 * WAL mode) or a PostgreSQL server shared by several instances (a HikariCP pool). Repositories see only {@link #read}
 * and {@link #transaction}, and ask {@link #dialect} where the SQL differs.
 */
public final class Database implements AutoCloseable {

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final Connections connections;
    private final Path file;

    private Database(Dialect dialect, Connections connections, Path file) {
        this.dialect = dialect;
        this.connections = connections;
        this.file = file;
    }

    /**
     * Opens the database at a JDBC URL, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://host:port/db}, and
     * migrates its schema forward. {@code user} and {@code password} (null for none) are for PostgreSQL only.
     *
     * @throws StoreUnavailableException when a PostgreSQL server cannot be reached or refuses the login
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Dialect d = Dialect.of(jdbcUrl);
        if (d == Dialect.SQLITE) return open(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
        return new Database(d, new PostgresConnections(jdbcUrl, user, password), null);
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
            SqliteConnections c = new SqliteConnections(file, false);
            try {
                c.read(x -> x.createStatement().executeQuery("SELECT COUNT(*) FROM articles").next());
                return new Database(Dialect.SQLITE, c, file);
            } catch (StoreException e) {
                c.close();
                throw e;
            }
        } catch (SQLException | StoreException notShared) {
            // (the opening itself may be what fails: SQLITE_READONLY_DIRECTORY, when a WAL database's folder cannot
            // hold its -shm file; `stats` on a read-only copy in a read-only folder had exited 1)
            try {
                return new Database(Dialect.SQLITE, new SqliteConnections(file, true), file);
            } catch (SQLException | StoreException e) {
                throw new StoreException("cannot open database " + file + " read-only: " + e.getMessage(), e);
            }
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

    /** Opens (creating if needed) the SQLite file and migrates its schema forward. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database(Dialect.SQLITE, new SqliteConnections(file), file);
        } catch (IOException | SQLException | org.flywaydb.core.api.FlywayException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean readOnly() {
        return connections.readOnly();
    }

    /** The SQLite file; null on PostgreSQL. */
    public Path file() {
        return file;
    }

    /** Where the data is, for messages and {@code stats}: the SQLite file's path, or the URL (never a password). */
    public String describe() {
        return connections.describe();
    }

    /** The schema version the database is at (the newest migration applied). */
    public int schemaVersion() {
        return connections.schemaVersion();
    }

    /** Runs read-only work on a pooled connection; it sees the last committed state. */
    public <T> T read(Work<T> work) {
        return connections.read(work);
    }

    /**
     * Runs work in one write transaction: all of it is committed, or none of it. On PostgreSQL the work may run again
     * after a lost connection, so it must build its results afresh each time it runs.
     */
    public <T> T transaction(Work<T> work) {
        return connections.transaction(work);
    }

    /** Reader connections idle now, of {@link #readerCount()}: the pool's headroom (for /metrics). */
    public int idleReaders() {
        return connections.idleReaders();
    }

    /** Reader connections the pool holds at most. */
    public int readerCount() {
        return connections.readerCount();
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

    /** Size of the database in bytes: the SQLite file plus its write-ahead log, or PostgreSQL's database size. */
    public long sizeBytes() {
        return connections.sizeBytes();
    }

    @Override
    public void close() {
        connections.close();
    }
}
