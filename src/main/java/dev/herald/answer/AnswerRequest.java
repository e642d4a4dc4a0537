package dev.herald.answer;

import dev.herald.retrieval.SearchResult;

import java.time.Instant;
import java.util.List;

/**
 * Everything an answerer may use.
 *
 * @param question        the reader's question as asked
 * @param earlierQuestions earlier questions of the conversation, oldest first (context for follow-ups)
 * @param asOf            the moment the question is asked
 * @param search          what retrieval found for it
 */
public record AnswerRequest(String question, List<String> earlierQuestions, Instant asOf, SearchResult search) {
    public AnswerRequest {
        earlierQuestions = List.copyOf(earlierQuestions);
    }
}
