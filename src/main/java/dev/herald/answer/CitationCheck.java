package dev.herald.answer;

import dev.herald.article.Article;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an answer's citations: every {@code [n]} in the text is a listed source, sources are numbered 1..N, and
 * every quote occurs verbatim in the cited article's stored text.
 */
public final class CitationCheck {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private final Function<String, Optional<Article>> articles;

    /** @param articles looks a stored article up by id */
    public CitationCheck(Function<String, Optional<Article>> articles) {
        this.articles = articles;
    }

    /** Problems found, in plain words; empty when every citation is valid. */
    public List<String> problems(Answer answer) {
        List<String> out = new ArrayList<>();
        if (answer.abstained()) {
            if (!answer.citations().isEmpty()) out.add("an abstention lists sources");
            return out;
        }
        Set<Integer> listed = new HashSet<>();
        for (int i = 0; i < answer.citations().size(); i++) {
            Citation c = answer.citations().get(i);
            if (c.n() != i + 1) out.add("source " + (i + 1) + " is numbered [" + c.n() + "]");
            listed.add(c.n());
            Optional<Article> a = articles.apply(c.article().id());
            if (a.isEmpty()) {
                out.add("[" + c.n() + "] cites article " + c.article().id() + ", which is not stored");
                continue;
            }
            // whitespace differences (line wrapping) do not make a quote different
            String stored = Terms.squashSpace(a.get().text());
            for (String q : c.quotes()) {
                if (!stored.contains(Terms.squashSpace(q))) out.add("[" + c.n() + "] quote not found in the article: " + q);
            }
        }
        Matcher m = MARKER.matcher(answer.text());
        Set<Integer> used = new HashSet<>();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            used.add(n);
            if (!listed.contains(n)) out.add("[" + n + "] does not refer to a listed source");
        }
        for (int n : listed) if (!used.contains(n)) out.add("source [" + n + "] is listed but never cited");
        if (used.isEmpty()) out.add("the answer cites nothing");
        return out;
    }

    public boolean valid(Answer answer) {
        return problems(answer).isEmpty();
    }
}
