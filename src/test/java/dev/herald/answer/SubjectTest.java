package dev.herald.answer;

import dev.herald.text.Terms;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a question is about, on hand-made word rarities. */
class SubjectTest {

    // rarer words score higher; a word missing here is absent from the archive
    static final Map<String, Double> IDF = Map.ofEntries(Map.entry("goma", 9.0), Map.entry("controls", 4.0),
            Map.entry("people", 1.5), Map.entry("killed", 4.0), Map.entry("injured", 4.5),
            Map.entry("afghanistan", 8.0), Map.entry("rocked", 6.0), Map.entry("earthquake", 6.5),
            Map.entry("magnitude", 6.0), Map.entry("quake", 6.0), Map.entry("1,000", 4.0), Map.entry("mayor", 5.0),
            Map.entry("japanese", 6.0), Map.entry("volcano", 7.0), Map.entry("island", 4.0), Map.entry("erupted", 6.0),
            Map.entry("coffee", 6.0), Map.entry("prices", 3.0), Map.entry("uk", 5.0), Map.entry("supermarket", 6.0),
            Map.entry("launched", 4.0), Map.entry("christmas", 6.0), Map.entry("campaign", 4.0), Map.entry("wnba", 8.0),
            Map.entry("team", 3.0), Map.entry("won", 3.0), Map.entry("first", 1.0), Map.entry("title", 4.0));
    static final ToDoubleFunction<String> idf = w -> IDF.getOrDefault(w, 12.0);

    @Test
    void should_take_the_names_of_a_question_as_its_subject_when_it_has_names() {
        // when
        var goma = Subject.distinctive("How many people were killed in Goma?", idf);
        var quake = Subject.distinctive("Afghanistan was rocked by a powerful earthquake this week that killed more "
                + "than 1,000 people. What was the magnitude of the quake?", idf);

        // then a capitalised first word counts when it is rare; a number is a name; 'week' and 'what' are not
        assertEquals(java.util.Set.of("goma"), goma.keySet());
        assertEquals(java.util.Set.of("afghanistan", "1,000"), quake.keySet());
    }

    @Test
    void should_take_the_rarest_words_but_not_words_missing_from_the_archive_when_there_is_no_name() {
        // when: 'rising' is in no article (they say 'rose'); it must not become the whole subject
        var s = Subject.distinctive("why are coffee prices rising?", idf);

        // then
        assertEquals(java.util.Set.of(Terms.stem("coffee")), s.keySet());
    }

    @Test
    void should_keep_a_name_no_article_has_so_that_a_question_about_it_is_not_covered() {
        // when
        Subject s = Subject.of("Who is the mayor of Lindenport?", null, idf);

        // then an article about some other mayor does not cover the question
        assertEquals(0.0, s.coverage(Terms.contentStems("The mayor of Sandpoint is running for governor.")));
    }

    @Test
    void should_judge_a_follow_up_on_the_subject_carried_from_the_earlier_turn() {
        // given
        Subject s = Subject.of("and how many were injured?", "Who controls Goma now?", idf);

        // then the kettle recall's injuries are not about Goma; the Goma casualty figures are
        assertEquals(0.0, s.coverage(Terms.contentStems("No serious injuries have been reported by kettle owners.")));
        assertEquals(1.0, s.coverage(Terms.contentStems("At least 17 people were killed and 300 wounded in Goma.")));
    }

    @Test
    void should_match_a_name_with_its_derived_form_when_one_starts_the_other() {
        // given
        Subject s = Subject.of("A volcano erupted on which Japanese island?", null, idf);

        // then
        assertTrue(s.coverage(Terms.contentStems("Japan's Sakurajima volcano erupted on Sunday.")) > 0.5);
        assertFalse(s.touches(Terms.contentStems("The volcano erupted on Sunday.")));
    }

    @Test
    void should_not_take_the_words_describing_the_answer_for_the_subject_when_the_question_names_its_story() {
        // when: 'UK' says what kind of supermarket the answer is; the story is the Christmas campaign
        Subject supermarket = Subject.of("Which UK supermarket launched its Christmas campaign?", null, idf);
        // ...and 'European' is in no article, yet the question asks about a story they report
        Subject european = Subject.of("Which European supermarket launched its Christmas campaign?", null, idf);
        // ...but a question whose only name describes the answer keeps it
        var wnba = Subject.distinctive("Which WNBA team won its first title?", idf);

        // then
        assertEquals(1.0, supermarket.coverage(Terms.contentStems("Its Christmas advert opens with a dancing carrot.")));
        assertFalse(european.namesSomethingUnreported());
        assertEquals(java.util.Set.of("wnba"), wnba.keySet());
    }

    @Test
    void should_not_count_a_name_missing_from_the_archive_when_the_reader_tells_it_beside_the_question() {
        // when: 'Hanukkah' is in no article
        Subject told = Subject.of("My son gave me one for Hanukkah. Who controls Goma now?", null, idf);
        Subject asked = Subject.of("Who has controlled Goma since Hanukkah?", null, idf);

        // then only a name in the sentence that asks means nothing can cover the question
        assertFalse(told.namesSomethingUnreported());
        assertTrue(asked.namesSomethingUnreported());
    }
}
