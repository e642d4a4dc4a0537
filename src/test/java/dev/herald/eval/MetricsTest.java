package dev.herald.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private static final double EPS = 1e-9;

    @Test
    void should_count_an_article_once_at_its_first_rank_when_several_chunks_of_it_are_retrieved() {
        // given chunks from articles a, a, b, a, c: distinct articles a, b, c
        List<String> chunks = List.of("a", "a", "b", "a", "c");

        // when
        int rankB = Metrics.firstRelevantRank(chunks, Set.of("b"));
        int rankC = Metrics.firstRelevantRank(chunks, Set.of("c"));

        // then b is the 2nd article (not the 3rd chunk), c the 3rd (not the 5th chunk)
        assertEquals(List.of("a", "b", "c"), Metrics.distinctArticles(chunks));
        assertEquals(2, rankB);
        assertEquals(3, rankC);
    }

    @Test
    void should_take_the_best_ranked_of_several_relevant_articles() {
        // given two relevant articles, at article ranks 3 and 2
        List<String> chunks = List.of("x", "x", "r2", "r1");

        // when
        int rank = Metrics.firstRelevantRank(chunks, Set.of("r1", "r2"));

        // then
        assertEquals(2, rank);
    }

    @Test
    void should_give_rank_zero_and_score_nothing_when_no_relevant_article_is_retrieved() {
        // given
        List<String> chunks = List.of("a", "b", "c");

        // when
        int rank = Metrics.firstRelevantRank(chunks, Set.of("z"));

        // then
        assertEquals(0, rank);
        assertEquals(0.0, Metrics.hit(rank, 10), EPS);
        assertEquals(0.0, Metrics.reciprocalRank(rank, 10), EPS);
        assertEquals(0, Metrics.firstRelevantRank(List.of(), Set.of("z")));
    }

    @Test
    void should_score_hits_when_k_is_larger_than_the_list() {
        // given ranks from short lists (3 articles at most): found at 3, not found
        List<Integer> ranks = List.of(3, 0);

        // when
        double hits10 = Metrics.hitsAt(ranks, 10);
        double hits1 = Metrics.hitsAt(ranks, 1);

        // then a short list still counts a hit within k, and a miss stays a miss
        assertEquals(0.5, hits10, EPS);
        assertEquals(0.0, hits1, EPS);
    }

    @Test
    void should_compute_hits_and_mrr_on_a_hand_computed_fixture() {
        // given ranks 1, 2, 4, 10, 11, 0
        List<Integer> ranks = List.of(1, 2, 4, 10, 11, 0);

        // when
        Metrics.Retrieval r = Metrics.Retrieval.of(ranks);

        // then Hits@1 = 1/6, Hits@4 = 3/6, Hits@10 = 4/6; MRR@10 = (1 + 1/2 + 1/4 + 1/10) / 6, rank 11 cut off
        assertEquals(6, r.questions());
        assertEquals(1 / 6.0, r.hits1(), EPS);
        assertEquals(3 / 6.0, r.hits4(), EPS);
        assertEquals(4 / 6.0, r.hits10(), EPS);
        assertEquals((1 + 0.5 + 0.25 + 0.1) / 6, r.mrr10(), EPS);
    }

    @Test
    void should_cut_mrr_off_after_rank_ten() {
        // given
        // when
        double at10 = Metrics.reciprocalRank(10, 10);
        double at11 = Metrics.reciprocalRank(11, 10);

        // then
        assertEquals(0.1, at10, EPS);
        assertEquals(0.0, at11, EPS);
    }

    @Test
    void should_give_nan_when_there_is_no_labelled_question() {
        // given
        List<Integer> none = List.of();

        // when
        Metrics.Retrieval r = Metrics.Retrieval.of(none);

        // then
        assertTrue(Double.isNaN(r.hits1()));
        assertTrue(Double.isNaN(r.mrr10()));
    }

    @Test
    void should_normalise_case_punctuation_quotes_and_whitespace() {
        // given
        String raw = "  The “Squid  Game”, U.S.-made!  ";

        // when
        String n = Metrics.normalize(raw);

        // then
        assertEquals("the squid game usmade", n);
    }

    static Stream<Arguments> containment() {
        // answer, gold answers, whether the answer counts as containing one
        return Stream.of(
                Arguments.of("Netflix said \"squid game\"[1] was its biggest show. [2]", List.of("\u201CSquid Game\u201D"),
                        true),
                Arguments.of("He ate a pineapple.", List.of("Pineapple!"), true),
                Arguments.of("He ate a pineapple.", List.of("apple"), false),
                Arguments.of("He ate a pineapple.", List.of("", "...", " "), false),
                Arguments.of("It leaves out a ban on assault [1] weapons.", List.of("ban on assault weapons"), true),
                Arguments.of("The vote was 52-48.", List.of("52-48"), true),
                Arguments.of("The vote was 52-48.", List.of("48-52"), false));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @MethodSource("containment")
    void should_count_an_answer_as_correct_only_when_a_gold_answer_occurs_in_it_as_whole_words(
            String answer, List<String> gold, boolean expected) {
        assertEquals(expected, Metrics.contains(answer, gold));
    }

    static Stream<Arguments> wordForms() {
        // answer, gold answer, strict containment, containment with word forms
        return Stream.of(
                Arguments.of("Ashton Carter, President Barack Obama\u2019s defense secretary, died. [1]", "Barack Obama",
                        false, true),
                Arguments.of("Vladimir Putin's invasion of Ukraine", "Vladimir Putin", false, true),
                Arguments.of("A 101-year-old man was convicted.", "101", false, true),
                Arguments.of("The vote was 52-48.", "52-48", true, true),
                Arguments.of("He met the Obamas.", "Obama", false, false),
                Arguments.of("Yosemite's Mariposa Grove", "Yosemite National Park", false, false),
                Arguments.of("a 20-year sentence", "20 years", false, false));
    }

    @ParameterizedTest(name = "{0} / {1}: strict {2}, word forms {3}")
    @MethodSource("wordForms")
    void should_read_possessives_and_joining_hyphens_as_word_breaks_only_in_the_word_forms_rule(
            String answer, String gold, boolean strict, boolean withWordForms) {
        assertEquals(strict, Metrics.contains(answer, List.of(gold)));
        assertEquals(withWordForms, Metrics.containsWordForms(answer, List.of(gold)));
    }

    @Test
    void should_remove_citation_markers_before_matching() {
        // given an answer whose marker sits inside the gold phrase's words
        List<String> gold = List.of("ban on assault weapons");
        String answer = "It leaves out a ban on assault [1] weapons.";

        // when
        boolean found = Metrics.contains(answer, gold);

        // then
        assertTrue(found);
        assertEquals("It leaves out a ban on assault   weapons.", Metrics.stripCitations(answer));
        assertEquals(8, Metrics.wordCount(answer));
    }

    @Test
    void should_compute_nearest_rank_percentiles_on_small_lists() {
        // given
        List<Double> five = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
        List<Integer> one = List.of(7);

        // when
        // then nearest rank: p50 of 5 values = 3rd smallest, p95 and p99 = the largest
        assertEquals(3.0, Metrics.percentile(five, 50), EPS);
        assertEquals(5.0, Metrics.percentile(five, 95), EPS);
        assertEquals(5.0, Metrics.percentile(five, 99), EPS);
        assertEquals(1.0, Metrics.percentile(five, 20), EPS);
        assertEquals(2.0, Metrics.percentile(five, 21), EPS);
        assertEquals(7.0, Metrics.percentile(one, 50), EPS);
        assertEquals(7.0, Metrics.percentile(one, 99), EPS);
        assertEquals(2.0, Metrics.percentile(List.of(1, 2, 3, 4), 50), EPS);
        assertTrue(Double.isNaN(Metrics.percentile(List.<Double>of(), 50)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.percentile(five, 0));
    }

    @Test
    void should_give_rates_means_and_ratios_with_nan_for_nothing() {
        // given
        // when
        // then
        assertEquals(2 / 3.0, Metrics.rate(List.of(true, false, true)), EPS);
        assertEquals(2.0, Metrics.mean(List.of(1, 2, 3)), EPS);
        assertEquals(2.0, Metrics.ratio(1.0, 0.5), EPS);
        assertTrue(Double.isNaN(Metrics.rate(List.of())));
        assertTrue(Double.isNaN(Metrics.ratio(1.0, 0.0)));
        assertTrue(Double.isNaN(Metrics.ratio(Double.NaN, 1.0)));
    }

    @Test
    void should_count_an_answer_only_within_the_first_words_when_the_limit_is_given() {
        // given a 32-word answer whose gold answer is in words 31-32
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                + "seventeen eighteen nineteen twenty a b c d e f g h i j [1] Marco Rubio [2]";

        // then: markers do not count as words, an answer cut by the limit does not count
        assertTrue(Metrics.contains(text, List.of("Marco Rubio")));
        assertFalse(Metrics.containsWithinFirstWords(text, List.of("Marco Rubio"), 30));
        assertFalse(Metrics.containsWithinFirstWords(text, List.of("Marco Rubio"), 31));
        assertTrue(Metrics.containsWithinFirstWords(text, List.of("Marco Rubio"), 32));
        assertTrue(Metrics.containsWithinFirstWords(text, List.of("three"), 30));
    }

    @Test
    void should_count_a_cited_syndicated_copy_of_a_relevant_article_as_relevant() {
        // given three citations: a relevant article, a copy standing for a relevant one, an unrelated article
        List<List<String>> cited = List.of(List.of("r1"), List.of("c1", "r2"), List.of("x"));

        // then
        assertEquals(2, Metrics.relevantCited(cited, Set.of("r1", "r2")));
        assertEquals(0, Metrics.relevantCited(List.of(), Set.of("r1")));
    }

    @Test
    void should_split_questions_into_two_stable_halves_of_similar_size() {
        // when
        int[] sizes = new int[2];
        for (int i = 0; i < 1000; i++) sizes[Metrics.half("rtqa-2022-" + i)]++;

        // then the same id always lands in the same half, and neither half is tiny
        assertEquals(Metrics.half("rtqa-20220617_2"), Metrics.half("rtqa-20220617_2"));
        assertTrue(sizes[0] > 400 && sizes[1] > 400, java.util.Arrays.toString(sizes));
    }
}
