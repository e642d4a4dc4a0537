-- 1: articles, chunks, vectors and the keyword index (FTS5; chunks_vocab lists its terms)
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  url TEXT,
  url_key TEXT UNIQUE,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  published_at INTEGER,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ingested_at INTEGER NOT NULL);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published_at);
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL);
CREATE INDEX chunks_article ON chunks(article_id);
CREATE TABLE vectors (
  chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
  vector BLOB NOT NULL);
CREATE VIRTUAL TABLE chunks_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row');
