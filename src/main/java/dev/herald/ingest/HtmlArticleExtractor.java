package dev.herald.ingest;

import dev.herald.article.Article;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTML news page into an {@link Article}: metadata from the head (Open Graph, canonical link, JSON-LD),
 * body text from the main content with site chrome removed. Shared by file, web-page and feed ingestion.
 */
public final class HtmlArticleExtractor {

    private static final Logger log = LoggerFactory.getLogger(HtmlArticleExtractor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GENERIC_DATE_META = List.of(
            "date", "pubdate", "publishdate", "dc.date", "dcterms.created");

    /**
     * @param html    the page source
     * @param baseUrl where the page came from, to resolve relative links; used as the URL when the page names no
     *                canonical one. May be {@code null} (local files)
     * @param origin  recorded on the article (file path or fetched URL)
     * @return the article, or {@code null} when the page has no main text (an index page, an error page)
     */
    public Article extract(String html, String baseUrl, String origin) {
        Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
        String siteName = meta(doc, "og:site_name");
        String url = canonicalUrl(doc, baseUrl);
        String title = stripSiteSuffix(rawTitle(doc), siteName);
        Instant publishedAt = published(doc, origin);

        String text = HtmlMainText.extract(doc);
        if (text.isBlank()) return null;
        if (title == null) title = Titles.fromFirstLine(text);
        String source = Titles.sourceOr(siteName, url);
        return new Article(Article.deriveId(url, title, text), title, source, url, publishedAt, text, origin);
    }

    private static String rawTitle(Document doc) {
        String og = meta(doc, "og:title");
        if (og != null) return og;
        if (!doc.title().isBlank()) return doc.title().strip();
        Element h1 = doc.selectFirst("h1");
        return h1 != null && !h1.text().isBlank() ? h1.text().strip() : null;
    }

    /** Only a suffix naming this very site is dropped: "Paris - Texas" must survive. */
    static String stripSiteSuffix(String title, String siteName) {
        if (title == null || siteName == null) return title;
        String pattern = "\\s+[-|–—]\\s+" + Pattern.quote(siteName.strip()) + "\\s*$";
        String stripped = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE).matcher(title).replaceFirst("");
        return stripped.isBlank() ? title : stripped;
    }

    private static String canonicalUrl(Document doc, String baseUrl) {
        Element canonical = doc.selectFirst("link[rel=canonical][href]");
        if (canonical != null && !canonical.absUrl("href").isBlank()) return canonical.absUrl("href");
        if (canonical != null && canonical.attr("href").startsWith("http")) return canonical.attr("href");
        String og = meta(doc, "og:url");
        if (og != null) return og;
        return baseUrl != null && baseUrl.toLowerCase(Locale.ROOT).startsWith("http") ? baseUrl : null;
    }

    private Instant published(Document doc, String origin) {
        for (String candidate : publishedCandidates(doc)) {
            Instant t = PublishedDates.parse(candidate);
            if (t != null) return t;
            log.warn("{}: cannot read published date '{}'", origin, candidate);
        }
        return null;
    }

    /** In order of trust: explicit article metadata first, a stray {@code <time>} late. */
    private static List<String> publishedCandidates(Document doc) {
        List<String> found = new java.util.ArrayList<>();
        addIfPresent(found, meta(doc, "article:published_time"));
        addIfPresent(found, meta(doc, "og:article:published_time"));
        addIfPresent(found, jsonLdDatePublished(doc));
        Element itemprop = doc.selectFirst("[itemprop=datePublished]");
        if (itemprop != null) addIfPresent(found, itemprop.hasAttr("content") ? itemprop.attr("content")
                : itemprop.attr("datetime"));
        Element time = doc.selectFirst("article time[datetime], time[datetime]");
        if (time != null) addIfPresent(found, time.attr("datetime"));
        for (String name : GENERIC_DATE_META) addIfPresent(found, meta(doc, name));
        return found;
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) list.add(value.strip());
    }

    /** Content of {@code <meta property=key>} or {@code <meta name=key>}, matched case-insensitively. */
    static String meta(Document doc, String key) {
        for (Element m : doc.select("meta[content]")) {
            if (key.equalsIgnoreCase(m.attr("property")) || key.equalsIgnoreCase(m.attr("name"))
                    || key.equalsIgnoreCase(m.attr("itemprop"))) {
                String c = m.attr("content").strip();
                if (!c.isEmpty()) return c;
            }
        }
        return null;
    }

    private static String jsonLdDatePublished(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                String found = findField(JSON.readTree(script.data()), "datePublished", 0);
                if (found != null) return found;
            } catch (Exception e) {
                // Broken JSON-LD is common; the other sources of a date still apply.
                log.debug("ignoring unreadable JSON-LD: {}", e.getMessage());
            }
        }
        return null;
    }

    /** JSON-LD nests articles in arrays and {@code @graph}; a shallow depth-first search finds the field. */
    private static String findField(JsonNode node, String field, int depth) {
        if (node == null || depth > 6) return null;
        if (node.isObject()) {
            JsonNode v = node.get(field);
            if (v != null && v.isTextual()) return v.asText();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                String found = findField(it.next(), field, depth + 1);
                if (found != null) return found;
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                String found = findField(child, field, depth + 1);
                if (found != null) return found;
            }
        }
        return null;
    }
}
