package dev.herald.answer.llm;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the chat model is answering, shared by the start-up probe and {@link LlmAnswerer}.
 *
 * <p>When a call fails (or the start-up probe does), the model is marked down, ONE warning is logged, and for the
 * cool-down period {@link LlmAnswerer} answers with quoted sentences without calling it, so readers do not wait two
 * timeouts per question. After the cool-down the next question tries the model again; a success marks it up (logged
 * once at INFO). Thread-safe.
 */
public final class LlmHealth {

    private static final Logger LOG = LoggerFactory.getLogger(LlmHealth.class);
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(60);

    private final String endpoint;
    private final Duration coolDown;
    private final Clock clock;
    private boolean down;
    private Instant retryAt = Instant.MIN;
    private String lastError;

    /** @param endpoint what to call the model in log lines, e.g. its base URL and model name (never the key) */
    public LlmHealth(String endpoint, Duration coolDown, Clock clock) {
        this.endpoint = endpoint;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    public LlmHealth(String endpoint) {
        this(endpoint, DEFAULT_COOL_DOWN, Clock.systemUTC());
    }

    /**
     * Start-up probe: one tiny chat call. Returns whether the model answered; on failure logs one warning saying
     * Herald keeps serving quoted (extractive) answers. Never throws.
     */
    public boolean check(ChatModel model) {
        try {
            model.chat(ChatRequest.builder().messages(UserMessage.from("Reply with the single word OK.")).build());
            recordSuccess();
            LOG.info("LLM {} is reachable", endpoint);
            return true;
        } catch (RuntimeException e) {
            recordFailure(e);
            return false;
        }
    }

    /** Runs {@link #check} on a daemon thread so start-up does not wait for a slow endpoint. */
    public Thread checkInBackground(ChatModel model) {
        Thread t = new Thread(() -> check(model), "llm-health-probe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether a model call should be attempted now: up, or down but past the cool-down. */
    public synchronized boolean shouldTry() {
        return !down || !clock.instant().isBefore(retryAt);
    }

    public synchronized boolean available() {
        return !down;
    }

    public synchronized void recordSuccess() {
        if (down) LOG.info("LLM {} is answering again; generated answers resume", endpoint);
        down = false;
        lastError = null;
    }

    public synchronized void recordFailure(Throwable e) {
        lastError = LlmErrors.describe(e);
        retryAt = clock.instant().plus(coolDown);
        if (!down) {
            LOG.warn("LLM {} is not answering ({}); serving quoted-sentence answers and retrying in {} s",
                    endpoint, lastError, coolDown.toSeconds());
        }
        down = true;
    }

    public synchronized String describe() {
        return "llm endpoint " + endpoint + ": " + (down ? "down (" + lastError + ")" : "up");
    }
}
