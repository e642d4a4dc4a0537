package dev.herald.support;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.article.Article;
import dev.herald.ingest.IngestProgress;

import java.nio.file.Path;
import java.util.List;

/** A real Herald (real ONNX model, real SQLite file) in a temp folder, for end-to-end tests of the pipeline. */
public final class TestHerald {

    private TestHerald() {
    }

    public static Herald open(Path dir) {
        HeraldConfig config = HeraldConfig.defaults().withOverride(Settings.STORE_PATH, dir.resolve("herald.db").toString(), "test");
        return Herald.open(config);
    }

    public static Herald withSamples(Path dir) {
        Herald h = open(dir);
        h.library().loadSamples(IngestProgress.NONE);
        return h;
    }

    public static void ingest(Herald h, List<Article> articles) {
        h.library().ingestor().ingestAll(articles, IngestProgress.NONE);
    }
}
