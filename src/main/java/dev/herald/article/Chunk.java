package dev.herald.article;

/**
 * A passage of an article, sized for the embedding model.
 *
 * @param seq          position in the article, from 0
 * @param text         the passage exactly as it appears in the article (quotable)
 * @param embeddedText what the embedding model reads: title and date for context, then the passage
 */
public record Chunk(int seq, String text, String embeddedText) {
}
