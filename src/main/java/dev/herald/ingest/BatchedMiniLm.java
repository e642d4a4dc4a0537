package dev.herald.ingest;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 (quantised) run on padded batches of length-sorted texts in one ONNX session: mean pooling over
 * the real tokens, L2-normalised, as LangChain4j's {@code OnnxBertBiEncoder} does one text at a time.
 *
 * <p>Written by hand because LangChain4j's in-process models make one ONNX call per text (1.19.0-beta29), spread
 * over a thread pool; on 2 cores that is two sessions each wanting both cores. Measured by the issue on 1,500 real
 * 90-word chunks, quiet machine: {@code embedAll} 88.5 chunks/s, one session with 2 intra-op threads and batches of 8
 * length-sorted texts 129.6 chunks/s (1.46x); batches of 32-64 lose it again to padding, whose tokens are computed
 * and thrown away. Measured here with {@code herald eval --embed-sample 600} on 2025 benchmark chunks (title line and
 * passage), one process, the other core half busy: LangChain4j 38-40.5 chunks/s; this class with batches of 1 44.4
 * (1.10x, vectors identical: cosine 1.0000), of 4 54.1 (1.42x), of 8 54.8 (1.35x, smallest cosine 0.982). Ingesting
 * the 2022 benchmark with batches of 8 then gave containment 38.7 % and MRR@10 0.797 against 39.1 % and 0.800 with
 * LangChain4j's vectors (one half better, one worse). {@code herald eval} reports both rates and the smallest cosine
 * between them on every run.
 *
 * <p>Vectors differ slightly from the one-by-one path (the model's activations are quantised per call, and a batch
 * shares one range): the eval measures how much. A text longer than the model's 512 positions returns
 * {@code null} here; the caller embeds it the way LangChain4j does (windows of 510 tokens, averaged).
 */
final class BatchedMiniLm implements AutoCloseable {

    /** Positions of the model, [CLS] and [SEP] included. */
    static final int MAX_POSITIONS = 512;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    /** The model's tokenizer (vocabulary included), a resource of the LangChain4j model jar. */
    static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final int batchSize;
    /**
     * Embedding holds the read side, {@link #close} the write side: freeing the native session under a running call
     * made ONNX Runtime print "LogStart must pair with LogEnd" (a bot stopped during its warm-up embed).
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param threads   ONNX intra-op threads (the cores this model may use)
     * @param batchSize texts per ONNX call
     */
    BatchedMiniLm(int threads, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        this.batchSize = batchSize;
        try (InputStream model = resource(MODEL); InputStream vocab = resource(TOKENIZER);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(model.readAllBytes(), options);
            this.tokenizer = HuggingFaceTokenizer.newInstance(vocab, Map.of("padding", "false"));
            this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model from the class path", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
        }
    }

    static InputStream resource(String name) {
        return Objects.requireNonNull(BatchedMiniLm.class.getResourceAsStream(name), name + " missing from the class path");
    }

    /**
     * Embeds every text; entry {@code i} is the unit vector of {@code texts.get(i)}, or {@code null} when that text
     * has more tokens than the model's window (the caller embeds those its own way).
     */
    float[][] embed(List<String> texts) {
        lock.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the embedding model is closed");
            return embedOpen(texts);
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[][] embedOpen(List<String> texts) {
        int n = texts.size();
        long[][] ids = new long[n][];
        long[][] types = new long[n][];
        for (int i = 0; i < n; i++) {
            Encoding e = tokenizer.encode(texts.get(i), true, false);
            if (e.getIds().length >= MAX_POSITIONS) continue; // maybe cut by the tokenizer: let the caller window it
            ids[i] = e.getIds();
            types[i] = e.getTypeIds();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Similar lengths share a batch, so little of each call is padding.
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i] == null ? 0 : ids[i].length));
        float[][] out = new float[n][];
        List<Integer> batch = new ArrayList<>(batchSize);
        for (Integer i : order) {
            if (ids[i] == null) continue;
            batch.add(i);
            if (batch.size() == batchSize) {
                run(batch, ids, types, out);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) run(batch, ids, types, out);
        return out;
    }

    private void run(List<Integer> batch, long[][] ids, long[][] types, float[][] out) {
        int b = batch.size();
        int len = 0;
        for (int i : batch) len = Math.max(len, ids[i].length);
        long[] inputIds = new long[b * len];
        long[] mask = new long[b * len];
        long[] typeIds = new long[b * len];
        for (int row = 0; row < b; row++) {
            long[] t = ids[batch.get(row)];
            System.arraycopy(t, 0, inputIds, row * len, t.length);
            Arrays.fill(mask, row * len, row * len + t.length, 1L);
            System.arraycopy(types[batch.get(row)], 0, typeIds, row * len, t.length);
        }
        long[] shape = {b, len};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(typeIds), shape)) {
            Map<String, OnnxTensor> inputs = wantsTypeIds
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                for (int row = 0; row < b; row++) {
                    out[batch.get(row)] = meanOfRealTokens(hidden[row], ids[batch.get(row)].length);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** Mean of the first {@code tokens} rows (the padding after them is ignored), scaled to unit length. */
    static float[] meanOfRealTokens(float[][] hidden, int tokens) {
        int dim = hidden[0].length;
        float[] v = new float[dim];
        for (int t = 0; t < tokens; t++) for (int d = 0; d < dim; d++) v[d] += hidden[t][d];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] /= tokens;
            norm += (double) v[d] * v[d];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int d = 0; d < dim; d++) v[d] = (float) (v[d] / norm);
        return v;
    }

    @Override
    public void close() {
        lock.writeLock().lock(); // waits for a running call: one batch, about 150 ms
        try {
            if (closed) return;
            closed = true;
            session.close();
            tokenizer.close();
        } catch (OrtException ignored) {
            // closing a session only frees native memory; nothing to report at shutdown
        } finally {
            lock.writeLock().unlock();
        }
    }
}
