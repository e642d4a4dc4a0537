package dev.herald.eval;

import dev.herald.article.Article;
import dev.herald.article.ArticleChunks;
import dev.herald.article.Chunk;
import dev.herald.store.ArticleStore;
import dev.herald.store.PreparedArticle;
import dev.herald.store.StoreListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Grows an archive for scale benchmarks: every article of a source store is written again {@code copies} times into a
 * target store, each copy a year older than the last, with one word of each chunk dropped and small noise added to
 * its vector, so the copies compete with the originals as old coverage of the same stories would, without running
 * the embedding model (111k chunks × 8 copies would take days of embedding on two cores).
 */
public final class ArchiveGrower {

    private static final int BATCH = 100;

    private final double noise;
    private final long seed;

    /**
     * @param noise standard deviation of the noise added to each unit vector's length along a random direction: 0.1
     *              leaves a copy's vector about 0.995 cosine from its original
     */
    public ArchiveGrower(double noise, long seed) {
        if (noise < 0) throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        this.noise = noise;
        this.seed = seed;
    }

    /** Writes the copies; reports the source articles done so far. Returns the chunks written. */
    public long grow(ArticleStore from, ArticleStore to, int copies, LongConsumer articlesDone) {
        if (copies < 1) throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        Random random = new Random(seed);
        List<PreparedArticle> batch = new ArrayList<>();
        long[] written = {0, 0};
        from.replayTo(new StoreListener() {
            @Override
            public void articleStored(ArticleChunks original) {
                Article article = from.article(original.articleId()).orElse(null);
                if (article == null) return;
                for (int k = 1; k <= copies; k++) {
                    batch.add(copy(article, original, k, random));
                    written[0] += original.size();
                }
                if (batch.size() >= BATCH) {
                    to.storeAll(batch);
                    batch.clear();
                }
                articlesDone.accept(++written[1]);
            }

            @Override
            public void articleRemoved(String articleId, long[] chunkIds) {
            }
        });
        if (!batch.isEmpty()) to.storeAll(batch);
        return written[0];
    }

    private PreparedArticle copy(Article a, ArticleChunks original, int k, Random random) {
        List<Chunk> chunks = new ArrayList<>(original.size());
        List<float[]> vectors = new ArrayList<>(original.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < original.size(); i++) {
            String altered = dropOneWord(original.texts()[i], random);
            chunks.add(new Chunk(i, altered, altered));
            vectors.add(noisy(original.vectors()[i], random));
            if (i > 0) text.append(' ');
            text.append(altered);
        }
        Article copy = new Article(a.id() + "~" + k, a.title(), a.source(),
                a.url() == null ? null : copyUrl(a.url(), k),
                a.publishedAt() == null ? null : a.publishedAt().minus(Duration.ofDays(365L * k)),
                text.toString(), a.origin() == null ? null : a.origin() + "#copy-" + k);
        return new PreparedArticle(copy, chunks, vectors);
    }

    /**
     * The original's link marked as copy k in its query: the store knows an article by its link without the fragment
     * (Article.normalizeUrl), so a "#copy-k" mark made every copy replace the one before, and the original.
     */
    static String copyUrl(String url, int k) {
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        return base + (base.contains("?") ? "&" : "?") + "herald-copy=" + k;
    }

    private static String dropOneWord(String text, Random random) {
        String[] words = text.split(" ");
        if (words.length < 3) return text;
        int drop = 1 + random.nextInt(words.length - 1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < words.length; i++) {
            if (i == drop) continue;
            if (out.length() > 0) out.append(' ');
            out.append(words[i]);
        }
        return out.toString();
    }

    private float[] noisy(float[] v, Random random) {
        double norm = 0;
        for (float f : v) norm += f * f;
        double scale = Math.sqrt(norm) * noise / Math.sqrt(v.length);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] + scale * random.nextGaussian());
        return out;
    }
}
