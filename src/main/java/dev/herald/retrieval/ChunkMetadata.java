package dev.herald.retrieval;

import dev.herald.article.StoredChunk;
import dev.herald.article.ArticleRef;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import java.time.Instant;

/** The metadata keys Herald puts on every {@link TextSegment} it returns, so any LangChain4j component can cite. */
public final class ChunkMetadata {

    public static final String CHUNK_ID = "chunk_id";
    public static final String ARTICLE_ID = "article_id";
    public static final String TITLE = "title";
    public static final String SOURCE = "source";
    public static final String URL = "url";
    /** Publication time in epoch seconds (absent when the article has no date). */
    public static final String PUBLISHED_AT = "published_at";
    public static final String SEQ = "seq";

    private ChunkMetadata() {
    }

    public static TextSegment toSegment(StoredChunk c) {
        Metadata m = new Metadata();
        m.put(CHUNK_ID, c.id());
        m.put(ARTICLE_ID, c.article().id());
        m.put(TITLE, c.article().title());
        m.put(SOURCE, c.article().source());
        m.put(SEQ, c.seq());
        if (c.article().url() != null) m.put(URL, c.article().url());
        if (c.article().publishedAt() != null) m.put(PUBLISHED_AT, c.article().publishedAt().getEpochSecond());
        return TextSegment.from(c.text(), m);
    }

    public static ArticleRef articleOf(TextSegment s) {
        Metadata m = s.metadata();
        Long pub = m.getLong(PUBLISHED_AT);
        return new ArticleRef(m.getString(ARTICLE_ID), m.getString(TITLE), m.getString(SOURCE), m.getString(URL),
                pub == null ? null : Instant.ofEpochSecond(pub));
    }
}
