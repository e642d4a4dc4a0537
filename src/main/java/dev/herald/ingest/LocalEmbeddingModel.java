package dev.herald.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process all-MiniLM-L6-v2 (quantised) model, loaded on first use so commands that never embed (stats,
 * sources) start instantly. Texts run in padded batches in one ONNX session ({@link BatchedMiniLm}: batches of 8
 * measured 1.35x LangChain4j's one-text-per-call {@code embedAll} here); a text longer than the model's window, and
 * {@link #unbatched()} for the eval's comparison, go through LangChain4j's own model on a pool of daemon threads.
 */
public final class LocalEmbeddingModel implements EmbeddingModel, AutoCloseable {

    public static final String NAME = "all-MiniLM-L6-v2 (quantised, ONNX, in-process)";
    public static final int DIMENSION = 384;

    private final int threads;
    private final int batch;
    private volatile EmbeddingModel delegate;
    private volatile BatchedMiniLm batched;
    private boolean closed;
    private ExecutorService pool;

    /**
     * @param threads threads for embedding; 0 means one per core
     * @param batch   texts per ONNX call (see {@link BatchedMiniLm} for what each costs)
     */
    public LocalEmbeddingModel(int threads, int batch) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.batch = batch;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = delegate;
        if (m != null) return m;
        synchronized (this) {
            if (delegate == null) {
                AtomicInteger n = new AtomicInteger();
                ThreadFactory tf = r -> {
                    Thread t = new Thread(r, "embed-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
                pool = Executors.newFixedThreadPool(threads, tf);
                delegate = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
            }
            return delegate;
        }
    }

    private BatchedMiniLm batched() {
        BatchedMiniLm b = batched;
        if (b != null) return b;
        synchronized (this) {
            if (closed) throw new IllegalStateException("the embedding model is closed");
            if (batched == null) batched = new BatchedMiniLm(threads, batch);
            return batched;
        }
    }

    /** LangChain4j's model, one text per ONNX call: the reference the eval compares the batched vectors with. */
    public EmbeddingModel unbatched() {
        return model();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = new ArrayList<>(segments.size());
        for (TextSegment s : segments) texts.add(s.text()); // never blank: TextSegment refuses that
        float[][] vectors = batched().embed(texts);
        List<Embedding> out = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            out.add(vectors[i] != null ? Embedding.from(vectors[i]) : model().embed(texts.get(i)).content());
        }
        return Response.from(out);
    }

    @Override
    public Response<Embedding> embed(String text) {
        // As LangChain4j's model does: an empty text has no meaning to put a vector on.
        if (text.isBlank()) throw new IllegalArgumentException("Cannot embed empty or whitespace-only text");
        return Response.from(embedAll(List.of(TextSegment.from(text))).content().get(0));
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) pool.shutdownNow();
        if (batched != null) batched.close();
    }
}
