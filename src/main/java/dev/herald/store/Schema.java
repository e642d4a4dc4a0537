package dev.herald.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database schema and its forward migrations. Each step runs once, in order, in its own transaction, and the
 * version reached is recorded in {@code meta.schema_version}.
 */
final class Schema {

    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    private static final List<List<String>> MIGRATIONS = List.of(
            // 1: articles, chunks, vectors and the keyword index
            List.of(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    """
                    CREATE TABLE articles (
                      id TEXT PRIMARY KEY,
                      url TEXT,
                      url_key TEXT UNIQUE,
                      title TEXT NOT NULL,
                      source TEXT NOT NULL,
                      published_at INTEGER,
                      text TEXT NOT NULL,
                      origin TEXT NOT NULL,
                      content_hash TEXT NOT NULL,
                      ingested_at INTEGER NOT NULL)""",
                    "CREATE INDEX articles_hash ON articles(content_hash)",
                    "CREATE INDEX articles_published ON articles(published_at)",
                    """
                    CREATE TABLE chunks (
                      id INTEGER PRIMARY KEY,
                      article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                      seq INTEGER NOT NULL,
                      text TEXT NOT NULL)""",
                    "CREATE INDEX chunks_article ON chunks(article_id)",
                    """
                    CREATE TABLE vectors (
                      chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
                      vector BLOB NOT NULL)""",
                    "CREATE VIRTUAL TABLE chunks_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
                    "CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row')"),
            // 2: readers' feedback and questions asked (the bot's /stats)
            List.of(
                    """
                    CREATE TABLE feedback (
                      id INTEGER PRIMARY KEY,
                      at INTEGER NOT NULL,
                      chat_id INTEGER,
                      user_id INTEGER,
                      question TEXT NOT NULL,
                      answer TEXT NOT NULL,
                      sources TEXT NOT NULL,
                      vote INTEGER NOT NULL)"""),
            // 3: content sources (web pages, feeds) with their fetch state, and the other outlets of a stored story
            List.of(
                    """
                    CREATE TABLE sources (
                      id INTEGER PRIMARY KEY,
                      location TEXT NOT NULL UNIQUE,
                      kind TEXT NOT NULL,
                      name TEXT,
                      refresh_seconds INTEGER,
                      added_at INTEGER NOT NULL,
                      last_fetch_at INTEGER,
                      last_ok_at INTEGER,
                      last_error TEXT,
                      failures INTEGER NOT NULL DEFAULT 0,
                      etag TEXT,
                      last_modified TEXT,
                      configured INTEGER NOT NULL DEFAULT 0)""",
                    """
                    CREATE TABLE article_aliases (
                      article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                      alias_id TEXT NOT NULL,
                      url TEXT,
                      url_key TEXT,
                      source TEXT NOT NULL,
                      title TEXT NOT NULL,
                      published_at INTEGER,
                      added_at INTEGER NOT NULL,
                      PRIMARY KEY (article_id, alias_id))""",
                    "CREATE INDEX article_aliases_alias ON article_aliases(alias_id)",
                    "CREATE INDEX article_aliases_url ON article_aliases(url_key)"),
            // 4: stories chats follow: every article stored from now on, by whichever process, in arrival order (a
            //    trigger, so an older ingest path cannot miss it); the follows; the alerts matched and sent; paused chats
            List.of(
                    "CREATE TABLE article_arrivals (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL)",
                    """
                    CREATE TRIGGER article_arrived AFTER INSERT ON articles BEGIN
                      INSERT INTO article_arrivals(article_id) VALUES (NEW.id);
                    END""",
                    """
                    CREATE TABLE follows (
                      id INTEGER PRIMARY KEY,
                      chat_id INTEGER NOT NULL,
                      topic TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      after_seq INTEGER NOT NULL,
                      UNIQUE (chat_id, topic))""",
                    """
                    CREATE TABLE alerts (
                      chat_id INTEGER NOT NULL,
                      article_id TEXT NOT NULL,
                      topic TEXT NOT NULL,
                      state TEXT NOT NULL,
                      matched_at INTEGER NOT NULL,
                      sent_at INTEGER,
                      PRIMARY KEY (chat_id, article_id))""",
                    "CREATE INDEX alerts_state ON alerts(state, chat_id)",
                    "CREATE TABLE paused_chats (chat_id INTEGER PRIMARY KEY, paused_at INTEGER NOT NULL, reason TEXT NOT NULL)"),
            // 5: morning briefings: a chat's time of day (minutes after midnight, null when off), its time zone, and
            //    the local day of the last briefing sent (never two a day, whichever instance sends it)
            List.of(
                    """
                    CREATE TABLE briefings (
                      chat_id INTEGER PRIMARY KEY,
                      minute INTEGER,
                      zone TEXT NOT NULL,
                      last_day TEXT)"""),
            // 6: the change log: every article stored or removed, by whichever process, in commit order (triggers, so
            //    no write path can miss it). A persistent index records the last seq it applied and replays only what
            //    came after; another instance follows it to stay in step. A replaced article is 'removed' then
            //    'stored'. One row per change, about 40 bytes: 4,700 articles ingested twice is ~0.4 MB, so it is
            //    kept whole (trimming it would force every index older than the trim point into a full rebuild).
            List.of(
                    """
                    CREATE TABLE content_changes (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      article_id TEXT NOT NULL,
                      op TEXT NOT NULL CHECK (op IN ('stored', 'removed')))""",
                    """
                    CREATE TRIGGER content_change_stored AFTER INSERT ON articles BEGIN
                      INSERT INTO content_changes(article_id, op) VALUES (NEW.id, 'stored');
                    END""",
                    """
                    CREATE TRIGGER content_change_removed AFTER DELETE ON articles BEGIN
                      INSERT INTO content_changes(article_id, op) VALUES (OLD.id, 'removed');
                    END"""),
            // 7: several instances on one store. Portable SQL only (plain tables, BIGINT times in epoch
            //    milliseconds, upserts with ON CONFLICT), so the same statements run on PostgreSQL.
            //    instances: each running bot's heartbeat; a claim whose holder stopped beating is free.
            //    leases: named, expiring (long polling, a source's refresh). telegram_updates: every update taken,
            //    with its JSON, so a duplicate is answered once and one left unfinished by a dead instance is
            //    finished by another. claims: held as long as the holder's heartbeat lasts (a conversation
            //    being handled, a source being refreshed: work of unknown length that must not run twice at once).
            //    conversation_turns, rate_events: follow-up memory and per-user limits, shared by every instance.
            List.of(
                    """
                    CREATE TABLE instances (
                      id TEXT PRIMARY KEY,
                      started_at BIGINT NOT NULL,
                      alive_until BIGINT NOT NULL)""",
                    """
                    CREATE TABLE leases (
                      name TEXT PRIMARY KEY,
                      holder TEXT NOT NULL,
                      expires_at BIGINT NOT NULL)""",
                    """
                    CREATE TABLE telegram_updates (
                      update_id BIGINT PRIMARY KEY,
                      conversation TEXT,
                      body TEXT NOT NULL,
                      holder TEXT NOT NULL,
                      taken_at BIGINT NOT NULL,
                      done_at BIGINT)""",
                    "CREATE INDEX telegram_updates_open ON telegram_updates(done_at, taken_at)",
                    "CREATE INDEX telegram_updates_conversation ON telegram_updates(conversation, update_id)",
                    """
                    CREATE TABLE claims (
                      name TEXT PRIMARY KEY,
                      holder TEXT NOT NULL,
                      claimed_at BIGINT NOT NULL)""",
                    """
                    CREATE TABLE conversation_turns (
                      conversation TEXT NOT NULL,
                      seq BIGINT NOT NULL,
                      question TEXT NOT NULL,
                      search_text TEXT NOT NULL,
                      cited TEXT NOT NULL,
                      at BIGINT NOT NULL,
                      PRIMARY KEY (conversation, seq))""",
                    "CREATE INDEX conversation_turns_at ON conversation_turns(at)",
                    """
                    CREATE TABLE rate_events (
                      user_id BIGINT PRIMARY KEY,
                      events TEXT NOT NULL,
                      last_at BIGINT NOT NULL)"""));

    static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }

    static void migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
        int current = version(c);
        if (current > VERSION) {
            throw new SQLException("database schema version " + current + " is newer than this Herald ("
                    + VERSION + "); use a newer Herald or another --db file");
        }
        for (int v = current + 1; v <= VERSION; v++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v - 1)) {
                    if (!sql.startsWith("CREATE TABLE IF NOT EXISTS meta")) st.execute(sql);
                }
                st.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + v + "')");
                c.commit();
                log.debug("database migrated to schema version {}", v);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }
}
