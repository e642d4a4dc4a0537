-- 2: readers' feedback and questions asked (the bot's /stats)
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  chat_id INTEGER,
  user_id INTEGER,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  sources TEXT NOT NULL,
  vote INTEGER NOT NULL);
