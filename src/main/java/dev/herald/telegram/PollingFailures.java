package dev.herald.telegram;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * An OkHttp interceptor for the long-polling client: a failed getUpdates (HTTP error, network failure) is logged as
 * one WARN line with its back-off (the stack trace at DEBUG), waited out here, and handed to telegrambots as an empty
 * batch. telegrambots would log every failure at ERROR with the whole stack trace (a Bot API restart fills the
 * screen) and has no hook for it; its own back-off never runs, since it sees no failure. The back-off grows 1.5x
 * from the first one to 60 s, as telegrambots' own did, and starts again after a poll that works.
 *
 * <p>A 401 is the token being rejected (revoked while running): it completes {@link #tokenRejected()} once, with
 * one ERROR line, instead of being retried quietly for ever.
 */
final class PollingFailures implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(PollingFailures.class);

    static final String TOKEN_REJECTED = "Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN";
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final long firstBackoffMillis;
    private final String token;
    private final CompletableFuture<Void> tokenRejected = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean rejected = new java.util.concurrent.atomic.AtomicBoolean();
    private long nextBackoffMillis;
    private volatile boolean stopping;

    PollingFailures(Duration firstBackoff, String token) {
        this.firstBackoffMillis = Math.max(1, firstBackoff.toMillis());
        this.nextBackoffMillis = firstBackoffMillis;
        this.token = token;
    }

    /** The bot is stopping: a poll still in flight then fails quietly (its server may be gone already). */
    void stopping() {
        stopping = true;
    }

    /** Completes when a poll is answered 401. */
    CompletableFuture<Void> tokenRejected() {
        return tokenRejected;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!request.url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) return chain.proceed(request);
        String why;
        try {
            Response response = chain.proceed(request);
            if (response.isSuccessful()) {
                reset();
                return response;
            }
            if (stopping) {
                response.close();
                return nothing(request);
            }
            why = "HTTP " + response.code() + (response.message().isBlank() ? "" : " " + response.message());
            response.close();
            if (response.code() == 401) {
                if (rejected.compareAndSet(false, true)) {
                    log.error(TOKEN_REJECTED); // before the bot learns it: its exit must not overtake the line
                    tokenRejected.complete(null);
                }
                return waitThenNothing(request, null);
            }
        } catch (InterruptedIOException e) {
            return nothing(request); // the poll was cancelled: the bot is stopping
        } catch (IOException e) {
            if (stopping || Thread.currentThread().isInterrupted()) return nothing(request);
            why = Redact.describe(e, token);
            log.debug("getUpdates failed", e);
        }
        return waitThenNothing(request, why);
    }

    /** @param why logged with the back-off; null to wait silently (already reported) */
    private Response waitThenNothing(Request request, String why) {
        long wait = nextBackoff();
        if (why != null) log.warn("polling Telegram failed ({}); retrying in {} ms", why, wait);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the empty batch ends this poll at once
        }
        return nothing(request);
    }

    private synchronized long nextBackoff() {
        long wait = nextBackoffMillis;
        nextBackoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.round(nextBackoffMillis * 1.5));
        return wait;
    }

    private synchronized void reset() {
        nextBackoffMillis = firstBackoffMillis;
    }

    private static Response nothing(Request request) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON)).build();
    }
}
