-- 2: readers' feedback and questions asked (the bot's /stats)
CREATE TABLE feedback (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  chat_id BIGINT,
  user_id BIGINT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  sources TEXT NOT NULL,
  vote INTEGER NOT NULL);
