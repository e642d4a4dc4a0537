package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.retrieval.SearchResult;

/**
 * An answer with how it was reached: the search behind it, whether the question was read as a follow-up, and the
 * time each stage took (nanoseconds; keys embed, keyword, vector, fuse, answer, total).
 *
 * @param notice whether the reply tells the reader something about the question instead of answering it ("Which story
 *               do you mean?", "please ask in English"): such a turn starts no thread for later follow-ups
 */
public record Reply(Answer answer, SearchResult search, boolean followUp, String searchText,
                    java.util.Map<String, Long> stageNanos, boolean notice) {

    /** A reply that answers (or abstains on) the question. */
    public Reply(Answer answer, SearchResult search, boolean followUp, String searchText,
                 java.util.Map<String, Long> stageNanos) {
        this(answer, search, followUp, searchText, stageNanos, false);
    }

    public long tookMillis() {
        return stageNanos.getOrDefault("total", 0L) / 1_000_000;
    }
}
