package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.ArticleRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two questions asked in one message ("How many kettles were recalled and who won the cup?"). Searched as one, the
 * words of both went into one search and the cup half was silently dropped; each is answered on its own, and the
 * reply gives both, each under its question, with one numbered list of sources.
 */
final class CompoundQuestion {

    private static final String ASKING = "(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|did|does|do|"
            + "can|will|has|have)";
    /** "... and who ...", "...; what ...", "..., and when ...": a second question opening after the first. */
    private static final Pattern JOIN = Pattern.compile("(?i)\\s*(?:,?\\s+and|;|\\?)\\s+(?=" + ASKING + "\\b)");
    private static final Pattern OPENS_AS_QUESTION = Pattern.compile("(?i)^\\s*" + ASKING + "\\b");
    /** Each part needs this many words to be a question of its own ("How long and how far is it?" is one). */
    static final int MIN_WORDS = 3;

    private CompoundQuestion() {
    }

    /** The two questions, when the message opens with a question and goes on with another; else empty. */
    static Optional<List<String>> split(String message) {
        if (!OPENS_AS_QUESTION.matcher(message).find()) return Optional.empty();
        Matcher m = JOIN.matcher(message);
        while (m.find()) {
            String first = message.substring(0, m.start()).strip();
            String second = message.substring(m.end()).strip();
            if (words(first) >= MIN_WORDS && words(second) >= MIN_WORDS) {
                if (!first.endsWith("?")) first = first + "?";
                return Optional.of(List.of(first, second));
            }
        }
        return Optional.empty();
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    /**
     * One answer giving both: each part under its question, the second's citations renumbered after the first's (an
     * article cited by both keeps its number).
     */
    static Answer combine(String message, List<String> parts, List<Answer> answers) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<String, ArticleRef> articles = new LinkedHashMap<>();
        Map<String, List<String>> quotes = new LinkedHashMap<>();
        Map<String, List<ArticleRef>> also = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        List<String> notes = new ArrayList<>();
        boolean allAbstained = true;
        double evidence = 0;
        for (int i = 0; i < parts.size(); i++) {
            Answer a = answers.get(i);
            Map<Integer, Integer> renumber = new LinkedHashMap<>();
            for (Citation c : a.citations()) {
                String id = c.article().id();
                int n = numbers.computeIfAbsent(id, k -> numbers.size() + 1);
                renumber.put(c.n(), n);
                articles.putIfAbsent(id, c.article());
                quotes.computeIfAbsent(id, k -> new ArrayList<>()).addAll(c.quotes());
                also.putIfAbsent(id, c.alsoReportedBy());
            }
            String body = a.text();
            Matcher m = Pattern.compile("\\[(\\d+)]").matcher(body);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Integer n = renumber.get(Integer.parseInt(m.group(1)));
                m.appendReplacement(out, Matcher.quoteReplacement("[" + (n == null ? m.group(1) : n) + "]"));
            }
            m.appendTail(out);
            if (text.length() > 0) text.append("\n\n");
            String part = parts.get(i);
            text.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1)).append('\n').append(out);
            if (a.note() != null) notes.add(a.note());
            allAbstained &= a.abstained();
            evidence = Math.max(evidence, a.evidence());
        }
        List<Citation> citations = new ArrayList<>();
        numbers.forEach((id, n) -> citations.add(new Citation(n, articles.get(id), quotes.get(id), also.get(id))));
        List<ArticleRef> related = allAbstained ? answers.get(0).related() : List.of();
        return new Answer(message, text.toString(), citations, allAbstained, related, evidence,
                notes.isEmpty() ? null : String.join(". ", notes));
    }
}
