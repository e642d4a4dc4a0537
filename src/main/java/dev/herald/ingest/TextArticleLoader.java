package dev.herald.ingest;

import dev.herald.article.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads one article per {@code .txt} or {@code .md} file, with an optional front-matter header. */
public final class TextArticleLoader implements ArticleLoader {

    private static final Logger log = LoggerFactory.getLogger(TextArticleLoader.class);
    private static final Set<String> EXTENSIONS = Set.of("txt", "md");

    @Override
    public boolean supports(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public LoadResult load(Path file) {
        String where = file.toString();
        try {
            LoadResult r = parse(TextFiles.read(file), file.getFileName().toString(), where);
            // without a url: header the file is the article: an edit replaces it (its text no longer names it)
            return new LoadResult(r.articles().stream().map(a -> a.url() == null ? a.withId(Article.fileId(file)) : a)
                    .toList(), r.skipped());
        } catch (IOException e) {
            return LoadResult.skippedOnly(where, IoMessages.of(e));
        }
    }

    /**
     * Parses one article from already-decoded content; used for files and for classpath resources alike.
     *
     * @param fileName decides markdown handling and is the title of last resort
     * @param origin   recorded on the article and used in skip reasons and warnings
     */
    public LoadResult parse(String content, String fileName, String origin) {
        String text = TextFiles.stripBom(content);
        if (text.isBlank()) return LoadResult.skippedOnly(origin, "empty file");
        boolean markdown = fileName.toLowerCase(Locale.ROOT).endsWith(".md");
        FrontMatter header = FrontMatter.parse(text);
        String body = Paragraphs.normalize(markdown ? MarkdownText.toPlain(header.body()) : header.body());
        if (body.isBlank()) return LoadResult.skippedOnly(origin, "no article text after the header");

        String title = header.get("title");
        if (title == null) title = Titles.fromFirstLine(markdown ? header.body() : body);
        if (title == null) title = stripExtension(fileName);
        if (markdown) title = MarkdownText.toPlain(title).strip();

        String url = header.get("url");
        String published = header.get("published") != null ? header.get("published") : header.get("date");
        Instant publishedAt = PublishedDates.parse(published);
        if (published != null && publishedAt == null) {
            log.warn("{}: cannot read published date '{}', keeping the article without a date", origin, published);
        } else if (publishedAt != null && !PublishedDates.plausible(publishedAt)) {
            log.warn("{}: published date '{}' cannot be right, keeping the article without a date", origin, published);
            publishedAt = null;
        }
        String source = Titles.sourceOr(header.get("source"), url);
        Article article = new Article(Article.deriveId(url, title, body), title, source, url, publishedAt, body, origin);
        return new LoadResult(java.util.List.of(article), java.util.List.of());
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
