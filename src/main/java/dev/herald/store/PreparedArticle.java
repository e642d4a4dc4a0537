package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.article.Chunk;

import java.util.List;

/** An article with its chunks and their vectors, ready to be written in one transaction. */
public record PreparedArticle(Article article, List<Chunk> chunks, List<float[]> vectors) {
    public PreparedArticle {
        chunks = List.copyOf(chunks);
        vectors = List.copyOf(vectors);
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
    }
}
