-- 3: content sources (web pages, feeds) with their fetch state, and the other outlets of a stored story
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
  configured INTEGER NOT NULL DEFAULT 0);
CREATE TABLE article_aliases (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  alias_id TEXT NOT NULL,
  url TEXT,
  url_key TEXT,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  published_at INTEGER,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, alias_id));
CREATE INDEX article_aliases_alias ON article_aliases(alias_id);
CREATE INDEX article_aliases_url ON article_aliases(url_key);
