package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Column conventions shared by the repositories: instants are stored as nullable epoch seconds. */
final class SqlColumns {

    private SqlColumns() {
    }

    /** A nullable epoch-seconds column as an instant. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }

    static void setInstant(PreparedStatement ps, int column, Instant value) throws SQLException {
        if (value == null) ps.setNull(column, Types.INTEGER);
        else ps.setLong(column, value.getEpochSecond());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }
}
