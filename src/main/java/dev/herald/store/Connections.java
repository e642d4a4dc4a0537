package dev.herald.store;

/** How {@link Database} reaches one kind of database: reads on pooled connections, writes in transactions. */
interface Connections extends AutoCloseable {

    <T> T read(Database.Work<T> work);

    <T> T transaction(Database.Work<T> work);

    boolean readOnly();

    int schemaVersion();

    /** Where the data is, for messages: a file path, or a URL without credentials. */
    String describe();

    long sizeBytes();

    /** Reader connections idle now (for /metrics). */
    int idleReaders();

    /** Reader connections the pool holds at most. */
    int readerCount();

    @Override
    void close();
}
