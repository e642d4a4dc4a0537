package dev.herald.answer.llm;

import java.util.concurrent.atomic.AtomicLong;

/** Counts what the LLM answerer did, for {@code /stats}. Thread-safe. */
public final class LlmStats {

    private final AtomicLong questions = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong sentencesKept = new AtomicLong();
    private final AtomicLong sentencesDropped = new AtomicLong();
    private final AtomicLong markersRepaired = new AtomicLong();
    private final AtomicLong abstentionsWithoutCall = new AtomicLong();
    private final AtomicLong abstentionsByModel = new AtomicLong();
    private final AtomicLong skippedWhileDown = new AtomicLong();

    void onQuestion() { questions.incrementAndGet(); }

    void onCall() { calls.incrementAndGet(); }

    void onRetry() { retries.incrementAndGet(); }

    void onFailedCall() { failedCalls.incrementAndGet(); }

    void onGenerated() { generated.incrementAndGet(); }

    void onFallback() { fallbacks.incrementAndGet(); }

    void onKept(int n) { sentencesKept.addAndGet(n); }

    void onDropped(int n) { sentencesDropped.addAndGet(n); }

    void onRepaired(int n) { markersRepaired.addAndGet(n); }

    void onAbstainedWithoutCall() { abstentionsWithoutCall.incrementAndGet(); }

    void onAbstainedByModel() { abstentionsByModel.incrementAndGet(); }

    void onSkippedWhileDown() { skippedWhileDown.incrementAndGet(); }

    public long questions() { return questions.get(); }

    /** Model calls made, retries included. */
    public long calls() { return calls.get(); }

    public long retries() { return retries.get(); }

    public long failedCalls() { return failedCalls.get(); }

    /** Answers written by the model and shown (after the citation check). */
    public long generated() { return generated.get(); }

    /** Extractive answers shown instead (model unavailable, or nothing it wrote survived the check). */
    public long fallbacks() { return fallbacks.get(); }

    public long sentencesKept() { return sentencesKept.get(); }

    public long sentencesDropped() { return sentencesDropped.get(); }

    public long markersRepaired() { return markersRepaired.get(); }

    public long abstentionsWithoutCall() { return abstentionsWithoutCall.get(); }

    public long abstentionsByModel() { return abstentionsByModel.get(); }

    public long skippedWhileDown() { return skippedWhileDown.get(); }

    /** One line per group, for {@code /stats}. */
    public String describe() {
        return "llm: " + questions() + " questions, " + calls() + " model calls (" + retries() + " retries, "
                + failedCalls() + " failed), " + skippedWhileDown() + " skipped while the model was down\n"
                + "llm answers: " + generated() + " generated, " + fallbacks() + " fell back to quotes, "
                + abstentionsWithoutCall() + " abstained without a call, " + abstentionsByModel()
                + " abstained by the model\n"
                + "llm citation check: " + sentencesKept() + " sentences kept, " + sentencesDropped() + " dropped, "
                + markersRepaired() + " markers repaired";
    }

    @Override
    public String toString() {
        return describe();
    }
}
