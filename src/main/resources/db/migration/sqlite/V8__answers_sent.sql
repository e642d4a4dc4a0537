-- 8: the answers readers can rate, in the store: the 👍/👎 under an answer one instance sent may be pressed after a
--    restart or reach another instance. One vote per reader and answer is a unique index, so a write retried after a
--    lost connection (its first try may have committed) cannot store the vote twice. Votes from before keep a null
--    answer_key.
CREATE TABLE answers_sent (
  answer_key TEXT PRIMARY KEY,
  sent_at BIGINT NOT NULL,
  chat_id BIGINT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  sources TEXT NOT NULL);
CREATE INDEX answers_sent_at ON answers_sent(sent_at);
ALTER TABLE feedback ADD COLUMN answer_key TEXT;
CREATE UNIQUE INDEX feedback_one_vote ON feedback(answer_key, user_id);
