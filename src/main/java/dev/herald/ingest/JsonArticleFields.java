package dev.herald.ingest;

import dev.herald.article.Article;
import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps one JSON object to an article: the field names Herald accepts and the fallbacks when they are missing. */
final class JsonArticleFields {

    private static final Logger log = LoggerFactory.getLogger(JsonArticleFields.class);
    /**
     * Longest article id taken as given. Ids are shown in `herald sources --articles` and indexed as one term, which
     * Lucene refuses over 32,766 bytes (a 40 KB id made every later index batch fail); ids in the corpora seen here
     * are 12 to 40 characters.
     */
    static final int MAX_ID_CHARS = 200;

    private JsonArticleFields() {
    }

    /**
     * @param where  file:line, for skip reasons and warnings
     * @param origin recorded on the article
     */
    static void map(JsonNode node, String where, String origin, Consumer<Article> sink,
                    Consumer<ArticleLoader.Skipped> skipped) {
        if (node == null || !node.isObject()) {
            skipped.accept(new ArticleLoader.Skipped(where, "not a JSON object"));
            return;
        }
        String text = firstText(node, "text", "body");
        if (text == null) {
            skipped.accept(new ArticleLoader.Skipped(where, "no article text (need a non-empty \"text\" or \"body\")"));
            return;
        }
        String url = firstText(node, "url");
        String title = firstText(node, "title");
        // Corpora built from link lists often lack titles; a URL slug names the story better than its first line.
        if (title == null) title = Titles.fromUrlSlug(url);
        if (title == null) title = Titles.fromFirstLine(text);
        String id = firstText(node, "id");
        if (id != null && id.strip().length() > MAX_ID_CHARS) {
            skipped.accept(new ArticleLoader.Skipped(where, "\"id\" is " + id.strip().length() + " characters long (at most "
                    + MAX_ID_CHARS + ")"));
            return;
        }
        if (id == null) id = Article.deriveId(url, title, text);
        sink.accept(new Article(id.strip(), title, Titles.sourceOr(firstText(node, "source"), url), url,
                published(node, where), text, origin));
    }

    private static Instant published(JsonNode node, String where) {
        for (String field : new String[] {"published_at", "published", "date"}) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) continue;
            Instant t = v.isIntegralNumber() ? PublishedDates.fromNumber(v.asLong()) : PublishedDates.parse(v.asText());
            if (t == null) {
                log.warn("{}: cannot read {} '{}', keeping the article without a date", where, field, v.asText());
            } else if (!PublishedDates.plausible(t)) {
                log.warn("{}: {} '{}' means {}, which cannot be right; keeping the article without a date", where,
                        field, v.asText(), t.toString().substring(0, Math.min(10, t.toString().length())));
                t = null;
            }
            return t;
        }
        return null;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank()) return v.asText();
        }
        return null;
    }
}
