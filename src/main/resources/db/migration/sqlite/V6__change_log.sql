-- 6: the change log: every article stored or removed, by whichever process, in commit order (triggers, so no write
--    path can miss it). A persistent index records the last seq it applied and replays only what came after; another
--    instance follows it to stay in step. A replaced article is 'removed' then 'stored'. One row per change, about
--    40 bytes: 4,700 articles ingested twice is ~0.4 MB, so it is kept whole (trimming it would force every index
--    older than the trim point into a full rebuild).
CREATE TABLE content_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('stored', 'removed')));
CREATE TRIGGER content_change_stored AFTER INSERT ON articles BEGIN
  INSERT INTO content_changes(article_id, op) VALUES (NEW.id, 'stored');
END;
CREATE TRIGGER content_change_removed AFTER DELETE ON articles BEGIN
  INSERT INTO content_changes(article_id, op) VALUES (OLD.id, 'removed');
END;
