package dev.herald.answer;

/**
 * Composes an answer from retrieved evidence.
 *
 * <p>Contract: every {@code [n]} in the answer text refers to one of its citations, every citation's quotes occur in
 * the cited article's stored text, and when the evidence does not support an answer the result abstains
 * ({@link Answer#abstained()}) instead of guessing. Implementations do not throw for weak or empty evidence.
 */
public interface Answerer {

    Answer answer(AnswerRequest request);
}
