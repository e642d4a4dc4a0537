package dev.herald.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentencesTest {

    @Test
    void should_split_on_terminators_but_not_abbreviations_or_initials() {
        // given
        String text = "Mr. Ruto spoke to U.S. officials on Monday. John F. Kennedy was not there! Was it 3.5 hours? Yes.";

        // when
        List<String> s = Sentences.texts(text);

        // then
        assertEquals(List.of("Mr. Ruto spoke to U.S. officials on Monday.", "John F. Kennedy was not there!",
                "Was it 3.5 hours?", "Yes."), s);
    }

    @Test
    void should_not_split_a_case_name_at_its_v() {
        // given: a 2022 answer had quoted "... since the Supreme Court overturned Roe v." and "Wade in June, ..."
        String text = "The court overturned Roe v. Wade in June. Kansas voted on Tuesday.";

        // when / then
        assertEquals(List.of("The court overturned Roe v. Wade in June.", "Kansas voted on Tuesday."), Sentences.texts(text));
    }

    @Test
    void should_end_a_sentence_at_a_paragraph_break_and_keep_exact_offsets() {
        // given
        String text = "Crisis in Eastern DRC\n\nGunfire has raged since Sunday. \"All we hear are gunshots,\" he said.";

        // when
        List<Sentences.Span> spans = Sentences.split(text);

        // then
        assertEquals(3, spans.size());
        assertEquals("Crisis in Eastern DRC", spans.get(0).text());
        for (Sentences.Span s : spans) assertEquals(s.text(), text.substring(s.start(), s.end()));
        assertTrue(spans.get(2).text().startsWith("\"All we hear"));
    }
}
