package dev.herald.ingest;

import dev.herald.article.Article;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.herald.ingest.ArticleLoader.LoadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo articles shipped in the jar, so a fresh install can answer questions before anything is ingested. */
public final class SampleArticles {

    private static final Logger log = LoggerFactory.getLogger(SampleArticles.class);
    private static final String DIR = "/samples/";
    /** How every sample's origin starts. */
    public static final String ORIGIN_PREFIX = "sample:";

    private SampleArticles() {
    }

    /** Reads every file named in {@code samples/index.txt}, in that order; origins look like {@code sample:x.md}. */
    public static List<Article> load() {
        TextArticleLoader loader = new TextArticleLoader();
        List<Article> articles = new ArrayList<>();
        for (String name : readResource("index.txt").split("\\R")) {
            String file = name.strip();
            if (file.isEmpty() || file.startsWith("#")) continue;
            LoadResult result = loader.parse(readResource(file), file, ORIGIN_PREFIX + file);
            articles.addAll(result.articles());
            // A broken sample is a packaging bug, not user input: say so loudly but keep the rest usable.
            result.skipped().forEach(s -> log.error("sample article not loaded: {}", s));
        }
        return List.copyOf(articles);
    }

    private static String readResource(String name) {
        try (InputStream in = SampleArticles.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("missing sample resource " + DIR + name);
            return TextFiles.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample resource " + DIR + name, e);
        }
    }
}
