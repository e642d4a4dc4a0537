package dev.herald.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Chats' morning briefings: the time of day, the time zone, and the local day the last one was sent. */
public final class BriefingStore {

    /**
     * One chat's briefing.
     *
     * @param minute  minutes after local midnight, or null when the briefing is off
     * @param zone    a time-zone id ("Africa/Nairobi")
     * @param lastDay the local day (ISO) of the last briefing sent, or null
     */
    public record Schedule(long chatId, Integer minute, String zone, String lastDay) {
        public Schedule {
            Objects.requireNonNull(zone, "zone");
        }
    }

    private final Database db;

    public BriefingStore(Database db) {
        this.db = db;
    }

    public Optional<Schedule> get(long chatId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chat_id, minute, zone, last_day FROM briefings WHERE chat_id = ?")) {
                ps.setLong(1, chatId);
                List<Schedule> found = schedules(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    /** Every chat with a briefing on. */
    public List<Schedule> scheduled() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chat_id, minute, zone, last_day FROM briefings WHERE minute IS NOT NULL ORDER BY chat_id")) {
                return schedules(ps);
            }
        });
    }

    private static List<Schedule> schedules(PreparedStatement ps) throws SQLException {
        List<Schedule> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int minute = rs.getInt(2);
                Integer m = rs.wasNull() ? null : minute;
                out.add(new Schedule(rs.getLong(1), m, rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /**
     * Sets the chat's briefing time (null: off), keeping its zone ({@code zoneIfNew} for a chat not seen before), and
     * the day last sent ({@code lastDay}: a day counted as done, or null).
     */
    public void setTime(long chatId, Integer minute, String zoneIfNew, String lastDay) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO briefings(chat_id, minute, zone, last_day) VALUES (?, ?, ?, ?)
                    ON CONFLICT(chat_id) DO UPDATE SET minute = excluded.minute, last_day = excluded.last_day""")) {
                ps.setLong(1, chatId);
                if (minute == null) ps.setNull(2, java.sql.Types.INTEGER);
                else ps.setInt(2, minute);
                ps.setString(3, zoneIfNew);
                ps.setString(4, lastDay);
                return ps.executeUpdate();
            }
        });
    }

    /** Sets the chat's time zone, keeping its briefing time (off for a chat not seen before). */
    public void setZone(long chatId, String zone) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO briefings(chat_id, minute, zone, last_day) VALUES (?, NULL, ?, NULL)
                    ON CONFLICT(chat_id) DO UPDATE SET zone = excluded.zone""")) {
                ps.setLong(1, chatId);
                ps.setString(2, zone);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Claims the chat's briefing of a local day: true for the first caller, false when that day's was claimed
     * already, or a later one (by this process before a restart, by another instance on the same database, or
     * before a change of time zone moved the local day back).
     */
    public boolean claim(long chatId, String day) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE briefings SET last_day = ? WHERE chat_id = ? AND minute IS NOT NULL
                    AND (last_day IS NULL OR last_day < ?)""")) {
                ps.setString(1, day);
                ps.setLong(2, chatId);
                ps.setString(3, day);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
