package dev.herald.answer;

import dev.herald.article.ArticleRef;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders an answer for a terminal: the answer, then the numbered sources (or, when abstaining, close headlines). */
public final class PlainTextFormatter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PlainTextFormatter() {
    }

    public static String format(Answer a) {
        StringBuilder sb = new StringBuilder(a.text());
        if (a.note() != null) sb.append("\n(").append(a.note()).append(')');
        if (a.abstained()) {
            if (!a.related().isEmpty()) {
                sb.append("\nClosest headlines:");
                for (ArticleRef r : a.related()) sb.append("\n- ").append(describe(r));
            }
            return sb.toString();
        }
        sb.append("\n\nSources:");
        for (Citation c : a.citations()) {
            sb.append("\n[").append(c.n()).append("] ").append(describe(c.article()));
            for (ArticleRef other : c.alsoReportedBy()) sb.append("\n    also: ").append(describe(other));
        }
        return sb.toString();
    }

    /** "Title — Outlet, 27 Jan 2025, https://…" with absent parts left out. */
    public static String describe(ArticleRef r) {
        StringBuilder sb = new StringBuilder(r.title()).append(" — ").append(r.source());
        if (r.publishedAt() != null) sb.append(", ").append(DAY.format(r.publishedAt()));
        if (r.url() != null) sb.append(", ").append(r.url());
        return sb.toString();
    }

    public static String day(ArticleRef r) {
        return r.publishedAt() == null ? "" : DAY.format(r.publishedAt());
    }
}
