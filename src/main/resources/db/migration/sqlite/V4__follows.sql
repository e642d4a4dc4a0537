-- 4: stories chats follow: every article stored from now on, by whichever process, in arrival order (a trigger, so
--    an older ingest path cannot miss it); the follows; the alerts matched and sent; paused chats
CREATE TABLE article_arrivals (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL);
CREATE TRIGGER article_arrived AFTER INSERT ON articles BEGIN
  INSERT INTO article_arrivals(article_id) VALUES (NEW.id);
END;
CREATE TABLE follows (
  id INTEGER PRIMARY KEY,
  chat_id INTEGER NOT NULL,
  topic TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  after_seq INTEGER NOT NULL,
  UNIQUE (chat_id, topic));
CREATE TABLE alerts (
  chat_id INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  state TEXT NOT NULL,
  matched_at INTEGER NOT NULL,
  sent_at INTEGER,
  PRIMARY KEY (chat_id, article_id));
CREATE INDEX alerts_state ON alerts(state, chat_id);
CREATE TABLE paused_chats (chat_id INTEGER PRIMARY KEY, paused_at INTEGER NOT NULL, reason TEXT NOT NULL);
