package dev.herald.answer;

import dev.herald.article.ArticleRef;

import java.util.List;

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

    public Answer {
        citations = List.copyOf(citations);
        related = List.copyOf(related);
    }

    /** An answer from the sources: {@code text} carries a marker {@code [n]} for each of {@code citations}. */
    public static Answer answered(String question, String text, List<Citation> citations, double evidence) {
        return new Answer(question, text, citations, false, List.of(), evidence, null);
    }

    public static Answer abstain(String question, List<ArticleRef> related, double evidence) {
        return new Answer(question, ABSTENTION, List.of(), true, related.size() > 3 ? related.subList(0, 3) : related,
                evidence, null);
    }

    public Answer withCitations(List<Citation> newCitations) {
        return new Answer(question, text, newCitations, abstained, related, evidence, note);
    }

    public Answer withNote(String newNote) {
        return new Answer(question, text, citations, abstained, related, evidence, newNote);
    }
}
