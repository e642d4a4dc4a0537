-- 1: articles, chunks, vectors and the keyword index. Same tables as SQLite's V1, PostgreSQL types: epoch seconds as
--    BIGINT, vectors as BYTEA (the same little-endian float32 bytes as SQLite's BLOB; pgvector is not assumed). The
--    keyword index that near-duplicate detection queries is a generated tsvector on each chunk (core full-text
--    search, no extension needed) instead of FTS5's chunks_fts; FTS5's chunks_vocab has no counterpart (unused).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  url TEXT,
  url_key TEXT UNIQUE,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  published_at BIGINT,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ingested_at BIGINT NOT NULL);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published_at);
CREATE TABLE chunks (
  id BIGSERIAL PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  words tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED);
CREATE INDEX chunks_article ON chunks(article_id);
CREATE INDEX chunks_words ON chunks USING GIN (words);
CREATE TABLE vectors (
  chunk_id BIGINT PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
  vector BYTEA NOT NULL);
