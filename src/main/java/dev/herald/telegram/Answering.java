package dev.herald.telegram;

import dev.herald.answer.Answer;
import dev.herald.answer.AnswerProgress;
import dev.herald.answer.PlainTextFormatter;
import dev.herald.chat.Reply;
import dev.herald.store.FeedbackStore;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import dev.herald.store.StoreException;
import dev.herald.text.VisibleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The question step of the update path: checks a question (words, length, the asker's rate), then answers it on
 * the answering pool with the typing action, the cited answer and the feedback buttons; in llm mode the answer is
 * shown while the model writes it ({@link LiveAnswer}).
 */
final class Answering {

    private static final Logger log = LoggerFactory.getLogger(Answering.class);

    static final String ASK_IN_WORDS = "Please ask a question in words, for example: Who controls Goma?";
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ReliableSender sender;
    private final Replies replies;
    private final UpdateHandler.Asker asker;
    private final FeedbackStore feedback;
    private final int maxQuestionChars;
    private final RateLimiter limiter;
    private final BotStats stats;
    private final Clock clock;
    private final Executor pool;
    private final String token;
    private final Function<Message, LiveAnswer> live;

    Answering(ReliableSender sender, Replies replies, UpdateHandler.Asker asker, FeedbackStore feedback,
              BotOptions options, BotStats stats, Clock clock, Executor pool, String token) {
        this(sender, replies, asker, feedback, options, new RateLimiter(options.ratePerMinute(), clock), stats, clock,
                pool, token);
    }

    /** @param limiter the questions-per-user limit, shared with inline mode so it cannot be used to get around it */
    Answering(ReliableSender sender, Replies replies, UpdateHandler.Asker asker, FeedbackStore feedback,
              BotOptions options, RateLimiter limiter, BotStats stats, Clock clock, Executor pool, String token) {
        this(sender, replies, asker, feedback, options, limiter, stats, clock, pool, null, token);
    }

    /**
     * @param live shows an answer while it is written (llm mode), for the question it is given; null to send
     *             answers only when finished
     */
    Answering(ReliableSender sender, Replies replies, UpdateHandler.Asker asker, FeedbackStore feedback,
              BotOptions options, RateLimiter limiter, BotStats stats, Clock clock, Executor pool,
              Function<Message, LiveAnswer> live, String token) {
        this.live = live;
        this.sender = sender;
        this.replies = replies;
        this.asker = asker;
        this.feedback = feedback;
        this.maxQuestionChars = options.maxQuestionChars();
        this.limiter = limiter;
        this.stats = stats;
        this.clock = clock;
        this.pool = pool;
        this.token = token;
    }

    /** Checks the question here; answers it on the answering pool (the returned future). */
    CompletableFuture<Void> answer(Message m, String question) {
        if (question.isBlank()) return DONE;
        if (!VisibleText.has(question)) { // only zero-width or no-break spaces: nothing to search for
            replies.reply(m, ASK_IN_WORDS);
            return DONE;
        }
        if (question.length() > maxQuestionChars) {
            replies.reply(m, "That question is too long (" + question.length() + " characters). Please keep questions under "
                    + maxQuestionChars + " characters.");
            return DONE;
        }
        Long user = Incoming.userId(m);
        long wait = limiter.tryAcquire(user == null ? m.getChatId() : user);
        if (wait > 0) {
            replies.reply(m, "You're asking questions faster than I can keep up. Please try again in " + wait
                    + (wait == 1 ? " second." : " seconds."));
            return DONE;
        }
        return CompletableFuture.runAsync(() -> answerNow(m, question), pool);
    }

    private void answerNow(Message m, String question) {
        typing(m.getChatId());
        Instant now = clock.instant();
        LiveAnswer preview = live == null ? null : live.apply(m);
        Reply r;
        try {
            r = asker.ask(Incoming.conversation(m), question, now, preview == null ? AnswerProgress.NONE : preview);
        } catch (RuntimeException e) {
            if (preview != null) preview.abandon();
            throw e;
        }
        Answer a = r.answer();
        String sources = a.citations().stream()
                .map(c -> "[" + c.n() + "] " + PlainTextFormatter.describe(c.article()))
                .collect(Collectors.joining("\n"));
        InlineKeyboardMarkup rating;
        try {
            rating = FeedbackButtons.keyboard(feedback.remember(
                    new FeedbackStore.Answered(m.getChatId(), question, a.text(), sources), now));
        } catch (StoreException e) {
            // the answer matters more than its rating buttons
            log.warn("chat {}: answer sent without rating buttons, the store did not take it: {}", m.getChatId(), e.getMessage());
            rating = null;
        }
        if (preview != null) preview.finish(TelegramHtml.answer(a), rating);
        else replies.answer(m, TelegramHtml.answer(a), rating);
        stats.record(r.tookMillis(), a.abstained(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        log.info("chat {}: answered in {} ms ({}{} citations)", m.getChatId(), r.tookMillis(),
                a.abstained() ? "abstained, " : "", a.citations().size());
    }

    /** Once, without retries: a typing action retried after a back-off would show while the answer is arriving. */
    private void typing(long chatId) {
        try {
            sender.callOnce(new SendChatAction(String.valueOf(chatId), ActionType.TYPING.toString()));
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("chat {}: typing action failed: {}", chatId, Redact.describe(e, token));
        }
    }
}
