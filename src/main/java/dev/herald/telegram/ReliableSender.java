package dev.herald.telegram;

import dev.herald.ops.HeraldMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends through a {@link TelegramClient} (which never retries) so that replies are not lost: flood control (429) is
 * waited out for the {@code retry_after} Telegram asks for, server errors (5xx) and network failures are retried
 * with exponential back-off, and messages are paced per chat and overall to stay under Telegram's limits. Long
 * replies are split; HTML Telegram cannot parse is resent as plain text. A reply that still cannot be delivered is
 * logged as an error, never dropped silently.
 */
public final class ReliableSender {

    private static final Logger log = LoggerFactory.getLogger(ReliableSender.class);

    /** Minimum spacing between messages to one chat, and between any two messages. */
    public record Pacing(Duration perChat, Duration overall) {
        /** Telegram's documented limits: about one message a second per chat, 30 a second overall. */
        public static final Pacing DEFAULT = new Pacing(Duration.ofSeconds(1), Duration.ofMillis(34));
    }

    /** How often to try a call and the first back-off (doubled after each failure). */
    public record Retry(int maxAttempts, Duration firstBackoff) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(500));
    }

    private final TelegramClient client;
    private final Pacing pacing;
    private final Retry retry;
    private final String token;
    private final HeraldMetrics metrics;
    private final Map<Long, Long> nextForChat = new HashMap<>();
    private long nextOverall = Long.MIN_VALUE;

    public ReliableSender(TelegramClient client, Pacing pacing, Retry retry, String token) {
        this(client, pacing, retry, token, new HeraldMetrics());
    }

    /** @param metrics where calls, flood waits (429) and retries are counted */
    public ReliableSender(TelegramClient client, Pacing pacing, Retry retry, String token, HeraldMetrics metrics) {
        this.metrics = metrics;
        this.client = client;
        this.pacing = pacing;
        this.retry = retry;
        this.token = token;
    }

    /** The pacing this sender keeps. */
    public Pacing pacing() {
        return pacing;
    }

    /**
     * Executes a method once: no retry, no pacing. For calls whose moment has passed by the time a retry would land
     * (a typing action shown 0.5 s late is shown while the answer is already on its way).
     */
    public <T extends Serializable> T callOnce(BotApiMethod<T> method) throws TelegramApiException {
        return client.execute(method);
    }

    /** Executes a method with retries (no pacing): for chat actions, callback answers, commands set-up. */
    public <T extends Serializable> T call(BotApiMethod<T> method) throws TelegramApiException {
        TelegramApiException last = null;
        long backoff = retry.firstBackoff().toMillis();
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                T result = client.execute(method);
                metrics.telegramCall(method.getMethod(), true);
                return result;
            } catch (TelegramApiRequestException e) {
                last = e;
                Integer code = e.getErrorCode();
                if (attempt < retry.maxAttempts() && (code == null || code == 429 || code >= 500)) metrics.retry();
                if (code != null && code == 429) {
                    metrics.floodWait();
                    Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    long wait = after == null ? Math.max(backoff, 1000) : after * 1000L;
                    log.warn("{}: flood control (attempt {}/{}, {})", method.getMethod(), attempt,
                            retry.maxAttempts(), next(attempt, wait));
                    if (attempt < retry.maxAttempts()) sleep(wait);
                } else if (code == null || code >= 500) {
                    log.warn("{}: {} (attempt {}/{}, {})", method.getMethod(), Redact.describe(e, token),
                            attempt, retry.maxAttempts(), next(attempt, backoff));
                    if (attempt < retry.maxAttempts()) sleep(backoff);
                    backoff *= 2;
                } else {
                    metrics.telegramCall(method.getMethod(), false);
                    throw e; // 4xx other than 429: the request itself is wrong, retrying cannot help
                }
            } catch (TelegramApiException e) {
                // network failure, timeout or unreadable response
                last = e;
                if (attempt < retry.maxAttempts()) metrics.retry();
                log.warn("{}: {} (attempt {}/{}, {})", method.getMethod(), Redact.describe(e, token),
                        attempt, retry.maxAttempts(), next(attempt, backoff));
                if (attempt < retry.maxAttempts()) sleep(backoff);
                backoff *= 2;
            }
        }
        metrics.telegramCall(method.getMethod(), false);
        throw last;
    }

    /** What happens after a failed attempt: the last one gives up, so no "retrying" line precedes an exit. */
    private String next(int attempt, long waitMillis) {
        return attempt < retry.maxAttempts() ? "retrying in " + waitMillis + " ms" : "giving up";
    }

    /** Sets the webhook (a multipart call, so not through {@link #call}); once: a failure stops the start-up. */
    public boolean setWebhook(org.telegram.telegrambots.meta.api.methods.updates.SetWebhook webhook)
            throws TelegramApiException {
        try {
            Boolean ok = client.execute(webhook);
            metrics.telegramCall(webhook.getMethod(), true);
            return Boolean.TRUE.equals(ok);
        } catch (TelegramApiException e) {
            metrics.telegramCall(webhook.getMethod(), false);
            throw e;
        }
    }

    /** Executes a message-sending method for a chat, paced and retried. */
    public <T extends Serializable> T send(long chatId, BotApiMethod<T> method) throws TelegramApiException {
        awaitTurn(chatId);
        return call(method);
    }

    /**
     * Sends a reply in Telegram HTML, split into as many messages as needed; the keyboard goes under the last one,
     * the first replies to {@code replyTo} (when not null). A part Telegram cannot parse is resent as plain text.
     *
     * @return true when every part was delivered (failures are logged)
     */
    public boolean sendHtml(long chatId, String html, InlineKeyboardMarkup keyboard, Integer replyTo) {
        List<String> parts = MessageSplitter.splitHtml(html);
        boolean ok = true;
        for (int i = 0; i < parts.size(); i++) {
            InlineKeyboardMarkup markup = i == parts.size() - 1 ? keyboard : null;
            Integer reply = i == 0 ? replyTo : null;
            String part = parts.get(i);
            try {
                send(chatId, message(chatId, part, true, markup, reply));
            } catch (TelegramApiException e) {
                if (isParseError(e)) {
                    log.warn("chat {}: Telegram rejected the HTML ({}); resending as plain text", chatId,
                            Redact.describe(e, token));
                    ok &= sendPlain(chatId, TelegramHtml.toPlain(part), markup, reply);
                } else {
                    ok = false;
                    log.error("chat {}: reply part {}/{} could not be delivered: {}", chatId, i + 1, parts.size(),
                            Redact.describe(e, token));
                }
            }
        }
        return ok;
    }

    /** Sends plain text (no parse mode), split as needed. */
    public boolean sendPlain(long chatId, String text, InlineKeyboardMarkup keyboard, Integer replyTo) {
        List<String> parts = MessageSplitter.splitPlain(text);
        boolean ok = true;
        for (int i = 0; i < parts.size(); i++) {
            try {
                send(chatId, message(chatId, parts.get(i), false, i == parts.size() - 1 ? keyboard : null,
                        i == 0 ? replyTo : null));
            } catch (TelegramApiException e) {
                ok = false;
                log.error("chat {}: plain-text reply part {}/{} could not be delivered: {}", chatId, i + 1,
                        parts.size(), Redact.describe(e, token));
            }
        }
        return ok;
    }

    static SendMessage message(long chatId, String text, boolean html, InlineKeyboardMarkup keyboard, Integer replyTo) {
        SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId).text(text)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (html) b.parseMode(ParseMode.HTML);
        if (keyboard != null) b.replyMarkup(keyboard);
        if (replyTo != null) b.replyParameters(ReplyParameters.builder().messageId(replyTo)
                .allowSendingWithoutReply(true).build());
        return b.build();
    }

    static boolean isParseError(TelegramApiException e) {
        if (!(e instanceof TelegramApiRequestException r) || r.getErrorCode() == null || r.getErrorCode() != 400) {
            return false;
        }
        String text = (r.getApiResponse() + " " + r.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("can't parse entities") || text.contains("can't find end") || text.contains("unsupported start tag");
    }

    /** Reserves the next slot for a message to this chat and sleeps until it. */
    private void awaitTurn(long chatId) throws TelegramApiException {
        long now = System.nanoTime();
        long slot;
        synchronized (this) {
            slot = Math.max(now, Math.max(nextOverall, nextForChat.getOrDefault(chatId, Long.MIN_VALUE)));
            nextOverall = slot + pacing.overall().toNanos();
            nextForChat.put(chatId, slot + pacing.perChat().toNanos());
            if (nextForChat.size() > 10_000) nextForChat.values().removeIf(t -> t < now);
        }
        long waitMillis = (slot - now) / 1_000_000;
        if (waitMillis > 0) sleep(waitMillis);
    }

    private static void sleep(long millis) throws TelegramApiException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while waiting to send", e);
        }
    }
}
