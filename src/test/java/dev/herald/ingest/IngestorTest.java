package dev.herald.ingest;

import dev.herald.article.Article;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.store.Database;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingest runs on a real SQLite store, with an embedding model that counts its calls. */
class IngestorTest {

    @TempDir
    Path dir;

    @Test
    void should_stop_within_a_batch_and_store_nothing_of_a_large_article_when_a_stop_is_asked_for_while_it_is_embedded() {
        try (Database db = Database.open(dir.resolve("herald.db"))) {
            // given a model that is asked to stop during its first batch (as Ctrl-C does), and one article of many
            // chunks
            AtomicInteger calls = new AtomicInteger();
            AtomicReference<Ingestor> ingestor = new AtomicReference<>();
            EmbeddingModel model = new EmbeddingModel() {
                @Override
                public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                    calls.incrementAndGet();
                    ingestor.get().requestStop();
                    List<Embedding> out = new ArrayList<>();
                    for (TextSegment s : segments) out.add(Embedding.from(new float[]{1, 0, 0}));
                    return Response.from(out);
                }
            };
            ArticleStore store = new ArticleStore(db);
            ingestor.set(new Ingestor(store, new AliasStore(db), model, new Chunker(20, 0), 4));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) text.append("The council met on day ").append(i).append(" to discuss the budget. ");
            Article big = new Article("a-big", "Council budget", "Gazette", null, null, text.toString(), "big.txt");

            // when
            IngestSummary s = ingestor.get().ingestAll(List.of(big), IngestProgress.NONE);

            // then one batch was embedded, not all of them, and the article is left for the next run
            assertEquals(1, calls.get());
            assertTrue(s.interrupted(), s.describe());
            assertEquals(0, store.articleCount());
        }
    }
}
