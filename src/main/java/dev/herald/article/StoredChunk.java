package dev.herald.article;

/** A chunk as stored, with the article it came from. */
public record StoredChunk(long id, int seq, String text, ArticleRef article) {
}
