package dev.herald.sources;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one fetch returned.
 *
 * @param url          the URL finally answered (after redirects)
 * @param notModified  true for a 304 answer to a conditional request: nothing changed, {@code body} is empty
 * @param contentType  the Content-Type header, or null
 * @param body         the response body (at most the fetcher's size limit)
 * @param etag         ETag to send as If-None-Match next time, or null
 * @param lastModified Last-Modified to send as If-Modified-Since next time, or null
 */
public record FetchResult(String url, boolean notModified, String contentType, byte[] body, String etag,
                          String lastModified) {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);

    /** The body as text: the charset named by Content-Type, else by a {@code <meta charset>} near the top, else UTF-8. */
    public String text() {
        Charset cs = charset(contentType);
        if (cs == null) {
            String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1);
            cs = charset(head);
        }
        return new String(body, cs == null ? StandardCharsets.UTF_8 : cs);
    }

    /** True when the body looks like an RSS, RDF or Atom document, whatever the Content-Type says. */
    public boolean looksLikeFeed() {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf");
    }

    /** True when the body looks like HTML (by Content-Type or by its first bytes). */
    public boolean looksLikeHtml() {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html")) return true;
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.contains("<!doctype html") || head.contains("<html");
    }

    /** The media type without parameters, e.g. "text/html", or "unknown". */
    public String mediaType() {
        if (contentType == null || contentType.isBlank()) return "unknown";
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String text) {
        if (text == null) return null;
        Matcher m = CHARSET.matcher(text);
        if (!m.find()) return null;
        try {
            return Charset.forName(m.group(1));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
