package dev.herald.support;

import dev.herald.text.Terms;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for the ONNX model in tests that are not about embedding quality: each word stem adds
 * to one of 384 buckets, so texts sharing words are similar. Fast and with no model to load.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

    public static final int DIM = 384;
    private volatile long delayMillis;

    /** Makes each embedding take this long, to widen the window in which a test can interrupt an ingest. */
    public HashingEmbeddingModel slow(long millis) {
        this.delayMillis = millis;
        return this;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) out.add(vector(s.text()));
        return Response.from(out);
    }

    private Embedding vector(String text) {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        float[] v = new float[DIM];
        for (String t : Terms.contentStems(text)) v[Math.floorMod(t.hashCode(), DIM)] += 1;
        v[DIM - 1] += 0.01f; // never the zero vector
        return Embedding.from(v);
    }

    @Override
    public int dimension() {
        return DIM;
    }
}
