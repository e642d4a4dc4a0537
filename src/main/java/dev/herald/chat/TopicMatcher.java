package dev.herald.chat;

import dev.herald.article.ArticleChunks;
import dev.herald.text.Terms;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Whether an article is about a followed topic, with the two signals retrieval fuses, in the same proportion: how
 * much of the topic the passage names (its words weighted by rarity, as BM25 weighs them) and how close the passage's
 * vector is to the topic's. An article's score is that of its best passage (each passage carries the title line).
 */
public final class TopicMatcher {

    /**
     * An article matches a topic at or above this score. A passage naming every word of the topic scores
     * 0.6 + 0.4 x its cosine, so among the articles that name a topic the vector decides. Calibrated on a copy of
     * the RealTime QA 2025 archive (600 articles) with twelve topics a reader might follow, from names ("Tesla",
     * "Gaza", "Kamala Harris") to phrases ("Federal Reserve interest rates", "North Korea missile"), the articles
     * scoring 0.6-0.8 labelled by hand: articles about the topic scored 0.78-0.89, passing mentions (round-ups,
     * other stories naming it once) 0.64-0.77, overlapping at 0.75-0.78 (about 10 on-topic, 15 passing). Articles
     * matched at 0.62 / 0.70 / 0.75 / 0.78: "Elon Musk" 31/22/17/11, "Ukraine" 39/26/16/11, "Kamala Harris"
     * 24/17/9/6, "North Korea missile" 4/4/4/4 (the next, a year in review, 0.58). 0.75 drops most passing
     * mentions and keeps most on-topic articles; a phrase the article words differently ("Fed" for "Federal
     * Reserve", 0.62-0.77) is missed more often, so a topic is best followed in the words the news uses.
     */
    public static final double THRESHOLD = 0.75;

    /** A topic ready to be compared: its content words with their stems and weights, and its vector. */
    public record Topic(String text, Map<String, Double> stems, float[] vector) {
        public Topic {
            Objects.requireNonNull(text, "text");
            stems = Map.copyOf(stems);
            Objects.requireNonNull(vector, "vector");
        }
    }

    private final EmbeddingModel model;
    private final ToDoubleFunction<String> idf;
    private final double keywordWeight;
    private final double vectorWeight;

    /**
     * @param idf           inverse document frequency of a lower-case word in the archive
     * @param keywordWeight weight of the keyword signal ({@code retrieval.keyword-weight})
     * @param vectorWeight  weight of the vector signal ({@code retrieval.vector-weight})
     */
    public TopicMatcher(EmbeddingModel model, ToDoubleFunction<String> idf, double keywordWeight, double vectorWeight) {
        if (keywordWeight < 0 || vectorWeight < 0 || keywordWeight + vectorWeight == 0) {
            throw new IllegalArgumentException("weights must be >= 0 and not both 0");
        }
        this.model = model;
        this.idf = idf;
        this.keywordWeight = keywordWeight;
        this.vectorWeight = vectorWeight;
    }

    /** Embeds the topic once, for comparing it with many articles. */
    public Topic topic(String text) {
        Map<String, Double> stems = new HashMap<>();
        for (String w : Terms.contentWords(text)) stems.merge(Terms.stem(w), Math.max(idf.applyAsDouble(w), 1e-6), Math::max);
        return new Topic(text, stems, model.embed(text).content().vector());
    }

    /** An article's passages ready to be compared with many topics: each passage's word stems and its vector. */
    public record Passages(List<Set<String>> stems, float[][] vectors) {
        public Passages {
            stems = List.copyOf(stems);
            if (stems.size() != vectors.length) throw new IllegalArgumentException("stems and vectors differ in length");
        }
    }

    /** Reads the article's passages once (the title line counts as part of each), for {@link #score}. */
    public static Passages passages(ArticleChunks article) {
        List<Set<String>> stems = new ArrayList<>();
        for (String text : article.texts()) {
            Set<String> have = new HashSet<>();
            for (String t : Terms.tokens(article.title() + " " + text)) have.add(Terms.stem(t));
            stems.add(have);
        }
        return new Passages(stems, article.vectors());
    }

    public boolean matches(Topic topic, Passages article) {
        return score(topic, article) >= THRESHOLD;
    }

    /** The best passage's fused score, 0..1. */
    public double score(Topic topic, Passages article) {
        double best = 0;
        for (int i = 0; i < article.vectors().length; i++) {
            double coverage = coverage(topic, article.stems().get(i));
            double cosine = Math.max(0, cosine(topic.vector(), article.vectors()[i]));
            best = Math.max(best, (keywordWeight * coverage + vectorWeight * cosine) / (keywordWeight + vectorWeight));
        }
        return best;
    }

    /** The share of the topic's word weight that the passage names (by stem: "talks" meets "talk"). */
    private static double coverage(Topic topic, Set<String> have) {
        if (topic.stems().isEmpty()) return 0;
        double want = 0;
        double got = 0;
        for (Map.Entry<String, Double> e : topic.stems().entrySet()) {
            want += e.getValue();
            if (have.contains(e.getKey())) got += e.getValue();
        }
        return got / want;
    }

    private static double cosine(float[] a, float[] b) {
        if (a.length != b.length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
