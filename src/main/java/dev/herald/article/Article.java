package dev.herald.article;

import dev.herald.text.VisibleText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One news article as Herald stores and cites it.
 *
 * @param id          stable identifier: given by the source (e.g. a JSONL {@code id}) or derived from the URL,
 *                    else from the content, so loading the same article twice yields the same id
 * @param title       headline; never blank (loaders fall back to the first line or the file name)
 * @param source      outlet name, e.g. "cnn.com" or "Reuters"; never blank ("unknown" when not known)
 * @param url         canonical link, or {@code null}
 * @param publishedAt publication instant, or {@code null} when the source does not say
 * @param text        body text, plain, paragraphs separated by blank lines
 * @param origin      where it was loaded from (file path, file path#line, or URL)
 */
public record Article(String id, String title, String source, String url, Instant publishedAt,
                      String text, String origin) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!VisibleText.has(title)) title = "(untitled)";
        if (source == null || source.isBlank()) source = "unknown";
        if (url != null && url.isBlank()) url = null;
        if (url != null) url = withoutUserInfo(url); // "user:password@" would be shown to every reader of a citation
        if (origin == null) origin = "";
    }

    public Optional<Instant> published() {
        return Optional.ofNullable(publishedAt);
    }

    /** What a citation of this article shows. */
    public ArticleRef ref() {
        return new ArticleRef(id, title, source, url, publishedAt);
    }

    /** Hash over what a reader sees; a changed hash under the same id means the article was edited. */
    public String contentHash() {
        return sha256Hex(title + "\u0000" + source + "\u0000" + (url == null ? "" : url) + "\u0000"
                + (publishedAt == null ? "" : publishedAt.toString()) + "\u0000" + text);
    }

    /** The id Herald derives when the source gives none: from the URL when known, else from the text. */
    public static String deriveId(String url, String title, String text) {
        String basis = url != null && !url.isBlank() ? normalizeUrl(url) : (title == null ? "" : title) + "\n" + text;
        return "a-" + sha256Hex(basis).substring(0, 12);
    }

    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("(?i)^(\\s*[a-z][a-z0-9+.-]*://)[^/?#@]*@");

    /** True when the URL names a user or password ({@code https://user:pass@host/}). */
    public static boolean hasUserInfo(String url) {
        return url != null && USER_INFO.matcher(url).find();
    }

    /** The URL without its {@code user:password@} part, if it has one. */
    public static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceFirst("$1");
    }

    /**
     * The id of an article loaded from a file that names no URL: the file's path (absolute, normalised), so that an
     * edited file replaces its article instead of adding a second one beside the old version. Absolute rather than
     * relative to the folder it was loaded from: two folders both holding a {@code notes.txt} must not share an id,
     * and the same file loaded alone or with its folder must keep one.
     */
    public static String fileId(java.nio.file.Path file) {
        return "a-" + sha256Hex("file:" + file.toAbsolutePath().normalize()).substring(0, 12);
    }

    /** This article under another id. */
    public Article withId(String newId) {
        return new Article(newId, title, source, url, publishedAt, text, origin);
    }

    /** Lower-cased scheme-less URL without fragment, "www." and trailing slash: two spellings of one page agree. */
    public static String normalizeUrl(String url) {
        String u = url.trim();
        int hash = u.indexOf('#');
        if (hash >= 0) u = u.substring(0, hash);
        u = u.replaceFirst("(?i)^https?://", "").replaceFirst("(?i)^www\\.", "");
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u.toLowerCase(Locale.ROOT);
    }

    public static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
