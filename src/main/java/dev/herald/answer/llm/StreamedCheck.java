package dev.herald.answer.llm;

import dev.herald.answer.AnswerProgress;
import dev.herald.text.Sentences;

import java.util.List;
import java.util.function.Function;

/**
 * Follows a model's reply as it streams in and passes on what may be shown: each time a sentence is complete (the
 * next one has begun), the complete sentences so far go through the {@link GroundingCheck}, and the text of those
 * that pass (numbered as the finished answer will be) goes to the {@link AnswerProgress}. A sentence still being
 * written, or one the check drops, is never passed on, so a citation that will be dropped is never on screen.
 *
 * <p>Checking the whole prefix again per sentence costs a few milliseconds on 3-8 passages, once a sentence: far
 * less than the model takes to write one.
 */
final class StreamedCheck {

    private final Function<String, GroundingCheck.Outcome> check;
    private final Function<List<GroundingCheck.Kept>, String> render;
    private final AnswerProgress progress;
    private final StringBuilder text = new StringBuilder();
    private int checkedUpTo;
    private String shown = "";

    /**
     * @param check  the grounding check of a reply text (bound to the question's passages)
     * @param render the text of the sentences that passed, as the answer shows them (numbered, capped)
     */
    StreamedCheck(Function<String, GroundingCheck.Outcome> check, Function<List<GroundingCheck.Kept>, String> render,
                  AnswerProgress progress) {
        this.check = check;
        this.render = render;
        this.progress = progress;
    }

    /** The next piece of the reply. Called on the thread reading the stream, one piece at a time. */
    synchronized void append(String piece) {
        if (piece == null || piece.isEmpty()) return;
        text.append(piece);
        List<Sentences.Span> spans = Sentences.split(text.toString());
        if (spans.size() < 2) return;
        int complete = spans.get(spans.size() - 1).start();
        if (complete <= checkedUpTo) return;
        checkedUpTo = complete;
        List<GroundingCheck.Kept> kept = check.apply(text.substring(0, complete)).kept();
        if (kept.isEmpty()) return;
        String next = render.apply(kept);
        if (next.equals(shown)) return;
        shown = next;
        try {
            progress.checked(next);
        } catch (RuntimeException e) {
            // a front end that cannot show a preview still gets the finished answer
        }
    }

    /** Whether any of the reply has arrived (a stream that breaks after this has shown the reader something). */
    synchronized boolean started() {
        return text.length() > 0;
    }

    /** What arrived so far. */
    synchronized String text() {
        return text.toString();
    }
}
