package dev.herald.sources;

/** Feed and page bodies the tests serve. */
final class Pages {

    private Pages() {
    }

    /** A news page with site chrome around the story. */
    static String article(String site, String title, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) body.append("<p>").append(p).append("</p>\n");
        return """
                <html><head><title>%1$s - %2$s</title>
                <meta property="og:site_name" content="%2$s"></head><body>
                <div id="cookie-banner">We use cookies to improve your experience.</div>
                <nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
                <article><h1>%1$s</h1>
                %3$s</article>
                <aside>Most read today</aside>
                <div class="newsletter-signup"><p>Subscribe to our newsletter for daily updates.</p></div>
                <footer>Copyright %2$s</footer>
                </body></html>
                """.formatted(title, site, body);
    }

    static String rss(String title, String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>%s</title><link>https://example.com/</link>
                <description>news</description>
                %s
                </channel></rss>
                """.formatted(title, String.join("\n", items));
    }

    static String rssItem(String guid, String link, String title, String pubDate, String description) {
        return "<item>" + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
                + (link == null ? "" : "<link>" + link + "</link>")
                + "<title>" + title + "</title>"
                + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>")
                + "<description><![CDATA[" + description + "]]></description></item>";
    }

    static String atom(String title, String... entries) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>urn:example:feed</id>
                <updated>2025-01-28T09:00:00Z</updated>
                %s
                </feed>
                """.formatted(title, String.join("\n", entries));
    }

    static String atomEntry(String id, String link, String title, String published, String updated, String summary) {
        return "<entry><id>" + id + "</id><title>" + title + "</title><link rel=\"alternate\" href=\"" + link + "\"/>"
                + (published == null ? "" : "<published>" + published + "</published>")
                + "<updated>" + updated + "</updated><summary type=\"html\">" + summary + "</summary></entry>";
    }

    static final String[] GOMA = {
            "Gunfire was heard across the city of Goma since Sunday as fighters advanced on the airport.",
            "At least 17 people were killed and more than 300 injured, hospital officials said on Monday evening.",
            "Tens of thousands of residents have fled towards the Rwandan border carrying what they could.",
            "Aid agencies warned that water and electricity supplies had been cut in several districts."};

    static final String[] RATES = {
            "The central bank left its main interest rate unchanged at 4.5 percent on Thursday.",
            "Policy makers said inflation was falling more slowly than expected in the services sector.",
            "Markets had priced in a small chance of a cut before the summer."};

    static final String[] STORM = {
            "A winter storm brought heavy snow to the northern mountains overnight, closing three passes.",
            "Rescue teams reached a stranded bus with forty passengers early on Friday morning.",
            "Forecasters expect the snow to ease by Sunday afternoon."};
}
