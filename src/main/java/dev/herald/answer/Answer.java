package dev.herald.answer;

import dev.herald.article.ArticleRef;
import dev.herald.retrieval.RetrievedChunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Herald says to a question.
 *
 * @param question  the question as asked
 * @param text      the answer; every claim ends with its citation marker {@code [n]}. When abstaining, the
 *                  abstention sentence.
 * @param citations the sources, numbered from 1 in order of first use; empty when abstaining
 * @param abstained true when the sources do not cover the question
 * @param related   when abstaining, the closest headlines (at most three), so the reader can rephrase
 * @param evidence  strength of the best evidence, 0..1, compared with the abstention threshold
 * @param note      a short remark for the reader (e.g. that a fallback was used), or null
 */
public record Answer(String question, String text, List<Citation> citations, boolean abstained,
                     List<ArticleRef> related, double evidence, String note) {

    public static final String ABSTENTION = "I couldn't find this in my sources.";

    /** Headlines offered instead of an answer: enough to rephrase from, few enough to read at a glance. */
    public static final int MAX_RELATED = 3;

    public Answer {
        citations = List.copyOf(citations);
        related = List.copyOf(related);
    }

    /** An answer from the sources: {@code text} carries a marker {@code [n]} for each of {@code citations}. */
    public static Answer answered(String question, String text, List<Citation> citations, double evidence) {
        return new Answer(question, text, citations, false, List.of(), evidence, null);
    }

    public static Answer abstain(String question, List<ArticleRef> related, double evidence) {
        return new Answer(question, ABSTENTION, List.of(), true,
                related.size() > MAX_RELATED ? related.subList(0, MAX_RELATED) : related, evidence, null);
    }

    /** The closest headlines to offer when abstaining: the first {@link #MAX_RELATED} distinct articles retrieved. */
    public static List<ArticleRef> closestHeadlines(List<RetrievedChunk> chunks) {
        Map<String, ArticleRef> out = new LinkedHashMap<>();
        for (RetrievedChunk c : chunks) {
            out.putIfAbsent(c.article().id(), c.article());
            if (out.size() == MAX_RELATED) break;
        }
        return new ArrayList<>(out.values());
    }

    public Answer withCitations(List<Citation> newCitations) {
        return new Answer(question, text, newCitations, abstained, related, evidence, note);
    }

    public Answer withRelated(List<ArticleRef> newRelated) {
        return new Answer(question, text, citations, abstained, newRelated, evidence, note);
    }

    public Answer withNote(String newNote) {
        return new Answer(question, text, citations, abstained, related, evidence, newNote);
    }

    /** The same answer with {@code first} said before its note, if it has one ("Showing results for: Goma. ..."). */
    public Answer withNoteFirst(String first) {
        return withNote(note == null ? first : first + ". " + note);
    }

    /** The ids of the cited articles, in citation order. */
    public java.util.Set<String> citedArticleIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Citation c : citations) ids.add(c.article().id());
        return ids;
    }
}
