package dev.herald.telegram;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

/**
 * When the Bot API last answered this process successfully (any HTTP 2xx: a poll, a send, getMe), for
 * {@code /healthz}. An OkHttp interceptor on both the polling and the sending client, so it costs nothing extra while
 * traffic flows; an idle instance (standing by, or a webhook instance nobody writes to) probes with getMe.
 */
final class TelegramContact implements Interceptor {

    /** A poll returns within 50 s when idle; probes come every minute: three minutes without contact is an outage. */
    static final Duration STALE = Duration.ofMinutes(3);
    /** How long the bot may go without contact before it probes. */
    static final Duration PROBE_AFTER = Duration.ofMinutes(1);

    private volatile long lastOkNanos = System.nanoTime();
    private volatile boolean everOk;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response r = chain.proceed(chain.request());
        if (r.isSuccessful()) ok();
        return r;
    }

    void ok() {
        lastOkNanos = System.nanoTime();
        everOk = true;
    }

    Duration since() {
        return Duration.ofNanos(System.nanoTime() - lastOkNanos);
    }

    /** Null when Telegram answered recently, else the reason for /healthz. */
    String problem() {
        Duration since = since();
        if (!everOk) return "Telegram has not answered yet";
        return since.compareTo(STALE) > 0 ? "no successful Bot API call for " + since.toSeconds() + " s" : null;
    }
}
