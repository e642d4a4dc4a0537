package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.Article;
import dev.herald.article.ArticleRef;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * "tell me more" and "go on" after an answer: the next sentences of the story the reader has not been shown yet, in
 * the order its article tells them, then the thread's next article. Searched as a question, "tell me more" had
 * quoted whichever sentence had "told" in it (the same Goma sentence after the kettle recall), and "go on" a Haiti
 * call whose deployment "has gone" well.
 *
 * <p>Each step is what one answer holds: at most {@code sentences} sentences, and a second only while the two stay
 * under {@link #WORDS} words (the 45-word mean: the sample articles' sentences are 24 words on average).
 */
public final class StoryContinuation {

    /** Said when the thread's articles have no sentence left that the reader has not seen. */
    public static final String TOLD_ALL = "That is all my sources say about this story: ask me about another, "
            + "or /latest for the newest stories.";

    static final int WORDS = 60;

    private final Function<String, Optional<Article>> articles;
    private final int sentences;

    /**
     * @param articles  looks a stored article up by id
     * @param sentences most sentences one step shows (at least 1)
     */
    public StoryContinuation(Function<String, Optional<Article>> articles, int sentences) {
        if (sentences < 1) throw new IllegalArgumentException("a step shows at least one sentence, got " + sentences);
        this.articles = java.util.Objects.requireNonNull(articles, "articles");
        this.sentences = sentences;
    }

    /** The thread's next unseen sentences, cited; {@link #TOLD_ALL} (an abstention) when there are none. */
    public Answer next(String question, Conversations.Turn thread) {
        List<String> seen = new ArrayList<>();
        for (String s : thread.shown()) seen.add(squash(s));
        for (String id : thread.citedArticles()) {
            Optional<Article> found = articles.apply(id);
            if (found.isEmpty()) continue; // removed since: its sentences can no longer be cited
            Article a = found.get();
            ArticleRef ref = a.ref();
            List<String> quotes = new ArrayList<>();
            int words = 0;
            for (String s : Briefings.leadSentences(a, Integer.MAX_VALUE)) {
                if (isSeen(squash(s), seen)) continue;
                int w = Terms.wordCount(s);
                if (!quotes.isEmpty() && words + w > WORDS) break;
                quotes.add(s);
                words += w;
                if (quotes.size() == sentences) break;
            }
            if (quotes.isEmpty()) continue;
            StringBuilder text = new StringBuilder();
            for (String q : quotes) text.append(text.isEmpty() ? "" : " ").append(q).append(" [1]");
            return Answer.answered(question, text.toString(), List.of(new Citation(1, ref, quotes)), 1.0);
        }
        // No headlines beside it: the formatters list an abstention's under "Closest headlines:", which for the
        // story's own articles, every one already cited in the thread, told the reader something untrue
        return new Answer(question, TOLD_ALL, List.of(), true, List.of(), 0, null);
    }

    /**
     * Whether the reader has seen the sentence: quoted as it is, or within a longer or shorter quote (the answerer
     * and this splitter may cut a sentence at a different "Sen." or quotation mark).
     */
    private static boolean isSeen(String sentence, List<String> seen) {
        for (String s : seen) {
            if (s.equals(sentence) || s.length() >= 20 && sentence.contains(s) || sentence.length() >= 20 && s.contains(sentence)) {
                return true;
            }
        }
        return false;
    }

    private static String squash(String s) {
        return Terms.squashSpace(s).toLowerCase(Locale.ROOT);
    }
}
