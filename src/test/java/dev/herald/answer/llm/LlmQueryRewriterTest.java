package dev.herald.answer.llm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmQueryRewriterTest {

    private FakeOpenAi llm;

    @BeforeEach
    void setUp() throws IOException {
        llm = new FakeOpenAi();
    }

    @AfterEach
    void tearDown() throws IOException {
        llm.close();
    }

    @Test
    void should_return_models_standalone_question_when_follow_up_has_history() throws Exception {
        // given
        llm.reply("How many people were injured in the fighting in Goma?");
        LlmQueryRewriter rewriter = new LlmQueryRewriter(llm.model());

        // when
        String out = rewriter.standalone("and how many were injured?", List.of("What happened in Goma?"));

        // then
        assertEquals("How many people were injured in the fighting in Goma?", out);
        String prompt = FakeOpenAi.messagesText(llm.bodies().get(0));
        assertTrue(prompt.contains("What happened in Goma?"), prompt);
        assertTrue(prompt.contains("and how many were injured?"), prompt);
    }

    @Test
    void should_strip_label_and_quotes_when_model_adds_them() {
        // given
        llm.reply("Query: \"How many people were injured in Goma?\"");

        // when
        String out = new LlmQueryRewriter(llm.model()).standalone("injured?", List.of("What happened in Goma?"));

        // then
        assertEquals("How many people were injured in Goma?", out);
    }

    @Test
    void should_return_original_question_when_model_fails() {
        // given
        llm.status(500);

        // when
        String out = new LlmQueryRewriter(llm.model(Duration.ofSeconds(2)))
                .standalone("and how many were injured?", List.of("What happened in Goma?"));

        // then
        assertEquals("and how many were injured?", out);
    }

    @Test
    void should_return_original_question_when_reply_is_blank() {
        // given
        llm.reply("   ");

        // when
        String out = new LlmQueryRewriter(llm.model()).standalone("and the airport?", List.of("What happened in Goma?"));

        // then
        assertEquals("and the airport?", out);
    }

    @Test
    void should_not_call_model_when_there_are_no_earlier_questions() {
        // given: nothing scripted

        // when
        String out = new LlmQueryRewriter(llm.model()).standalone("What happened in Goma?", List.of());

        // then
        assertEquals("What happened in Goma?", out);
        assertEquals(0, llm.requests());
    }
}
