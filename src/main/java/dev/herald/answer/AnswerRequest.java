package dev.herald.answer;

import dev.herald.retrieval.SearchResult;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything an answerer may use.
 *
 * @param question        the reader's question as asked
 * @param earlierQuestions earlier questions of the conversation, oldest first (context for follow-ups)
 * @param asOf            the moment the question is asked
 * @param search          what retrieval found for it
 * @param threadArticles  for a follow-up, the articles cited in the turn it follows (else empty)
 */
public record AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search,
                            Set<String> threadArticles) {
    public AnswerRequest {
        earlierQuestions = List.copyOf(earlierQuestions);
        threadArticles = threadArticles == null ? Set.of() : Set.copyOf(threadArticles);
    }

    /** A request with no thread articles. */
    public AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search) {
        this(question, earlierQuestions, asOf, search, Set.of());
    }
}
