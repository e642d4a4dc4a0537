package dev.herald.telegram;

import dev.herald.answer.AnswerProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows one answer while the model writes it, then the finished answer. In a private chat the growing text is a
 * draft ({@code sendMessageDraft}, Bot API 9.3: a preview Telegram shows as being typed) and the finished answer a
 * real message; in a group it is one message, replying to the question, edited as the text grows
 * ({@code editMessageText}) and edited a last time into the finished answer with its sources and buttons.
 *
 * <p>Only texts given to {@link #checked} are shown: the answerer passes only sentences that passed the citation
 * check. Previews are sent at most once per interval from a timer thread, newest text only (the model is never held
 * up by Telegram); a preview answered 429 waits the {@code retry_after} Telegram asks for before the next one, and a
 * failed preview is skipped. The finished answer is sent with retries, and as a new message when the edit fails,
 * so it is never lost.
 */
final class LiveAnswer implements AnswerProgress {

    private static final Logger log = LoggerFactory.getLogger(LiveAnswer.class);
    private static final AtomicInteger DRAFT_IDS = new AtomicInteger();
    /** Under Telegram's 4,096 characters; a preview is at most answer.max-sentences sentences anyway. */
    private static final int MAX_PREVIEW = 4000;

    private final ReliableSender sender;
    private final Replies replies;
    private final Message question;
    private final boolean draft;
    private final ScheduledExecutorService timer;
    private final long everyNanos;
    private final String token;
    private final int draftId = Math.floorMod(DRAFT_IDS.incrementAndGet(), Integer.MAX_VALUE) + 1; // non-zero

    private final Object lock = new Object();
    private String pending; // newest text not yet shown
    private Integer previewId; // group: the message being edited
    private long nextAt = Long.MIN_VALUE;
    private boolean scheduled;
    private boolean sending;
    private boolean finished;

    /**
     * @param draftsEvery how often a private chat's draft may change
     * @param editsEvery  how often a group's message may be edited (Telegram allows about one a second per chat)
     */
    LiveAnswer(ReliableSender sender, Replies replies, Message question, ScheduledExecutorService timer,
               Duration draftsEvery, Duration editsEvery, String token) {
        this.sender = sender;
        this.replies = replies;
        this.question = question;
        this.draft = Incoming.privateChat(question);
        this.timer = timer;
        this.everyNanos = (draft ? draftsEvery : editsEvery).toNanos();
        this.token = token;
    }

    @Override
    public void checked(String text) {
        synchronized (lock) {
            if (finished || text == null || text.isBlank()) return;
            pending = text.length() > MAX_PREVIEW ? text.substring(0, MAX_PREVIEW) + "…" : text;
            scheduleLocked();
        }
    }

    private void scheduleLocked() {
        if (scheduled || sending || pending == null) return;
        scheduled = true;
        long delay = nextAt == Long.MIN_VALUE ? 0 : Math.max(0, nextAt - System.nanoTime());
        try {
            timer.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            scheduled = false;
        }
    }

    private void flush() {
        String text;
        synchronized (lock) {
            scheduled = false;
            if (finished || pending == null) return;
            text = pending;
            pending = null;
            sending = true;
        }
        long wait = everyNanos;
        try {
            show(text);
        } catch (TelegramApiRequestException e) {
            Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            if (e.getErrorCode() != null && e.getErrorCode() == 429) {
                wait = Math.max(wait, TimeUnit.SECONDS.toNanos(after == null ? 1 : after));
                log.info("chat {}: flood control on the answer preview; next one in {} ms", question.getChatId(),
                        TimeUnit.NANOSECONDS.toMillis(wait));
            } else {
                log.debug("chat {}: answer preview not shown: {}", question.getChatId(), Redact.describe(e, token));
            }
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("chat {}: answer preview not shown: {}", question.getChatId(), Redact.describe(e, token));
        } finally {
            synchronized (lock) {
                sending = false;
                nextAt = System.nanoTime() + wait;
                lock.notifyAll();
                if (!finished) scheduleLocked();
            }
        }
    }

    private void show(String text) throws TelegramApiException {
        long chat = question.getChatId();
        if (draft) {
            sender.callOnce(SendMessageDraft.builder().chatId(chat).draftId(draftId).text(text).build());
        } else if (previewId == null) {
            previewId = sender.callOnce(ReliableSender.message(chat, text, false, null, Replies.replyTo(question)))
                    .getMessageId();
        } else {
            sender.callOnce(EditMessageText.builder().chatId(chat).messageId(previewId).text(text)
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build());
        }
    }

    /**
     * Shows the finished answer (Telegram HTML) with its keyboard, after any preview in flight. No preview is sent
     * after this.
     */
    void finish(String html, InlineKeyboardMarkup keyboard) {
        Integer editable;
        long notBefore;
        synchronized (lock) {
            finished = true;
            pending = null;
            while (sending) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            editable = previewId;
            notBefore = nextAt;
        }
        // the last edit keeps the pace too (after a 429, the retry_after Telegram asked for)
        long wait = editable == null || notBefore == Long.MIN_VALUE ? 0 : notBefore - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (editable == null) {
            replies.answer(question, html, keyboard);
            return;
        }
        List<String> parts = MessageSplitter.splitHtml(html);
        if (parts.size() == 1) {
            try {
                sender.call(EditMessageText.builder().chatId(question.getChatId()).messageId(editable).text(html)
                        .parseMode(ParseMode.HTML).replyMarkup(keyboard)
                        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build());
                return;
            } catch (TelegramApiException | RuntimeException e) {
                log.warn("chat {}: the answer could not replace its preview ({}); sending it as a new message",
                        question.getChatId(), Redact.describe(e, token));
            }
        }
        try {
            sender.callOnce(DeleteMessage.builder().chatId(question.getChatId()).messageId(editable).build());
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("chat {}: preview not deleted: {}", question.getChatId(), Redact.describe(e, token));
        }
        replies.answer(question, html, keyboard);
    }

    /** The answer failed: no preview is sent after this (the apology follows as its own message). */
    void abandon() {
        synchronized (lock) {
            finished = true;
            pending = null;
        }
    }
}
