package dev.herald.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds a page's article body and renders it as plain paragraphs. Mutates the document it is given (it removes the
 * site chrome), so callers read metadata first.
 */
final class HtmlMainText {

    private static final String CHROME_TAGS =
            "nav, header, footer, aside, script, style, form, noscript, template, iframe, svg, button, select";
    private static final Pattern CHROME_NAME = Pattern.compile(
            "cookie|consent|banner|newsletter|subscribe|related|share|social|advert|promo|sidebar|comments?"
                    + "|(^|[\\s_-])ads?([\\s_-]|$)|sponsor",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> BLOCKS = Set.of(
            "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
            "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "figure", "figcaption", "hr", "address");

    private HtmlMainText() {
    }

    static String extract(Document doc) {
        removeChrome(doc);
        Element root = mainRoot(doc);
        return root == null ? "" : render(root);
    }

    private static void removeChrome(Document doc) {
        doc.select(CHROME_TAGS).remove();
        for (Element e : doc.getAllElements()) {
            if (e.parent() == null || !isChromeByName(e) || isContentContainer(e)) continue;
            e.remove();
        }
    }

    private static boolean isChromeByName(Element e) {
        String names = e.className() + " " + e.id();
        return !names.isBlank() && CHROME_NAME.matcher(names).find();
    }

    /**
     * A class like "layout-with-sidebar" on a wrapper must not take the story with it: never remove the body, the
     * article itself, or anything that contains it.
     */
    private static boolean isContentContainer(Element e) {
        String tag = e.normalName();
        if (tag.equals("html") || tag.equals("body") || tag.equals("article") || tag.equals("main")) return true;
        return !e.select("article, main, [role=main]").isEmpty();
    }

    private static Element mainRoot(Document doc) {
        Element best = mostParagraphText(doc.select("article"));
        if (best != null) return best;
        best = mostParagraphText(doc.select("[role=main], main"));
        if (best != null) return best;
        best = densestParagraphParent(doc);
        return best != null ? best : doc.body();
    }

    private static Element mostParagraphText(Elements candidates) {
        Element best = null;
        int bestLength = 0;
        for (Element c : candidates) {
            int length = c.select("p").text().length();
            if (length == 0) length = c.text().length() / 4;
            if (length > bestLength) {
                best = c;
                bestLength = length;
            }
        }
        return best;
    }

    /** Pages without semantic markup: the element whose own paragraphs hold the most text is the story. */
    private static Element densestParagraphParent(Document doc) {
        Map<Element, Integer> score = new HashMap<>();
        for (Element p : doc.select("p")) {
            Element parent = p.parent();
            if (parent != null) score.merge(parent, p.text().length(), Integer::sum);
        }
        return score.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Block elements become paragraphs, {@code <br>} a line break, all other whitespace collapses as a browser does. */
    static String render(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText().replaceAll("\\s+", " "));
                } else if (node instanceof Element e) {
                    if (e.normalName().equals("br")) out.append('\n');
                    else if (BLOCKS.contains(e.normalName())) out.append("\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) out.append("\n\n");
            }
        }, root);
        return Paragraphs.normalize(out.toString().replace('\u00A0', ' '));
    }
}
