-- 7: several instances on one store. Portable SQL only (plain tables, BIGINT times in epoch milliseconds, upserts
--    with ON CONFLICT), so the same statements run on PostgreSQL.
--    instances: each running bot's heartbeat; a claim whose holder stopped beating is free.
--    leases: named, expiring (long polling, a source's refresh). telegram_updates: every update taken, with its JSON,
--    so a duplicate is answered once and one left unfinished by a dead instance is finished by another. claims: held
--    as long as the holder's heartbeat lasts (a conversation being handled, a source being refreshed: work of unknown
--    length that must not run twice at once). conversation_turns, rate_events: follow-up memory and per-user limits,
--    shared by every instance.
CREATE TABLE instances (
  id TEXT PRIMARY KEY,
  started_at BIGINT NOT NULL,
  alive_until BIGINT NOT NULL);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL);

CREATE TABLE telegram_updates (
  update_id BIGINT PRIMARY KEY,
  conversation TEXT,
  body TEXT NOT NULL,
  holder TEXT NOT NULL,
  taken_at BIGINT NOT NULL,
  done_at BIGINT);
CREATE INDEX telegram_updates_open ON telegram_updates(done_at, taken_at);
CREATE INDEX telegram_updates_conversation ON telegram_updates(conversation, update_id);

CREATE TABLE claims (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  claimed_at BIGINT NOT NULL);

CREATE TABLE conversation_turns (
  conversation TEXT NOT NULL,
  seq BIGINT NOT NULL,
  question TEXT NOT NULL,
  search_text TEXT NOT NULL,
  cited TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (conversation, seq));
CREATE INDEX conversation_turns_at ON conversation_turns(at);

CREATE TABLE rate_events (
  user_id BIGINT PRIMARY KEY,
  events TEXT NOT NULL,
  last_at BIGINT NOT NULL);
