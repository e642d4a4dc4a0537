package dev.herald.retrieval;

import dev.herald.Herald;
import dev.herald.article.Article;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.herald.support.Fixtures.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hybrid search against each side alone, on a fixture where each side has blind spots. Uses the real model. */
class HybridRetrieverTest {

    @TempDir
    static Path dir;
    static Herald herald;

    static final List<Article> ARTICLES = List.of(
            article("recall", "Voltra Motors sedans", "2025-03-03",
                    "Voltra Motors is recalling 40,000 sedans and other cars over brake defects that can lengthen stopping distances."),
            article("kestrel", "Defence budget review", "2025-03-04",
                    "The review kept funding for Kestrel-7, a drone programme, while trimming naval spending."),
            article("birds", "Birdwatchers count raptors", "2025-03-04",
                    "Volunteers counted falcons, hawks and other birds of prey along the coast this spring."),
            article("systems", "Payment systems outage", "2025-03-02",
                    "Card payment systems failed for two hours; banks said vehicles for refunds would be set up."),
            article("rain", "Floods hit the valley", "2025-03-01",
                    "Heavy rain flooded farms in the valley and forced hundreds of families to leave their homes."),
            article("vaccine", "Clinic opens for measles shots", "2025-03-05",
                    "A new clinic offers measles vaccinations to children after a rise in infections."),
            article("election", "Mayor re-elected", "2025-03-05",
                    "The mayor won a third term with 58 percent of the vote after a quiet campaign."),
            article("quake", "Tremor shakes the capital", "2025-03-06",
                    "A magnitude 5.1 earthquake shook the capital overnight, cracking walls but injuring no one."),
            article("quake2", "Earthquake on the coast", "2025-03-06",
                    "A 6.3 earthquake struck the northern coast, cracking walls and damaging homes."),
            article("election2", "Governor wins", "2025-03-05",
                    "The governor won re-election with 61 percent of the vote after a bitter race."),
            article("carfree", "Car-free Sunday", "2025-03-02",
                    "Cars were banned from the old town on Sunday, and cars parked there were towed."),
            article("recall2", "Brisa hatchbacks", "2025-03-03",
                    "Brisa is recalling its Z-400 hatchbacks because airbags may not open in a crash."),
            article("drone2", "Drone programme cut", "2025-03-04",
                    "The ministry cancelled Osprey-3, a drone programme that ran over budget."));

    // question -> the article that answers it
    static final Map<String, String> QUESTIONS = Map.ofEntries(
            Map.entry("Which carmaker is pulling cars back because they might not stop in time?", "recall"),
            Map.entry("What is Kestrel-7?", "kestrel"),
            Map.entry("Were people forced out of their houses by high water?", "rain"),
            Map.entry("Who got another four years running the city?", "election"),
            Map.entry("magnitude 5.1", "quake"),
            Map.entry("Who won with 58 percent?", "election"),
            Map.entry("Which earthquake measured 5.1?", "quake"),
            Map.entry("Where did the 6.3 quake hit?", "quake2"),
            Map.entry("Which model is Brisa recalling, Z-400?", "recall2"),
            Map.entry("What happened to Osprey-3?", "drone2"),
            Map.entry("measles vaccinations clinic", "vaccine"));

