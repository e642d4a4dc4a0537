package dev.herald.store;

/**
 * The two databases Herald stores in, and the few places their SQL differs. Everything else is written once in SQL
 * both accept ({@code INSERT ... ON CONFLICT}, {@code COALESCE}, {@code CAST(... AS BIGINT)}).
 */
public enum Dialect {
    /** One file, one process writing at a time (WAL): the embedded default. */
    SQLITE("sqlite"),
    /** A shared server: several instances, one store. */
    POSTGRESQL("postgresql");

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** Where this dialect's Flyway migrations are, one file per schema step ({@code V7__name.sql}). */
    String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /** The column that orders a table's rows as they were inserted: SQLite's rowid, a {@code seq} column on PostgreSQL. */
    String insertionOrder() {
        return this == SQLITE ? "rowid" : "seq";
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("not a jdbc:sqlite: or jdbc:postgresql: URL: " + jdbcUrl);
    }
}
