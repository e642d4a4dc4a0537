package dev.herald.answer.llm;

import dev.herald.answer.Translator;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translation for readers who do not write in English (llm mode): the question into English, so it can be searched
 * in the English archive, and the checked answer back into the reader's language.
 *
 * <p>The answer is grounded and checked in English, as every answer is; only then is its text translated, and the
 * translation is used only if it keeps every citation marker in order and every number of the English text. Quotes
 * in the sources list stay verbatim (English). Never throws: on any failure it returns null and the caller keeps
 * English.
 */
public final class LlmTranslator implements Translator {

    private static final Logger LOG = LoggerFactory.getLogger(LlmTranslator.class);
    private static final Pattern MARKER = Pattern.compile("\\[\\d+]");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final ChatModel model;

    public LlmTranslator(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The question in English, or null when the model gave nothing usable. */
    @Override
    public String toEnglish(String question) {
        String out = call("Translate the user's news question into English. Reply with the English question only, "
                + "nothing else. Keep names of people, places and organisations as they are.", question);
        if (out == null || out.isBlank() || out.length() > Math.max(500, 4 * question.length())) return null;
        return firstLine(out);
    }

    /**
     * The answer text in the reader's language, or null when the translation failed or dropped or changed a citation
     * marker or a number.
     *
     * @param language the language's English name ("French"), or null to use the language the question is written in
     */
    @Override
    public String fromEnglish(String answer, String language, String question) {
        String target = language != null ? language : "the language of this question: \"" + question + "\"";
        String out = call("Translate the user's text into " + target + ". Keep every citation marker such as [1] exactly "
                + "where it is, keep every number and name, add nothing. Reply with the translation only.", answer);
        if (out == null || out.isBlank()) return null;
        String t = out.strip();
        if (!all(MARKER, t).equals(all(MARKER, answer)) || !all(NUMBER, t.replaceAll("\\[\\d+]", ""))
                .equals(all(NUMBER, answer.replaceAll("\\[\\d+]", "")))) {
            LOG.info("translated answer dropped or changed a citation or a number; answering in English");
            return null;
        }
        return t;
    }

    private String call(String instruction, String text) {
        try {
            var response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(instruction), UserMessage.from(text)).build());
            return response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        } catch (RuntimeException e) {
            LOG.info("translation failed ({}); answering in English", LlmErrors.describe(e));
            return null;
        }
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl > 0 ? t.substring(0, nl).strip() : t;
        if (t.length() >= 2 && "\"'“”".indexOf(t.charAt(0)) >= 0 && "\"'“”".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }
}
