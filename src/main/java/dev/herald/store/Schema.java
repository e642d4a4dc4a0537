package dev.herald.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The database schema and its forward migrations, for both databases from one place: Flyway, with one folder of
 * numbered SQL files per dialect ({@code src/main/resources/db/migration/sqlite} and {@code .../postgresql}) whose
 * version numbers mean the same step on both. Each step runs once, in order, in its own transaction, and is recorded
 * in {@code flyway_schema_history}; the version reached is also kept in {@code meta.schema_version}, which is what
 * Herald before Flyway read (so an older jar still refuses a newer schema rather than damaging it).
 *
 * <p>A database made before Flyway (SQLite, {@code meta.schema_version} 1 to 6, no history table) is baselined at
 * its recorded version: Flyway then applies only the steps after it. To add step N: one file {@code VN__what.sql}
 * in each folder, and {@link #NEWEST} raised to N (opening any database fails until it agrees with the files).
 */
final class Schema {

    private static final Logger log = LoggerFactory.getLogger(Schema.class);
    static final String HISTORY = "flyway_schema_history";
    /**
     * The newest step, the highest {@code VN__} file of each folder. Known here so that opening a database that is
     * already there skips Flyway: its classpath scan and validation cost 120-300 ms per open and ~1 s of class
     * loading on the first (measured on the shared 2-core machine under load; the old code's open took 20 ms).
     */
    static final int NEWEST = 9;

    private Schema() {
    }

    /**
     * Migrates the database behind {@code source} to the newest schema; returns the version reached.
     *
     * @throws SQLException when the database's schema is newer than this Herald's
     */
    static int migrate(DataSource source, Dialect dialect) throws SQLException {
        try (Connection c = source.getConnection()) {
            if (tableExists(c, HISTORY) && tableExists(c, "meta")) {
                int recorded = recordedVersion(c);
                if (recorded > NEWEST) throw newer(recorded, NEWEST);
                if (recorded == NEWEST && applied(c) == NEWEST) return NEWEST;
            }
        }
        Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(source)
                .locations(dialect.migrationLocation())
                .table(HISTORY)
                .validateMigrationNaming(true)
                .load();
        int newest = newest(flyway);
        if (newest != NEWEST) {
            throw new IllegalStateException("Schema.NEWEST is " + NEWEST + " but the " + dialect
                    + " migration files go up to " + newest + "; raise it with the new step");
        }
        int recorded;
        boolean history;
        boolean hasMeta;
        try (Connection c = source.getConnection()) {
            history = tableExists(c, HISTORY);
            hasMeta = tableExists(c, "meta");
            recorded = hasMeta ? recordedVersion(c) : 0;
        }
        if (recorded > newest) throw newer(recorded, newest);
        if (!history && hasMeta) {
            // made by Herald before Flyway: its steps up to `recorded` ran, exactly as the files say
            Flyway.configure(Schema.class.getClassLoader()).dataSource(source).locations(dialect.migrationLocation())
                    .table(HISTORY).baselineVersion(MigrationVersion.fromVersion(String.valueOf(recorded)))
                    .baselineDescription("schema " + recorded + " made before Flyway").load().baseline();
            log.debug("database made before Flyway baselined at schema version {}", recorded);
        }
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        int reached = current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
        if (result.migrationsExecuted > 0 || recorded != reached) {
            try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '" + reached + "') "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            }
            log.debug("database migrated to schema version {} ({} steps)", reached, result.migrationsExecuted);
        }
        return reached;
    }

    /** The newest schema version this Herald knows (its highest migration file). */
    static int newest(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(i -> i.getVersion() != null && i.getPhysicalLocation() != null && !i.getPhysicalLocation().isEmpty())
                .mapToInt(i -> Integer.parseInt(i.getVersion().getVersion())).max().orElse(0);
    }

    private static SQLException newer(int recorded, int newest) {
        return new SQLException("database schema version " + recorded + " is newer than this Herald (" + newest
                + "); use a newer Herald or another database");
    }

    /** The newest step the history records as applied (or as the baseline). */
    private static int applied(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT MAX(CAST(version AS INTEGER)) FROM " + HISTORY + " WHERE success")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static int version(Connection c) throws SQLException {
        return recordedVersion(c);
    }

    private static int recordedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, c.getSchema(), table, new String[]{"TABLE"})) {
            return rs.next();
        }
    }
}
