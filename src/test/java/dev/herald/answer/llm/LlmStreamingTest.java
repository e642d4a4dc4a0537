package dev.herald.answer.llm;

import dev.herald.answer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed LLM answers: what is passed on while the model writes, and how the stream ends. */
class LlmStreamingTest {

    private static final String QUESTION = "How many people have been killed in Goma?";
    static final String[] WITH_ONE_UNSUPPORTED = {
            "At least 17 people have been killed ", "and more than 300 injured in Goma [1]. ",
            "The rebels also shot down ", "40 helicopters over Lake Kivu [2]. ",
            "Hospitals in Goma were overwhelmed ", "with wounded civilians [2]. ",
            "Thousands of residents fled ", "towards the Rwandan border [3]."};

    private FakeOpenAi llm;
    private Goma goma;
    private final List<String> shown = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        llm = new FakeOpenAi();
        goma = new Goma();
    }

    @AfterEach
    void tearDown() throws IOException {
        llm.close();
    }

    private LlmAnswerer answerer() {
        Duration timeout = Duration.ofSeconds(5);
        return new LlmAnswerer(llm.model(timeout), llm.streamingModel(timeout), timeout, Goma.extractive(), 0.3,
                LlmAnswerer.Options.DEFAULTS.withRetryBackoff(Duration.ofMillis(50)), new LlmStats(),
                new LlmHealth(llm.baseUrl()));
    }

    @Test
    void should_pass_on_only_checked_sentences_when_the_model_streams_an_unsupported_one() {
        // given: a streamed reply whose second sentence the cited passage does not support
        llm.stream(WITH_ONE_UNSUPPORTED);

        // when
        Answer a = answerer().answer(goma.request(QUESTION), shown::add);

        // then: the answer is the checked one, and it grew sentence by sentence without the unsupported one
        assertEquals("At least 17 people have been killed and more than 300 injured in Goma [1]. "
                + "Hospitals in Goma were overwhelmed with wounded civilians [2]. "
                + "Thousands of residents fled towards the Rwandan border [1].", a.text());
        assertNull(a.note());
        assertTrue(shown.size() >= 2, shown.toString());
        for (String text : shown) {
            assertFalse(text.contains("helicopters"), text);
            assertTrue(a.text().startsWith(text), "a preview is the start of the answer: " + text);
        }
        assertTrue(goma.citationCheck().valid(a), () -> goma.citationCheck().problems(a).toString());
    }

    @Test
    void should_end_with_the_quoted_answer_and_a_note_when_the_stream_breaks_in_mid_answer() {
        // given: the connection drops partway through the reply
        llm.streamThenBreak(WITH_ONE_UNSUPPORTED);

        // when
        Answer a = answerer().answer(goma.request(QUESTION), shown::add);

        // then: the quoted answer with the note; nothing unchecked was passed on before the break
        Answer quoted = Goma.extractive().answer(goma.request(QUESTION));
        assertEquals(quoted.text(), a.text());
        assertEquals(LlmAnswerer.BROKEN_NOTE, a.note());
        for (String text : shown) assertFalse(text.contains("helicopters"), text);
    }

    @Test
    void should_not_stream_when_no_one_follows_the_answer() {
        // given: a reply the plain (unstreamed) endpoint gives
        llm.reply("At least 17 people have been killed and more than 300 injured in Goma [1].");

        // when: asked without a progress (the CLI, the eval)
        Answer a = answerer().answer(goma.request(QUESTION));

        // then
        assertEquals("At least 17 people have been killed and more than 300 injured in Goma [1].", a.text());
    }
}
