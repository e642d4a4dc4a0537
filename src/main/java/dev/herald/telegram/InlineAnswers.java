package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.chat.Conversations;
import dev.herald.text.Sentences;
import dev.herald.text.VisibleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Inline mode: {@code @bot question} typed in any chat. The answer comes back as one article result whose message is
 * the formatted answer with its sources (or, when Herald abstains, one "not found" result); an empty query gets a
 * hint, a user over the question rate limit a result saying so.
 *
 * <p>Telegram drops an inline query not answered within about 10 s ("query is too old"), so the answer gets
 * {@link #BUDGET} on the answering pool; a slower one (a hanging LLM endpoint) is answered with "still working"
 * rather than never. Each query is asked in a conversation of its own that is forgotten afterwards: the queries one
 * user fires while typing are not follow-ups of each other.
 */
final class InlineAnswers {

    private static final Logger log = LoggerFactory.getLogger(InlineAnswers.class);

    /** Time an answer may take: Telegram's ~10 s limit less the time a reply takes to get there. */
    static final Duration BUDGET = Duration.ofSeconds(6);
    /**
     * Seconds Telegram may serve a result again to the same user for the same query: short, because the library
     * changes with every refresh, and the rate-limit and "still working" results are never cached.
     */
    static final int CACHE_SECONDS = 30;
    /** Longest result title shown in the list (one line on a phone is about 40-60 characters). */
    static final int MAX_TITLE = 120;
    static final int MAX_DESCRIPTION = 200;

    static final String HINT_TITLE = "Ask Herald about the news";
    static final String HINT = "Type a question after my name, for example: Who controls Goma?";
    static final String NOT_FOUND_TITLE = "Not found in my sources";
    static final String SLOW_TITLE = "Still working on that answer";
    static final String SLOW = "That answer is taking too long for inline mode. Ask me in a private chat instead.";
    static final String RATE_TITLE = "Too many questions";

    private final ReliableSender sender;
    private final UpdateHandler.Asker asker;
    private final Conversations conversations;
    private final RateLimiter limiter;
    private final ChatGate gate;
    private final int maxQuestionChars;
    private final Clock clock;
    private final Executor pool;
    private final Duration budget;
    private final String token;

    InlineAnswers(ReliableSender sender, UpdateHandler.Asker asker, Conversations conversations, RateLimiter limiter,
                  ChatGate gate, int maxQuestionChars, Clock clock, Executor pool, Duration budget, String token) {
        this.sender = sender;
        this.asker = asker;
        this.conversations = conversations;
        this.limiter = limiter;
        this.gate = gate;
        this.maxQuestionChars = maxQuestionChars;
        this.clock = clock;
        this.pool = pool;
        this.budget = budget;
        this.token = token;
    }

    /** Answers the query; the future completes once Telegram has been answered. Never completes exceptionally. */
    CompletableFuture<Void> answer(InlineQuery q) {
        String question = q.getQuery() == null ? "" : q.getQuery().strip();
        if (!gate.admits(q)) return done(send(q, note("private", "This bot is private", ChatGate.PRIVATE), 0));
        if (!VisibleText.has(question)) return done(send(q, note("hint", HINT_TITLE, HINT), CACHE_SECONDS));
        if (question.length() > maxQuestionChars) {
            return done(send(q, note("long", "That question is too long", "Please keep questions under "
                    + maxQuestionChars + " characters."), 0));
        }
        long wait = limiter.tryAcquire(q.getFrom().getId());
        if (wait > 0) {
            return done(send(q, note("rate", RATE_TITLE, "You're asking questions faster than I can keep up. Please try again in "
                    + wait + (wait == 1 ? " second." : " seconds.")), 0));
        }
        CompletableFuture<Answer> answering;
        try {
            answering = CompletableFuture.supplyAsync(() -> ask(q, question), pool);
        } catch (RejectedExecutionException shuttingDown) {
            return CompletableFuture.completedFuture(null);
        }
        return answering.orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS).handle((a, e) -> {
            if (e == null) send(q, result(a), CACHE_SECONDS);
            else if (e instanceof java.util.concurrent.TimeoutException) {
                log.info("inline query {}: no answer within {} ms", q.getId(), budget.toMillis());
                send(q, note("slow", SLOW_TITLE, SLOW), 0);
            } else {
                log.error("inline query {} failed: {}", q.getId(), Redact.describe(e, token));
                send(q, note("error", "Something went wrong", UpdateHandler.APOLOGY), 0);
            }
            return null;
        });
    }

    private Answer ask(InlineQuery q, String question) {
        String conversation = "tg:inline:" + q.getId();
        try {
            return asker.ask(conversation, question, clock.instant()).answer();
        } finally {
            conversations.reset(conversation);
        }
    }

    /** The answer as one result: the first sentence as its title, the formatted answer with sources as its message. */
    static InlineQueryResultArticle result(Answer a) {
        String html = TelegramHtml.answer(a);
        if (html.length() > MessageSplitter.LIMIT) html = MessageSplitter.splitHtml(html).get(0);
        // the list shows plain lines: citation markers mean nothing without the sources under them
        String flat = a.text().replaceAll("\\s*\\[\\d+]", "").replaceAll("\\s+", " ").strip();
        String title = a.abstained() ? NOT_FOUND_TITLE : firstSentence(flat);
        String description = a.abstained() || !flat.startsWith(title) ? flat : flat.substring(title.length()).strip();
        if (description.isEmpty() && !a.citations().isEmpty()) {
            description = a.citations().size() + (a.citations().size() == 1 ? " source" : " sources");
        }
        return article(a.abstained() ? "none" : "answer", TelegramHtml.cut(title, MAX_TITLE),
                TelegramHtml.cut(description, MAX_DESCRIPTION), html);
    }

    private static String firstSentence(String text) {
        List<String> sentences = Sentences.texts(text);
        return sentences.isEmpty() ? text : sentences.get(0).strip();
    }

    /** A result that is a note rather than an answer; choosing it sends the note (plain text, escaped). */
    private static InlineQueryResultArticle note(String id, String title, String text) {
        return article(id, title, text, TelegramHtml.escape(text));
    }

    private static InlineQueryResultArticle article(String id, String title, String description, String html) {
        InlineQueryResultArticle.InlineQueryResultArticleBuilder<?, ?> b = InlineQueryResultArticle.builder().id(id)
                .title(title.isBlank() ? HINT_TITLE : title)
                .inputMessageContent(InputTextMessageContent.builder().messageText(html).parseMode(ParseMode.HTML)
                        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build());
        if (!description.isBlank()) b.description(description);
        return b.build();
    }

    /**
     * Answers the query once, without retries: a retry after a back-off lands after Telegram has given up on it.
     * Personal, since the rate-limit and "still working" results belong to one user.
     */
    private boolean send(InlineQuery q, InlineQueryResultArticle result, int cacheSeconds) {
        try {
            sender.callOnce(AnswerInlineQuery.builder().inlineQueryId(q.getId()).results(List.of(result))
                    .cacheTime(cacheSeconds).isPersonal(true).build());
            return true;
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("inline query {} could not be answered: {}", q.getId(), Redact.describe(e, token));
            return false;
        }
    }

    private static CompletableFuture<Void> done(boolean ignored) {
        return CompletableFuture.completedFuture(null);
    }
}
