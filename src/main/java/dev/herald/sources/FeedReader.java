package dev.herald.sources;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Parses RSS (0.9x, 1.0/RDF, 2.0) and Atom feeds with ROME into plain items. Doctypes are refused (no XXE). */
public final class FeedReader {

    /** A parsed feed: its title (the outlet) and its items in feed order. */
    public record Feed(String title, String link, List<Item> items) {
    }

    /**
     * One feed item.
     *
     * @param guid      the item's GUID (RSS) or id (Atom), or null
     * @param link      the article's URL, resolved against the feed's URL, or null
     * @param published the item's publication date, else its update date, else null
     * @param summary   the item's content or description as plain text ("" when it has none)
     */
    public record Item(String guid, String link, String title, Instant published, String summary) {
    }

    /** @throws FetchException "malformed feed: …" when the document is not a readable feed */
    public Feed read(byte[] xml, String feedUrl) throws FetchException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FetchException("malformed feed: " + msg.lines().findFirst().orElse(msg), e);
        }
        List<Item> items = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            String link = resolve(feedUrl, firstNonBlank(e.getLink(), alternateLink(e)));
            String guid = e.getUri();
            if (guid != null && guid.isBlank()) guid = null;
            Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            items.add(new Item(guid, link, strip(e.getTitle()), date == null ? null : date.toInstant(), summary(e)));
        }
        return new Feed(strip(feed.getTitle()), feed.getLink(), items);
    }

    private static String summary(SyndEntry e) {
        StringBuilder html = new StringBuilder();
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null) html.append(c.getValue()).append("\n");
        }
        if (html.length() == 0 && e.getDescription() != null && e.getDescription().getValue() != null) {
            html.append(e.getDescription().getValue());
        }
        return htmlToText(html.toString());
    }

    /** Feed descriptions are HTML (often escaped twice over): keep paragraphs, drop tags. */
    static String htmlToText(String html) {
        if (html == null || html.isBlank()) return "";
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, iframe, img, figure").remove();
        StringBuilder out = new StringBuilder();
        for (org.jsoup.nodes.Element p : doc.body().select("p, li, h1, h2, h3, h4, blockquote")) {
            if (p.parents().stream().anyMatch(x -> x.normalName().matches("p|li|blockquote"))) continue;
            String t = p.text().strip();
            if (!t.isEmpty()) out.append(t).append("\n\n");
        }
        String text = out.length() > 0 ? out.toString() : doc.body().text();
        return text.replace('\u00A0', ' ').strip();
    }

    private static String alternateLink(SyndEntry e) {
        for (SyndLink l : e.getLinks()) {
            if (l.getHref() != null && (l.getRel() == null || "alternate".equals(l.getRel()))) return l.getHref();
        }
        return null;
    }

    private static String strip(String s) {
        if (s == null) return null;
        String t = Jsoup.parse(s).text().strip();
        return t.isEmpty() ? null : t;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : (b != null && !b.isBlank() ? b.strip() : null);
    }

    static String resolve(String base, String link) {
        if (link == null) return null;
        try {
            URI resolved = base == null ? URI.create(link) : URI.create(base).resolve(link);
            String scheme = resolved.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
