package dev.herald.answer;

/** Receives an answer while it is being written, for front ends that show it as it grows. */
@FunctionalInterface
public interface AnswerProgress {

    /** For callers that only want the finished answer. */
    AnswerProgress NONE = text -> {
    };

    /**
     * The answer's text so far: only sentences that passed the citation check, with their {@code [n]} markers as
     * the finished answer numbers them; each call's text extends the previous one's. Called on the thread reading
     * the model's output; must return quickly and never throw. The finished answer (sources, notes, or a fallback
     * that replaces what was shown) is the answerer's return value, not a call here.
     */
    void checked(String text);
}
