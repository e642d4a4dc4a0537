package dev.herald.store;

import dev.herald.article.Article;
import dev.herald.index.KeywordIndex;
import dev.herald.index.LuceneIndex;
import dev.herald.ingest.Chunker;
import dev.herald.ingest.Ingestor;
import dev.herald.support.HashingEmbeddingModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.herald.support.Fixtures.article;

/**
 * A separate JVM that ingests slowly, so {@link CrashConsistencyTest} can kill it mid-write; with a third argument
 * {@code index}, with the on-disk search index open beside the store, so the kill also lands amid its commits.
 */
public final class IngestChild {

    static List<Article> articles(int n) {
        List<Article> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(article("a" + i, "Report number " + i, "2025-01-" + String.format("%02d", 1 + i % 28),
                    "Story " + i + " begins here. It has a second sentence about topic " + (i % 17)
                            + ". A third sentence names the city of Goma. The fourth adds figure " + (i * 7) + "."));
        }
        return out;
    }

    public static void main(String[] args) {
        try (Database db = Database.open(Path.of(args[0]))) {
            ArticleStore store = new ArticleStore(db);
            if (args.length > 2 && args[2].equals("index")) {
                // closed by the kill (or left to the JVM's exit): what it committed is all the next open finds
                LuceneIndex.open(Path.of(args[0] + ".index"), store, new ChangeLog(db), 0.5, 12, KeywordIndex.DEFAULT_K1,
                        LuceneIndex.Progress.NONE);
            }
            Ingestor ingestor = new Ingestor(store, new AliasStore(store.database()), new HashingEmbeddingModel().slow(2), new Chunker(20, 0), 4);
            Ingestor.Run run = ingestor.start(-1, (seen, total, chunks, ms) -> {
                System.out.println("progress " + chunks);
                System.out.flush();
            });
            for (Article a : articles(Integer.parseInt(args[1]))) run.accept(a);
            run.finish();
            System.out.println("finished");
        }
    }
}
