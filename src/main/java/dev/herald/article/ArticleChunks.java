package dev.herald.article;

/**
 * One stored article's chunks as the in-memory indexes need them: ids, texts and vectors side by side (index i of
 * each array is one chunk), with the article's title and publication time.
 *
 * @param publishedEpochSecond null when the article has no date
 */
public record ArticleChunks(String articleId, String title, Long publishedEpochSecond, long[] chunkIds, String[] texts,
                            float[][] vectors) {

    public ArticleChunks {
        if (texts.length != chunkIds.length || vectors.length != chunkIds.length) {
            throw new IllegalArgumentException("chunk ids, texts and vectors differ in length");
        }
    }

    public int size() {
        return chunkIds.length;
    }
}
