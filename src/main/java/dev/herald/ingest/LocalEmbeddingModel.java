package dev.herald.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process all-MiniLM-L6-v2 (quantised) model, loaded on first use so commands that never embed (stats,
 * sources) start instantly, with its batch work spread over a fixed pool of daemon threads.
 */
public final class LocalEmbeddingModel implements EmbeddingModel, AutoCloseable {

    public static final String NAME = "all-MiniLM-L6-v2 (quantised, ONNX, in-process)";
    public static final int DIMENSION = 384;

    private final int threads;
    private volatile EmbeddingModel delegate;
    private ExecutorService pool;

    /** @param threads threads for batch embedding; 0 means one per core */
    public LocalEmbeddingModel(int threads) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
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

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return model().embedAll(segments);
    }

    @Override
    public Response<Embedding> embed(String text) {
        return model().embed(text);
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
        if (pool != null) pool.shutdownNow();
    }
}
