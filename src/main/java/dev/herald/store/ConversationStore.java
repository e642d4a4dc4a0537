package dev.herald.store;

import dev.herald.text.Terms;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Conversations' last turns, shared by every instance on the store, so a follow-up that reaches another instance
 * than the question before it still reads as a follow-up. Bounded: a conversation keeps its last few turns, and
 * turns older than the memory's idle time are pruned.
 */
public final class ConversationStore {

    /** One stored turn; {@code shown} are the sentences its answer quoted, one per line when stored. */
    public record StoredTurn(String question, String searchText, Set<String> cited, List<String> shown, Instant at) {
        public StoredTurn {
            cited = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(cited));
            shown = List.copyOf(shown);
        }

        public StoredTurn(String question, String searchText, Set<String> cited, Instant at) {
            this(question, searchText, cited, List.of(), at);
        }
    }

    private final Database db;

    public ConversationStore(Database db) {
        this.db = db;
    }

    /** The conversation's turns, oldest first. */
    public List<StoredTurn> turns(String conversation) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT question, search_text, cited, at, shown FROM conversation_turns WHERE conversation = ? ORDER BY seq")) {
                ps.setString(1, conversation);
                List<StoredTurn> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String cited = rs.getString(3);
                        Set<String> ids = cited.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(cited.split("\n")));
                        String shown = rs.getString(5);
                        out.add(new StoredTurn(rs.getString(1), rs.getString(2), ids,
                                shown.isEmpty() ? List.of() : Arrays.asList(shown.split("\n")),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return out;
            }
        });
    }

    /** Appends a turn and drops all but the conversation's last {@code keep}. */
    public void append(String conversation, StoredTurn turn, int keep) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversation_turns(conversation, seq, question, search_text, cited, at, shown)
                    SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM conversation_turns WHERE conversation = ?""")) {
                ps.setString(1, conversation);
                ps.setString(2, turn.question());
                ps.setString(3, turn.searchText());
                ps.setString(4, String.join("\n", turn.cited()));
                ps.setLong(5, turn.at().toEpochMilli());
                // a sentence is one line: a line break inside it (a wrapped paragraph) is a space when compared
                ps.setString(6, String.join("\n", turn.shown().stream().map(Terms::squashSpace).toList()));
                ps.setString(7, conversation);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM conversation_turns WHERE conversation = ?
                    AND seq <= (SELECT MAX(seq) FROM conversation_turns WHERE conversation = ?) - ?""")) {
                ps.setString(1, conversation);
                ps.setString(2, conversation);
                ps.setInt(3, keep);
                return ps.executeUpdate();
            }
        });
    }

    public void reset(String conversation) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversation_turns WHERE conversation = ?")) {
                ps.setString(1, conversation);
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets every turn older than the cut-off. */
    public int prune(Instant before) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversation_turns WHERE at < ?")) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
