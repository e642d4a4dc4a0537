-- 4: stories chats follow: every article stored, by whichever process, in arrival order (a trigger, as in SQLite);
--    the follows; the alerts matched and sent (seq keeps the order they were matched in, SQLite's rowid); paused chats
CREATE TABLE article_arrivals (seq BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL);
CREATE FUNCTION article_arrived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO article_arrivals(article_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER article_arrived AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION article_arrived();
CREATE TABLE follows (
  id BIGSERIAL PRIMARY KEY,
  chat_id BIGINT NOT NULL,
  topic TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  after_seq BIGINT NOT NULL,
  UNIQUE (chat_id, topic));
CREATE TABLE alerts (
  chat_id BIGINT NOT NULL,
  article_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  state TEXT NOT NULL,
  matched_at BIGINT NOT NULL,
  sent_at BIGINT,
  seq BIGSERIAL,
  PRIMARY KEY (chat_id, article_id));
CREATE INDEX alerts_state ON alerts(state, chat_id);
CREATE TABLE paused_chats (chat_id BIGINT PRIMARY KEY, paused_at BIGINT NOT NULL, reason TEXT NOT NULL);
