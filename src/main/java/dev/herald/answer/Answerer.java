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

    /**
     * As {@link #answer(AnswerRequest)}, telling {@code progress} the checked text as it is written. Answerers that
     * compose the whole answer at once (the offline one) never call it.
     */
    default Answer answer(AnswerRequest request, AnswerProgress progress) {
        return answer(request);
    }

    /** How this answerer works, in a few words, for {@code stats} and {@code /stats}. */
    default String describe() {
        return "extractive (offline, quoted sentences)";
    }

    /** Counters an admin wants to see (e.g. how many model answers failed their check), or an empty string. */
    default String statistics() {
        return "";
    }
}
