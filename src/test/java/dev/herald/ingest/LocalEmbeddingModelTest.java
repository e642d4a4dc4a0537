package dev.herald.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched model against LangChain4j's one-text-per-call model, on texts of mixed lengths. */
class LocalEmbeddingModelTest {

    static LocalEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = new LocalEmbeddingModel(2, 8); // batches of 8: padding is exercised
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<TextSegment> mixedLengths() {
        String[] sentences = {
                "M23 rebels said they had taken control of Goma, the largest city in eastern Congo.",
                "At least 17 people were killed and more than 300 wounded in the fighting.",
                "The council approved a budget of 2.1 billion dollars for the coming year.",
                "A kettle sold in supermarkets was recalled after reports that its lid could come loose.",
                "Storms left 40,000 homes without power across the region on Sunday night."};
        List<TextSegment> out = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            StringBuilder sb = new StringBuilder("Headline " + i + ". ");
            for (int j = 0; j <= i % 7; j++) sb.append(sentences[(i + j) % sentences.length]).append(' ');
            out.add(TextSegment.from(sb.toString().trim()));
        }
        return out;
    }

    @Test
    void should_give_nearly_the_vectors_of_one_text_per_call_when_texts_run_in_padded_batches() {
        // given: 21 texts of 1 to 7 sentences (three batches, each padded to its longest text)
        List<TextSegment> texts = mixedLengths();

        // when
        List<Embedding> batched = model.embedAll(texts).content();
        List<Embedding> reference = model.unbatched().embedAll(texts).content();

        // then: same order, unit length, and each within quantisation noise of the unbatched vector
        assertEquals(texts.size(), batched.size());
        for (int i = 0; i < texts.size(); i++) {
            double cos = CosineSimilarity.between(batched.get(i), reference.get(i));
            assertTrue(cos > 0.97, "text " + i + ": cosine " + cos);
            double norm = 0;
            for (float f : batched.get(i).vector()) norm += f * f;
            assertEquals(1.0, norm, 1e-4);
        }
        // and: a text's vector does not depend on which batch-mates it had (padding is masked out)
        Embedding alone = model.embed(texts.get(20).text()).content();
        assertTrue(CosineSimilarity.between(alone, batched.get(20)) > 0.97);
    }

    @Test
    void should_embed_a_text_longer_than_the_model_window_as_langchain4j_does() {
        // given: about 900 tokens, beyond the model's 512 positions
        String longText = "The flood barrier held through the night while volunteers stacked sandbags. ".repeat(70);

        // when / then: windowed and averaged exactly as LangChain4j's model does it
        assertArrayEquals(model.unbatched().embedAll(List.of(TextSegment.from(longText))).content().get(0).vector(),
                model.embed(longText).content().vector(), 1e-6f);
    }

    @Test
    void should_refuse_a_blank_question_as_langchain4j_does() {
        // TextSegment refuses a blank text itself; a plain string reaches the model
        assertThrows(IllegalArgumentException.class, () -> model.embed(" \n "));
    }

    @Test
    void should_ignore_padding_rows_when_pooling() {
        float[][] hidden = {{3, 0}, {1, 0}, {100, 100}};
        assertArrayEquals(new float[]{1, 0}, BatchedMiniLm.meanOfRealTokens(hidden, 2), 1e-6f);
    }

    @Test
    void should_refuse_to_embed_after_close_instead_of_touching_freed_native_memory() {
        // given: a model that has embedded and is then closed
        LocalEmbeddingModel closing = new LocalEmbeddingModel(1, 8);
        closing.embed("warm-up");
        closing.close();

        // when / then: a late call (a warm-up racing shutdown) gets a plain exception
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closing.embed("late question"));
        assertEquals("the embedding model is closed", e.getMessage());
    }
}
