package dev.herald.answer.llm;

import dev.herald.text.Terms;
import dev.herald.config.LogRedaction;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;

import java.util.regex.Pattern;

/** Classifies and describes model-call failures for logs, without ever echoing a credential. */
final class LlmErrors {

    // Providers echo (partly masked) keys in 401 messages; anything key-like is cut out before logging.
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i)\\b(?:sk|rk|pk)-[\\w*.\\-]{4,}|\\bbearer\\s+\\S+|\\S*\\*{3,}\\S*|\\b(?=[\\w\\-]*\\d)[\\w\\-]{24,}");

    private LlmErrors() {
    }

    /**
     * Worth one more try: timeouts, HTTP 429 and 5xx, connection errors and malformed replies. Not worth it: a
     * rejected key, an unknown model or a request the server refuses (LangChain4j's {@link NonRetriableException}).
     */
    static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NonRetriableException) return false;
            if (t instanceof HttpException h) {
                int s = h.statusCode();
                return s == 408 || s == 429 || s >= 500;
            }
            if (t.getCause() == t) break;
        }
        return true;
    }

    /**
     * The call timed out (LangChain4j's {@code TimeoutException}, or a socket / HTTP client timeout underneath).
     * Not retried: an endpoint that did not answer within {@code llm.timeout} rarely answers the next call faster,
     * and a retry made a hang cost readers two timeouts plus the back-off instead of one.
     */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The endpoint is not answering (timeout, connection failure, 429/5xx): worth marking the model down. */
    static boolean unavailable(Throwable e) {
        if (timedOut(e)) return true;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) return true;
            if (t instanceof HttpException h) return h.statusCode() == 429 || h.statusCode() >= 500;
        }
        return false;
    }

    /** "TimeoutException: request timed out" with key-like tokens redacted and long messages cut. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) root = root.getCause();
        String msg = root.getMessage() == null ? "" : Terms.squashSpace(root.getMessage());
        // the configured key whatever its shape first, then anything key-like (e.g. a server's masked echo)
        msg = KEY_LIKE.matcher(LogRedaction.scrub(msg)).replaceAll("[redacted]");
        if (msg.length() > 200) msg = msg.substring(0, 200) + "…";
        return e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }
}
