package dev.herald.answer.llm;

import dev.herald.answer.Answer;
import dev.herald.answer.AnswerRequest;
import dev.herald.answer.Answerer;
import dev.herald.answer.Citation;
import dev.herald.retrieval.RetrievedChunk;
import dev.herald.article.ArticleRef;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.herald.answer.AnswerProgress;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a chat model write the answer from the retrieved passages, then checks every sentence's citations against those
 * passages before anything is shown.
 *
 * <p>Never throws and never loses a reply: when retrieval found nothing relevant it abstains without calling the
 * model; when the model is unavailable (a timeout, not retried: a hang costs one {@code llm.timeout}; HTTP 429/5xx
 * or a malformed reply, retried once after a back-off; or marked down by {@link LlmHealth}) or nothing it wrote survives the check, the reader gets the fallback (extractive)
 * answer with a note.
 */
public final class LlmAnswerer implements Answerer {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerer.class);

    public static final String UNAVAILABLE_NOTE = "The language model was unavailable; showing quoted sentences instead.";
    public static final String BROKEN_NOTE =
            "The language model stopped in mid-answer; showing quoted sentences instead.";
    public static final String UNCHECKED_NOTE =
            "The language model's answer could not be matched to the sources; showing quoted sentences instead.";

    /**
     * @param maxSentences most sentences the model is asked for
     * @param maxPassages  most passages put in the prompt (best first)
     * @param retryBackoff wait before the single retry of a failed call
     * @param minSupport   share (0..1) of a sentence's content-word stems that must occur in the passages it cites
     */
    public record Options(int maxSentences, int maxPassages, Duration retryBackoff, double minSupport) {
        public static final Options DEFAULTS = new Options(3, 8, Duration.ofMillis(500), GroundingCheck.DEFAULT_MIN_SUPPORT);

        public Options {
            if (maxSentences < 1) throw new IllegalArgumentException("maxSentences must be >= 1");
            if (maxPassages < 1) throw new IllegalArgumentException("maxPassages must be >= 1");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            if (minSupport < 0 || minSupport > 1) throw new IllegalArgumentException("minSupport must be in 0..1");
        }

        public Options withMaxSentences(int n) {
            return new Options(n, maxPassages, retryBackoff, minSupport);
        }

        public Options withRetryBackoff(Duration d) {
            return new Options(maxSentences, maxPassages, d, minSupport);
        }
    }

    private final ChatModel model;
    private final Answerer fallback;
    private final double minEvidence;
    private final Options options;
    private final LlmStats stats;
    private final LlmHealth health;
    private final GroundingCheck check;
    private final StreamingChatModel streaming; // null: answers are shown when finished
    private final Duration streamIdleTimeout;

    /**
     * @param model       the chat model (built with {@code maxRetries(0)}: this class does the retrying)
     * @param fallback    answers when the model cannot (normally the {@code ExtractiveAnswerer}); it also decides
     *                    whether the evidence is strong enough to answer at all
     * @param minEvidence abstain without calling the model when the fallback's evidence scores below this (0..1)
     * @param health      shared up/down state of the model (the start-up probe writes it too)
     */
    public LlmAnswerer(ChatModel model, Answerer fallback, double minEvidence, Options options, LlmStats stats,
                       LlmHealth health) {
        this(model, null, null, fallback, minEvidence, options, stats, health);
    }

    /**
     * As {@link #LlmAnswerer(ChatModel, Answerer, double, Options, LlmStats, LlmHealth)}, streaming answers that are
     * asked for with an {@link AnswerProgress}.
     *
     * @param streaming   the same model, streaming (built with {@code maxRetries(0)} too), or null
     * @param idleTimeout a stream that sends nothing for this long is given up ({@code llm.timeout})
     */
    public LlmAnswerer(ChatModel model, StreamingChatModel streaming, Duration idleTimeout, Answerer fallback,
                       double minEvidence, Options options, LlmStats stats, LlmHealth health) {
        this.streaming = streaming;
        this.streamIdleTimeout = streaming == null ? null : Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.model = Objects.requireNonNull(model, "model");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if (minEvidence < 0 || minEvidence > 1) throw new IllegalArgumentException("minEvidence must be in 0..1");
        this.minEvidence = minEvidence;
        this.options = Objects.requireNonNull(options, "options");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.health = Objects.requireNonNull(health, "health");
        this.check = new GroundingCheck(options.minSupport());
    }

    public LlmAnswerer(ChatModel model, Answerer fallback, double minEvidence) {
        this(model, fallback, minEvidence, Options.DEFAULTS, new LlmStats(), new LlmHealth("chat model"));
    }

    @Override
    public String describe() {
        var parameters = model.defaultRequestParameters();
        String name = parameters == null || parameters.modelName() == null ? "" : " (" + parameters.modelName() + ")";
        return "llm" + name + ", checked, quoted fallback";
    }

    @Override
    public String statistics() {
        return stats.describe();
    }

    public LlmStats stats() {
        return stats;
    }

    public LlmHealth health() {
        return health;
    }

    @Override
    public Answer answer(AnswerRequest request) {
        return answer(request, AnswerProgress.NONE);
    }

    /**
     * With a streaming model and a progress other than {@link AnswerProgress#NONE}, the reply is streamed and each
     * completed sentence that passes the check is passed on as it arrives; the returned answer is checked exactly as
     * an unstreamed one. A stream that breaks after it has begun ends with the quoted answer and
     * {@link #BROKEN_NOTE} (it is not retried: the reader has seen part of it).
     */
    @Override
    public Answer answer(AnswerRequest request, AnswerProgress progress) {
        stats.onQuestion();
        // 1. Nothing relevant found: abstain without calling the model (it would only see the bare question)
        List<RetrievedChunk> chunks = request.search().chunks();
        Answer quoted = fallback.answer(request);
        if (chunks.isEmpty() || quoted.abstained() || quoted.evidence() < minEvidence) {
            stats.onAbstainedWithoutCall();
            LOG.info("llm answer: abstained without a model call ({} passages, evidence {})", chunks.size(),
                    String.format("%.2f", quoted.evidence()));
            return quoted.abstained() ? quoted : Answer.abstain(request.question(), Answer.closestHeadlines(chunks), quoted.evidence());
        }
        if (!health.shouldTry()) {
            stats.onSkippedWhileDown();
            return fellBack(quoted, UNAVAILABLE_NOTE);
        }
        try {
            // 2. Prompt: rules as the system message; date, conversation, numbered passages, question as the user's
            List<RetrievedChunk> passages = chunks.subList(0, Math.min(options.maxPassages(), chunks.size()));
            List<String> headers = new ArrayList<>();
            for (int i = 0; i < passages.size(); i++) headers.add(LlmPrompt.header(i + 1, passages.get(i).article()));
            ChatRequest chat = ChatRequest.builder().messages(
                    SystemMessage.from(LlmPrompt.system(options.maxSentences())),
                    UserMessage.from(LlmPrompt.user(request.question(), request.earlierQuestions(), request.asOf(),
                            passages))).build();

            // 3. Call the model, retrying once after a back-off
            Optional<String> reply;
            if (streaming != null && progress != AnswerProgress.NONE) {
                StreamedCheck live = new StreamedCheck(text -> check.check(text, passages, headers),
                        kept -> assemble(request.question(), capped(kept), passages, quoted.evidence()).text(), progress);
                reply = stream(chat, live);
                if (reply.isEmpty() && live.started()) return fellBack(quoted, BROKEN_NOTE);
            } else {
                reply = generate(chat);
            }
            if (reply.isEmpty()) return fellBack(quoted, UNAVAILABLE_NOTE);

            // 4. Check every sentence's citations against the passages it cites
            GroundingCheck.Outcome outcome = check.check(reply.get(), passages, headers);
            stats.onKept(outcome.kept().size());
            stats.onDropped(outcome.dropped());
            stats.onRepaired(outcome.markersRepaired());
            LOG.info("llm answer check: {}", outcome.describe());
            if (outcome.kept().isEmpty()) {
                if (outcome.declined()) {
                    stats.onAbstainedByModel();
                    return Answer.abstain(request.question(), Answer.closestHeadlines(chunks), quoted.evidence());
                }
                return fellBack(quoted, UNCHECKED_NOTE);
            }

            // 5. Renumber by article in order of first use, quoting the passage sentences that support each claim;
            // at most answer.max-sentences of them (the prompt asks for that many, models write more anyway)
            stats.onGenerated();
            List<GroundingCheck.Kept> kept = outcome.kept();
            if (kept.size() > options.maxSentences()) {
                LOG.info("llm answer: {} checked sentences, showing the first {}", kept.size(), options.maxSentences());
            }
            return assemble(request.question(), capped(kept), passages, quoted.evidence());
        } catch (RuntimeException e) {
            LOG.warn("llm answer failed unexpectedly ({}); showing quoted sentences", LlmErrors.describe(e));
            return fellBack(quoted, UNAVAILABLE_NOTE);
        }
    }

    private Optional<String> generate(ChatRequest chat) {
        for (int attempt = 1; ; attempt++) {
            try {
                stats.onCall();
                ChatResponse response = model.chat(chat);
                String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
                if (text == null || text.isBlank()) throw new IllegalStateException("the model returned no text");
                health.recordSuccess();
                return Optional.of(text);
            } catch (RuntimeException e) {
                stats.onFailedCall();
                boolean retry = attempt == 1 && LlmErrors.retriable(e) && !LlmErrors.timedOut(e);
                LOG.info("llm call {} failed: {}{}", attempt, LlmErrors.describe(e),
                        retry ? "; retrying in " + options.retryBackoff().toMillis() + " ms" : "");
                if (!retryAfterBackoff(retry, e)) return Optional.empty();
            }
        }
    }

    private List<GroundingCheck.Kept> capped(List<GroundingCheck.Kept> kept) {
        return kept.size() > options.maxSentences() ? kept.subList(0, options.maxSentences()) : kept;
    }

    /**
     * Streams the reply into {@code live}; empty when the model failed (retried once like {@link #generate} while
     * nothing has arrived yet). The stream is given up when it is silent for {@code llm.timeout}.
     */
    private Optional<String> stream(ChatRequest chat, StreamedCheck live) {
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<String> done = new CompletableFuture<>();
            AtomicLong lastHeard = new AtomicLong(System.nanoTime());
            try {
                stats.onCall();
                streaming.chat(chat, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String piece) {
                        lastHeard.set(System.nanoTime());
                        live.append(piece);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
                        done.complete(text == null ? live.text() : text);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
                String text = awaitStream(done, lastHeard);
                if (text == null || text.isBlank()) throw new IllegalStateException("the model returned no text");
                health.recordSuccess();
                return Optional.of(text);
            } catch (RuntimeException e) {
                stats.onFailedCall();
                boolean retry = attempt == 1 && !live.started() && LlmErrors.retriable(e) && !LlmErrors.timedOut(e);
                LOG.info("llm stream {} failed{}: {}{}", attempt, live.started() ? " in mid-answer" : "",
                        LlmErrors.describe(e), retry ? "; retrying in " + options.retryBackoff().toMillis() + " ms" : "");
                if (!retryAfterBackoff(retry, e)) return Optional.empty();
            }
        }
    }

    /** After a failed call: waits the back-off and returns true to retry, or records the failure and returns false. */
    private boolean retryAfterBackoff(boolean retry, RuntimeException failure) {
        if (!retry) {
            health.recordFailure(failure);
            return false;
        }
        stats.onRetry();
        try {
            Thread.sleep(options.retryBackoff().toMillis());
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The finished reply; throws what the stream failed with, or a timeout after {@code llm.timeout} of silence. */
    private String awaitStream(CompletableFuture<String> done, AtomicLong lastHeard) {
        long idle = streamIdleTimeout.toNanos();
        while (true) {
            long left = lastHeard.get() + idle - System.nanoTime();
            if (left <= 0) {
                throw new dev.langchain4j.exception.TimeoutException("no streamed output for " + streamIdleTimeout.toMillis() + " ms");
            }
            try {
                return done.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException quiet) {
                // heard from since? then wait on
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.toString(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the model was writing", e);
            }
        }
    }

    private Answer fellBack(Answer quoted, String note) {
        stats.onFallback();
        return quoted.withNote(note);
    }

    private static Answer assemble(String question, List<GroundingCheck.Kept> kept, List<RetrievedChunk> passages,
                                   double evidence) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<String, ArticleRef> articles = new LinkedHashMap<>();
        Map<String, Set<String>> quotes = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (GroundingCheck.Kept k : kept) {
            Set<Integer> cites = new LinkedHashSet<>();
            for (int p : k.passages()) {
                ArticleRef a = passages.get(p - 1).article();
                cites.add(numbers.computeIfAbsent(a.id(), id -> numbers.size() + 1));
                articles.putIfAbsent(a.id(), a);
                quotes.computeIfAbsent(a.id(), id -> new LinkedHashSet<>()).addAll(k.quotes().get(p));
            }
            if (text.length() > 0) text.append(' ');
            text.append(k.body()).append(' ');
            for (int n : cites) text.append('[').append(n).append(']');
            text.append(k.end());
        }
        List<Citation> citations = new ArrayList<>();
        numbers.forEach((id, n) -> citations.add(new Citation(n, articles.get(id), List.copyOf(quotes.get(id)))));
        return Answer.answered(question, text.toString(), citations, evidence);
    }
}
