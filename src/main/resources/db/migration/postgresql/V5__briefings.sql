-- 5: morning briefings (see the SQLite V5)
CREATE TABLE briefings (
  chat_id BIGINT PRIMARY KEY,
  minute INTEGER,
  zone TEXT NOT NULL,
  last_day TEXT);
