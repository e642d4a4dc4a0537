package dev.herald.chat;

import dev.herald.Herald;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared pipeline on the bundled sample articles, as a reader would use it. */
class QuestionServiceTest {

    @TempDir
    static Path dir;
    static Herald herald;
    static final Instant AS_OF = Instant.parse("2025-01-30T12:00:00Z");

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    @Test
    void should_answer_a_follow_up_about_injuries_from_the_previous_topic() {
        // given
        QuestionService q = herald.questions();
        Reply first = q.ask("chat-1", "Who controls Goma now?", AS_OF);

        // when
        Reply followUp = q.ask("chat-1", "and how many were injured?", AS_OF);

        // then
        assertTrue(first.answer().text().contains("Goma"), first.answer().text());
        assertTrue(followUp.followUp());
        assertFalse(followUp.answer().abstained(), followUp.answer().text());
        assertTrue(followUp.answer().text().contains("300"), followUp.answer().text());
    }

    @Test
    void should_not_carry_context_into_another_conversation_or_after_reset() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-2", "Who controls Goma now?", AS_OF);
        q.conversations().reset("chat-2");

        // when
        Reply fresh = q.ask("chat-2", "and how many were injured?", AS_OF);
        Reply other = q.ask("chat-3", "and how many were injured?", AS_OF);

        // then
        assertFalse(fresh.followUp());
        assertFalse(other.followUp());
    }

    @Test
    void should_not_see_articles_published_after_the_as_of_date() {
        // when
        Reply before = herald.questions().ask("Who controls Goma now?", Instant.parse("2025-01-01T00:00:00Z"));

        // then
        assertTrue(before.answer().abstained() || before.answer().citations().stream()
                .allMatch(c -> c.article().publishedAt() == null || c.article().publishedAt().isBefore(Instant.parse("2025-01-01T00:00:00Z"))));
    }

    @Test
    void should_search_a_rewritten_standalone_question_when_a_rewriter_is_configured() {
        // given: a rewriter standing in for the LLM, as llm mode wires it
        java.util.List<java.util.List<String>> seen = new java.util.ArrayList<>();
        QuestionService q = new QuestionService(herald.retriever(), herald.answerer(), new Conversations(java.time.Duration.ofMinutes(5)),
                id -> java.util.List.of(), (question, earlier) -> {
                    seen.add(earlier);
                    return "How many people were injured in the fighting in Goma?";
                });
        q.ask("c", "Who controls Goma now?", AS_OF);

        // when
        Reply r = q.ask("c", "and how many were hurt?", AS_OF);

        // then
        assertTrue(r.followUp());
        assertTrue(r.searchText().startsWith("How many people were injured"), r.searchText());
        assertTrue(seen.get(0).contains("Who controls Goma now?"));
        assertTrue(r.answer().text().contains("300"), r.answer().text());
    }
}
