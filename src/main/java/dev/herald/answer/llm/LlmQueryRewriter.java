package dev.herald.answer.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.CompressingQueryTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Turns a follow-up ("and how many were injured?") into a standalone question with the chat model, using LangChain4j's
 * {@link CompressingQueryTransformer} over a chat memory built from the earlier questions. Falls back to the question
 * as asked on any failure, an empty reply or an implausibly long one. Never throws.
 */
public final class LlmQueryRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmQueryRewriter.class);
    private static final int MAX_CHARS = 500;

    private final CompressingQueryTransformer transformer;
    private final LlmHealth health;

    /**
     * @param health shared with the {@link LlmAnswerer} of the same model: a rewrite that times out marks the model
     *               down, so the answer that follows does not wait a second timeout, and no rewrite is tried while it
     *               is down
     */
    public LlmQueryRewriter(ChatModel model, LlmHealth health) {
        this.transformer = new CompressingQueryTransformer(Objects.requireNonNull(model, "model"));
        this.health = Objects.requireNonNull(health, "health");
    }

    public LlmQueryRewriter(ChatModel model) {
        this(model, new LlmHealth("chat model"));
    }

    /**
     * @param question         the question as asked
     * @param earlierQuestions earlier questions of the conversation, oldest first; none means no model call
     * @return a question that can be searched on its own, or {@code question} unchanged
     */
    public String standalone(String question, List<String> earlierQuestions) {
        if (question == null || question.isBlank() || earlierQuestions == null || earlierQuestions.isEmpty()) {
            return question;
        }
        if (!health.shouldTry()) {
            LOG.info("follow-up rewrite skipped: the model is down; searching the question as asked");
            return question;
        }
        try {
            List<ChatMessage> memory = new ArrayList<>();
            for (String q : earlierQuestions) if (q != null && !q.isBlank()) memory.add(UserMessage.from(q));
            if (memory.isEmpty()) return question;
            UserMessage current = UserMessage.from(question);
            Collection<Query> out = transformer.transform(Query.from(question, Metadata.from(current, "follow-up", memory)));
            health.recordSuccess();
            String text = out.isEmpty() ? null : clean(out.iterator().next().text());
            if (text == null || text.isBlank() || text.length() > Math.max(MAX_CHARS, 4 * question.length())) {
                LOG.info("follow-up rewrite gave no usable question; searching the question as asked");
                return question;
            }
            return text;
        } catch (RuntimeException e) {
            LOG.info("follow-up rewrite failed ({}); searching the question as asked", LlmErrors.describe(e));
            if (LlmErrors.unavailable(e)) health.recordFailure(e);
            return question;
        }
    }

    /** Strips what models add despite being told not to: a "Query:" label, surrounding quotes, extra lines. */
    private static String clean(String s) {
        if (s == null) return null;
        String t = s.strip();
        int nl = t.indexOf('\n');
        if (nl > 0) t = t.substring(0, nl).strip();
        t = t.replaceFirst("(?i)^(reformulated |standalone )?(query|question)\\s*:\\s*", "");
        if (t.length() >= 2 && "\"'“”".indexOf(t.charAt(0)) >= 0 && "\"'“”".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }
}
