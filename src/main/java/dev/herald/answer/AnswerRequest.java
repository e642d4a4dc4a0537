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
 * @param seen            sentences the reader was shown in the conversation's last turn, whitespace squashed
 *                        ({@link dev.herald.text.Terms#squashSpace}): worth no second showing beside a new answer
 */
public record AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search,
                            Set<String> threadArticles, Set<String> seen) {
    public AnswerRequest {
        earlierQuestions = List.copyOf(earlierQuestions);
        threadArticles = threadArticles == null ? Set.of() : Set.copyOf(threadArticles);
        seen = seen == null ? Set.of() : Set.copyOf(seen);
    }

    /** A request whose reader has seen nothing yet. */
    public AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search,
                         Set<String> threadArticles) {
        this(question, earlierQuestions, asOf, search, threadArticles, Set.of());
    }

    /** A request with no thread articles. */
    public AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search) {
        this(question, earlierQuestions, asOf, search, Set.of());
    }
}
