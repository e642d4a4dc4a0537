package dev.herald.ingest;

import dev.herald.article.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Loads one article per saved {@code .html}/{@code .htm} page. */
public final class HtmlArticleLoader implements ArticleLoader {

    private static final Set<String> EXTENSIONS = Set.of("html", "htm");
    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

    @Override
    public boolean supports(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public LoadResult load(Path file) {
        String where = file.toString();
        try {
            Article article = extractor.extract(TextFiles.read(file), null, where);
            if (article == null) return LoadResult.skippedOnly(where, "no article text found in the page");
            // a saved page without a canonical URL is identified by its file, so an edit replaces it
            if (article.url() == null) article = article.withId(Article.fileId(file));
            return new LoadResult(List.of(article), List.of());
        } catch (IOException e) {
            return LoadResult.skippedOnly(where, IoMessages.of(e));
        }
    }
}
