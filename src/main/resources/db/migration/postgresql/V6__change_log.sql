-- 6: the change log (see the SQLite V6), filled by triggers. A sequence hands out seq before commit, so two article
--    writers committing out of order could let a reader polling "seq > last" skip a row committed late: every
--    transaction that writes articles first takes the advisory lock ArticleStore.ARTICLE_WRITES (held until it
--    commits), so seqs are handed out and committed in one order.
CREATE TABLE content_changes (
  seq BIGSERIAL PRIMARY KEY,
  article_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('stored', 'removed')));
CREATE FUNCTION content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO content_changes(article_id, op) VALUES (NEW.id, 'stored');
  ELSE
    INSERT INTO content_changes(article_id, op) VALUES (OLD.id, 'removed');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER content_change_stored AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION content_change();
CREATE TRIGGER content_change_removed AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION content_change();
