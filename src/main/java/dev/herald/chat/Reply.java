package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.retrieval.SearchResult;

/**
 * An answer with how it was reached: the search behind it, whether the question was read as a follow-up, and the
 * time each stage took (nanoseconds; keys embed, keyword, vector, fuse, answer, total).
 */
public record Reply(Answer answer, SearchResult search, boolean followUp, String searchText,
                    java.util.Map<String, Long> stageNanos) {

    public long tookMillis() {
        return stageNanos.getOrDefault("total", 0L) / 1_000_000;
    }
}
