package dev.herald.chat;

import dev.herald.article.ArticleChunks;
import dev.herald.ingest.LocalEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which articles match a followed topic, with the real embedding model: about it yes, naming it in passing no. */
class TopicMatcherTest {

    static LocalEmbeddingModel model;
    static TopicMatcher matcher;

    @BeforeAll
    static void load() {
        model = new LocalEmbeddingModel(1, 1); // one text per call: the vectors TopicMatcher was calibrated on
        matcher = new TopicMatcher(model, w -> 1.0, 1.5, 1.0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ArticleChunks article(String title, String text) {
        return new ArticleChunks("a", title, null, new long[]{1}, new String[]{text},
                new float[][]{model.embed(title + "\n" + text).content().vector()});
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "Goma | M23 rebels tighten their hold on Goma | Rebels who seized Goma patrolled the city on Friday as "
                    + "residents queued for water and hospitals treated hundreds of wounded. | true",
            "Goma | Coffee prices rise after a dry season | Coffee prices rose for a third week as drought cut the "
                    + "harvest in Brazil; traders in Goma and elsewhere said stocks were low. | false",
            "Halcyon probe | Halcyon probe fires its engine to correct course | Engineers fired the probe's engine "
                    + "for 40 seconds to put it on course for Mars. | true",
            "Halcyon probe | Lindenport library reopens | The library reopened on Friday after repairs costing 8.5 "
                    + "million. | false"})
    void should_match_an_article_about_the_topic_when_scored(String topic, String title, String text, boolean matches) {
        TopicMatcher.Topic t = matcher.topic(topic);
        TopicMatcher.Passages p = TopicMatcher.passages(article(title, text));

        assertEquals(matches, matcher.matches(t, p), topic + " ~ " + title + ": " + matcher.score(t, p));
    }
}
