package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlArticleExtractorTest {

    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

    private static final String NEWS_PAGE = """
            <html><head>
              <title>Goma clashes continue - Sample Times</title>
              <meta property="og:title" content="Goma clashes continue | Sample Times">
              <meta property="og:site_name" content="Sample Times">
              <link rel="canonical" href="https://news.example.com/world/goma-clashes">
              <meta property="article:published_time" content="2025-01-27T10:00:00+01:00">
            </head><body>
              <div id="cookie-banner">We use cookies to improve your experience.</div>
              <nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
              <header><h1>Sample Times masthead</h1></header>
              <div class="layout has-sidebar">
                <article>
                  <h1>Goma clashes continue</h1>
                  <p>Gunfire was heard across the city since Sunday.</p>
                  <div class="share-buttons">Share on social networks</div>
                  <p>At least 17 people were killed and more than 300 injured.</p>
                  <figure class="ad-slot"><figcaption>Sponsored: buy shoes</figcaption></figure>
                  <p>Tens of thousands have fled<br>nearby towns.</p>
                </article>
                <aside>Most read today</aside>
                <div class="related-links"><a href="/x">Related: other story</a></div>
              </div>
              <div class="newsletter-signup"><p>Subscribe to our newsletter for daily updates.</p></div>
              <footer>Copyright Sample Times</footer>
              <script>var tracking = "script text";</script>
            </body></html>
            """;

    @Test
    void should_keep_article_paragraphs_and_drop_boilerplate_when_page_has_site_chrome() {
        // given a page with navigation, banners and related links around an <article>
        // when
        Article a = extractor.extract(NEWS_PAGE, null, "page.html");
        // then
        assertNotNull(a);
        String text = a.text();
        assertTrue(text.contains("Gunfire was heard across the city since Sunday."));
        assertTrue(text.contains("At least 17 people were killed and more than 300 injured."));
        assertTrue(text.contains("Tens of thousands have fled\nnearby towns."));
        for (String chrome : new String[] {"cookies", "World news menu", "masthead", "Share on", "Sponsored",
                "Most read", "Related:", "Subscribe", "Copyright", "tracking"}) {
            assertFalse(text.contains(chrome), () -> "boilerplate left in text: " + chrome + "\n" + text);
        }
        assertTrue(text.contains("since Sunday.\n\nAt least 17"), "paragraphs are separated by a blank line");
    }

    @Test
    void should_read_metadata_when_open_graph_and_canonical_are_present() {
        // given the same page
        // when
        Article a = extractor.extract(NEWS_PAGE, null, "page.html");
        // then
        assertEquals("Goma clashes continue", a.title());
        assertEquals("Sample Times", a.source());
        assertEquals("https://news.example.com/world/goma-clashes", a.url());
        assertEquals(Instant.parse("2025-01-27T09:00:00Z"), a.publishedAt());
        assertEquals(Article.deriveId(a.url(), null, ""), a.id());
        assertEquals("page.html", a.origin());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<meta property=\"article:published_time\" content=\"2022-06-16T14:30:00Z\">",
            "<meta property=\"og:article:published_time\" content=\"2022-06-16T14:30:00Z\">",
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":"
                    + "\"NewsArticle\",\"datePublished\":\"2022-06-16T14:30:00Z\"}]}</script>",
            "<meta name=\"date\" content=\"2022-06-16 14:30\">",
            "<meta name=\"pubdate\" content=\"2022-06-16T14:30:00+00:00\">",
            "BODY<time datetime=\"2022-06-16T14:30:00Z\">June 16</time>"
    })
    void should_read_published_time_when_page_uses_any_known_variant(String marker) {
        // given
        boolean inBody = marker.startsWith("BODY");
        String head = inBody ? "" : marker;
        String body = inBody ? marker.substring(4) : "";
        String html = "<html><head><title>T</title>" + head + "</head><body><article>" + body
                + "<p>Some article text.</p></article></body></html>";
        // when
        Article a = extractor.extract(html, null, "x.html");
        // then
        assertEquals(Instant.parse("2022-06-16T14:30:00Z"), a.publishedAt());
    }

    @Test
    void should_pick_densest_paragraph_block_when_page_has_no_semantic_markup() {
        // given
        String html = """
                <html><head><title>Coffee prices climb</title></head><body>
                <div class="menu"><p>Home</p><p>Markets</p></div>
                <div class="content">
                  <p>Arabica prices rose about twelve percent over five trading days.</p>
                  <p>Roasters said they would pass on part of the increase to shoppers.</p>
                </div>
                <div class="links"><p>Contact us</p></div>
                </body></html>
                """;
        // when
        Article a = extractor.extract(html, "https://www.markets.example.net/coffee", "web");
        // then
        assertEquals("Coffee prices climb", a.title());
        assertTrue(a.text().startsWith("Arabica prices rose"));
        assertFalse(a.text().contains("Contact us"));
        assertFalse(a.text().contains("Markets"));
        assertEquals("markets.example.net", a.source(), "host of the URL when there is no site name");
        assertEquals("https://www.markets.example.net/coffee", a.url());
    }

    @Test
    void should_use_main_and_first_h1_when_there_is_no_article_or_title() {
        // given
        String html = "<html><body><nav>Menu</nav><main><h1>Probe launched</h1><p>It lifted off at dawn.</p></main>"
                + "<div><p>Unrelated footer-ish text that is rather long but outside main.</p></div></body></html>";
        // when
        Article a = extractor.extract(html, null, "x.html");
        // then
        assertEquals("Probe launched", a.title());
        assertEquals("Probe launched\n\nIt lifted off at dawn.", a.text());
        assertEquals("unknown", a.source());
        assertNull(a.url());
    }

    @Test
    void should_keep_suffix_when_it_is_not_the_site_name() {
        // given a title whose suffix is part of the headline
        // when
        String kept = HtmlArticleExtractor.stripSiteSuffix("Paris - Texas", "Sample Times");
        String stripped = HtmlArticleExtractor.stripSiteSuffix("Paris - Texas | sample times", "Sample Times");
        // then
        assertEquals("Paris - Texas", kept);
        assertEquals("Paris - Texas", stripped);
    }

    @Test
    void should_return_null_when_page_has_no_main_text() {
        // given
        String html = "<html><head><title>Empty</title></head><body><nav>Only navigation</nav></body></html>";
        // when
        Article a = extractor.extract(html, null, "x.html");
        // then
        assertNull(a);
    }
}
