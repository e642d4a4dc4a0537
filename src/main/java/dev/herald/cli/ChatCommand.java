package dev.herald.cli;

import dev.herald.text.VisibleText;
import dev.herald.Herald;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.chat.Reply;
import dev.herald.ingest.IngestProgress;
import dev.herald.store.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code herald chat}: a console conversation on the same pipeline as the bot, follow-ups included. */
@Command(name = "chat", description = "Talk to Herald in the terminal (follow-up questions work; /new resets, /quit ends).")
final class ChatCommand implements Callable<Integer> {

    private static final int MAX_QUESTION_CHARS = 1000;

    @ParentCommand
    HeraldCommand root;

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.class,
            description = "answer as if asked on this date (YYYY-MM-DD); default: now")
    Instant asOf;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.out();
        try (Herald herald = root.open()) {
            if (herald.library().loadSamplesIfEmpty(IngestProgress.NONE)) {
                out.println("No articles loaded yet, so Herald is using its built-in sample news.");
            }
            herald.warmUpInBackground(); // while the reader types the first question
            greet(herald, out);
            BufferedReader in = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
            String conversation = "console";
            while (true) {
                out.print("you> ");
                out.flush();
                String line = in.readLine();
                if (line == null) break;
                String q = line.strip();
                if (!VisibleText.has(q)) continue;
                if (q.equals("/quit") || q.equals("/exit")) break;
                if (q.equals("/new")) {
                    herald.questions().conversations().reset(conversation);
                    out.println("(new conversation)");
                    continue;
                }
                if (q.length() > MAX_QUESTION_CHARS) {
                    out.println("That is too long for a question (" + q.length() + " characters; the limit is "
                            + MAX_QUESTION_CHARS + "). Please ask something shorter.");
                    continue;
                }
                Reply reply = herald.questions().ask(conversation, q, asOf == null ? Instant.now() : asOf);
                out.println();
                out.println(PlainTextFormatter.format(reply.answer()));
                out.println();
            }
            out.println();
            return 0;
        }
    }

    private void greet(Herald herald, PrintWriter out) {
        ArticleStore store = herald.store();
        List<ArticleStore.SourceSummary> sources = store.sources();
        out.printf("Herald — %d articles from %d outlet%s. Ask a question about the news (/new resets, /quit ends).%n",
                store.articleCount(), sources.size(), sources.size() == 1 ? "" : "s");
        if (asOf != null) out.println("Answering as of " + asOf.toString().substring(0, 10) + ": later articles are invisible.");
    }
}