    @BeforeAll
    static void load() {
        herald = TestHerald.open(dir);
        TestHerald.ingest(herald, ARTICLES);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    private static double mrr(HybridRetriever r) {
        double sum = 0;
        for (Map.Entry<String, String> q : QUESTIONS.entrySet()) {
            List<RetrievedChunk> found = r.search(SearchQuery.of(q.getKey(), Instant.parse("2025-03-10T00:00:00Z"))).chunks();
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).article().id().equals(q.getValue())) {
                    sum += 1.0 / (i + 1);
                    break;
                }
            }
        }
        return sum / QUESTIONS.size();
    }

    private static HybridRetriever with(double keyword, double vector) {
        HybridRetriever.Options d = HybridRetriever.Options.DEFAULTS;
        return new HybridRetriever(herald.embeddings(), herald.indexes(), herald.store(),
                d.toBuilder().topK(5).keywordWeight(keyword).vectorWeight(vector).recencyWeight(0).recencyHalfLifeDays(7)
                        .windowBoost(0).preferBoost(0).build());
    }

    @Test
    void should_rank_answers_better_than_either_keyword_or_vector_search_alone() {
        // when
        double keywordOnly = mrr(with(1, 0));
        double vectorOnly = mrr(with(0, 1));
        // the fixture's dates are arbitrary, so the recency prior is left out: this compares the fusion itself
        HybridRetriever.Options d = HybridRetriever.Options.DEFAULTS;
        double hybrid = mrr(with(d.keywordWeight(), d.vectorWeight()));

        // then
        org.slf4j.LoggerFactory.getLogger(HybridRetrieverTest.class).info("MRR keyword {} vector {} hybrid {}",
                keywordOnly, vectorOnly, hybrid);
        assertTrue(hybrid > keywordOnly, "hybrid " + hybrid + " vs keyword " + keywordOnly);
        assertTrue(hybrid > vectorOnly, "hybrid " + hybrid + " vs vector " + vectorOnly);
    }

    @Test
    void should_keep_article_metadata_and_hide_articles_published_after_the_as_of_date() {
        // when
        SearchResult before = herald.retriever().search(SearchQuery.of("earthquake in the capital", Instant.parse("2025-03-05T23:00:00Z")));
        SearchResult after = herald.retriever().search(SearchQuery.of("earthquake in the capital", Instant.parse("2025-03-07T00:00:00Z")));

        // then
        assertTrue(before.chunks().stream().noneMatch(c -> c.article().id().equals("quake")));
        RetrievedChunk top = after.chunks().get(0);
        assertEquals("quake", top.article().id());
        assertEquals("Tremor shakes the capital", top.article().title());
        assertEquals("https://example.org/quake", top.article().url());
        assertEquals(Instant.parse("2025-03-06T12:00:00Z"), top.article().publishedAt());
        assertTrue(after.stageNanos().keySet().containsAll(Set.of("embed", "keyword", "vector", "fuse", "retrieve")));
    }

    @Test
    void should_give_the_opening_and_the_next_passage_of_the_best_article_when_a_later_passage_matches() {
        // given a long report whose second passage (of four) is the one the question is about
        TestHerald.ingest(herald, List.of(article("storm", "Storm on the coast", "2025-03-07", String.join("\n\n",
                paragraph("Port Selden opened its new container terminal on Monday, after years of planning by the "
                        + "harbour board"),
                paragraph("The Zephyrine lighthouse keeper, Amelia Tosk, rowed out to a capsized trawler in the night"),
                paragraph("Eleven crew members were taken to the regional hospital, where two remained in care"),
                paragraph("Forecasters expect calmer weather by the weekend, with ferries running again on Saturday")))));
        HybridRetriever.Options one = HybridRetriever.Options.DEFAULTS.toBuilder().topK(1).build();
        SearchQuery q = SearchQuery.of("What did the Zephyrine lighthouse keeper Amelia Tosk do?",
                Instant.parse("2025-03-09T00:00:00Z"));

        // when
        List<RetrievedChunk> plain = new HybridRetriever(herald.embeddings(), herald.indexes(), herald.store(),
                one.toBuilder().leadPassages(0).followingPassages(0).build()).search(q).chunks();
        List<RetrievedChunk> withContext = new HybridRetriever(herald.embeddings(), herald.indexes(), herald.store(),
                one).search(q).chunks();

        // then: the opening passage before the match, the one after it behind, both from the same report
        assertEquals(List.of("storm#1"), plain.stream().map(c -> c.article().id() + "#" + c.chunk().seq()).toList());
        assertEquals(List.of("storm#0", "storm#1", "storm#2"),
                withContext.stream().map(c -> c.article().id() + "#" + c.chunk().seq()).toList());
        assertTrue(withContext.get(0).text().contains("container terminal"), withContext.get(0).text());
        assertTrue(withContext.get(0).score() < withContext.get(1).score());
    }

    /** About 80 words: the sentence, then distinct filler sentences so that each paragraph makes a chunk of its own. */
    private static String paragraph(String sentence) {
        StringBuilder p = new StringBuilder(sentence).append('.');
        String[] words = sentence.split(" ");
        for (int i = 0; p.toString().split(" ").length < 80; i++) {
            p.append(" Residents spoke about ").append(words[i % words.length].toLowerCase()).append(" again.");
        }
        return p.toString();
    }

    @Test
    void should_boost_articles_from_the_days_a_question_names() {
        // given: two similar stories on different days
        TestHerald.ingest(herald, List.of(
                article("fire-old", "Warehouse fire", "2025-02-20", "A warehouse fire in the port district burned for hours."),
                article("fire-new", "Warehouse fire", "2025-03-08", "A warehouse fire in the port district burned overnight.")));

        // when
        SearchResult r = herald.retriever().search(SearchQuery.of("What burned in the port district yesterday?",
                Instant.parse("2025-03-09T18:00:00Z")));

        // then
        assertEquals("fire-new", r.chunks().get(0).article().id());
    }
}
