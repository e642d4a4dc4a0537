package dev.herald.cli;

import dev.herald.text.Terms;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.herald.text.VisibleText;
import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.chat.Reply;
import dev.herald.ingest.IngestProgress;
import dev.herald.article.ArticleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code herald ask "QUESTION"}: one answer, as text or JSON. */
@Command(name = "ask", description = "Answer one question and exit.")
final class AskCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (quote it, or give several words)")
    List<String> words;

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.class,
            description = "answer as if asked on this date (YYYY-MM-DD); later articles are invisible")
    Instant asOf;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words).trim();
        if (!VisibleText.has(question)) {
            root.err().println("herald ask: the question is empty");
            return HeraldCli.USAGE;
        }
        try (Herald herald = root.openForReading()) {
            // the chat's and the bot's limit (telegram.max-question-chars): one setting, one rule
            int maxChars = herald.config().get(dev.herald.config.Settings.TELEGRAM_MAX_QUESTION_CHARS);
            if (question.length() > maxChars) {
                root.err().println("herald ask: that is too long for a question (" + question.length()
                        + " characters; the limit is " + maxChars + ")");
                return HeraldCli.USAGE;
            }
            if (!herald.database().readOnly()) herald.library().loadSamplesIfEmpty(IngestProgress.NONE);
            Reply reply = herald.questions().ask(question, asOf == null ? Instant.now() : asOf);
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                root.out().println(mapper.writeValueAsString(toJson(question, reply)));
            } else {
                root.out().println(PlainTextFormatter.format(reply.answer()));
            }
            return 0;
        }
    }

    /** @param asked the question as the user wrote it (a corrected spelling is said in "note", not put here) */
    static Map<String, Object> toJson(String asked, Reply reply) {
        Answer a = reply.answer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", asked);
        m.put("answer", a.text());
        m.put("abstained", a.abstained());
        List<Map<String, Object>> citations = new ArrayList<>();
        for (Citation c : a.citations()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("n", c.n());
            putArticle(cm, c.article());
            // one line: a sentence quoted across a paragraph break keeps no raw newline in the JSON string
            cm.put("quote", Terms.squashSpace(String.join(" … ", c.quotes())));
            citations.add(cm);
        }
        m.put("citations", citations);
        if (a.abstained()) {
            List<Map<String, Object>> related = new ArrayList<>();
            for (ArticleRef r : a.related()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                putArticle(rm, r);
                related.add(rm);
            }
            m.put("closest_headlines", related);
        }
        if (a.note() != null) m.put("note", a.note());
        m.put("took_ms", reply.tookMillis());
        return m;
    }

    private static void putArticle(Map<String, Object> m, ArticleRef r) {
        m.put("article_id", r.id());
        m.put("title", r.title());
        m.put("source", r.source());
        m.put("url", r.url());
        m.put("published_at", r.publishedAt() == null ? null : r.publishedAt().toString());
    }
}
