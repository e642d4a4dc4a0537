package dev.herald.answer.llm;

import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.chat.Conversations;
import dev.herald.chat.QuestionService;
import dev.herald.support.TestHerald;
import dev.herald.text.QuestionLanguage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** llm mode: a French question is searched in English and answered in French, citations checked as ever. */
class LlmOtherLanguagesTest {

    @TempDir
    static Path dir;
    static Herald herald;
    static final Instant AS_OF = Instant.parse("2025-01-30T12:00:00Z");
    static final String FRENCH = "Qui contrôle Goma maintenant ?";
    static final String ENGLISH_ANSWER = "The M23 rebel group says it has taken control of Goma [1].";

    FakeOpenAi llm;
    QuestionService questions;

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        llm = new FakeOpenAi();
        LlmAnswerer answerer = new LlmAnswerer(llm.model(), herald.answerer(), 0.3, LlmAnswerer.Options.DEFAULTS,
                new LlmStats(), new LlmHealth(llm.baseUrl()));
        questions = new QuestionService(herald.retriever(), answerer, new Conversations(Duration.ofMinutes(5)))
                .withLanguages(new QuestionLanguage(w -> herald.indexes().keywords().documentFrequency(w)),
                        new LlmTranslator(llm.model()));
    }

    @AfterEach
    void tearDown() throws Exception {
        llm.close();
    }

    @Test
    void should_search_in_english_and_answer_in_french_with_valid_citations_when_asked_in_french() throws Exception {
        // given: the model translates, answers (grounded, in English), then translates the answer
        llm.reply("Who controls Goma now?")
                .reply(ENGLISH_ANSWER)
                .reply("Le groupe rebelle M23 affirme avoir pris le contrôle de Goma [1].");

        // when
        Answer a = questions.ask(FRENCH, AS_OF).answer();

        // then
        assertEquals("Le groupe rebelle M23 affirme avoir pris le contrôle de Goma [1].", a.text());
        assertEquals(FRENCH, a.question());
        assertEquals(List.of(), herald.citationCheck().problems(a));
        assertTrue(a.citations().get(0).quotes().get(0).startsWith("The M23 rebel group says"), "quotes stay verbatim");
        List<String> bodies = llm.bodies();
        assertEquals(3, bodies.size());
        assertTrue(FakeOpenAi.messagesText(bodies.get(0)).contains(FRENCH));
        assertTrue(FakeOpenAi.messagesText(bodies.get(1)).contains("Who controls Goma now?"), "the answer prompt asks in English");
        assertTrue(FakeOpenAi.messagesText(bodies.get(2)).contains("into French"));
    }

    @Test
    void should_keep_the_checked_english_answer_with_a_note_when_the_translation_drops_a_citation() {
        // given
        llm.reply("Who controls Goma now?").reply(ENGLISH_ANSWER).reply("Le groupe M23 contrôle Goma.");

        // when
        Answer a = questions.ask(FRENCH, AS_OF).answer();

        // then
        assertEquals(ENGLISH_ANSWER, a.text());
        assertTrue(a.note().startsWith("Answered in English"), a.note());
        assertTrue(herald.citationCheck().valid(a));
    }

    @Test
    void should_give_the_english_notice_when_the_model_cannot_translate_the_question() {
        // given: the endpoint fails (retries are the answerer's; a translation is tried once)
        llm.status(500);

        // when
        Answer a = questions.ask(FRENCH, AS_OF).answer();

        // then
        assertTrue(a.abstained());
        assertEquals(QuestionService.notEnglish("French"), a.text());
        assertFalse(a.related().isEmpty());
    }
}
