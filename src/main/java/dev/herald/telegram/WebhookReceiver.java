package dev.herald.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.herald.ops.HeraldMetrics;
import dev.herald.ops.OpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Receives the updates Telegram posts in webhook mode. A request must be a POST carrying the secret set with
 * setWebhook in {@code X-Telegram-Bot-Api-Secret-Token} (else 401, and nothing is handled) and one Update as JSON,
 * read with telegrambots' own Jackson mapping (else 400), of at most {@link #MAX_BODY} bytes (else 413). It is
 * answered 200 once the update is taken in the store, before it is answered: Telegram then sends the next one, and
 * a retry of the same update is recognised. A store failure answers 500, so Telegram retries later.
 */
final class WebhookReceiver implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** A message is at most 4,096 characters (about 16 KB of JSON with entities); 1 MB leaves room for any update. */
    static final int MAX_BODY = 1 << 20;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final UpdateHandler handler;
    private final byte[] secret;
    private final HeraldMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();

    WebhookReceiver(UpdateHandler handler, String secret, HeraldMetrics metrics) {
        this.handler = handler;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int status = receive(ex);
            metrics.webhookRequest(status);
        }
    }

    private int receive(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().set("Allow", "POST");
            return answer(ex, 405, "method not allowed");
        }
        String given = ex.getRequestHeaders().getFirst(SECRET_HEADER);
        // constant-time comparison: the time taken says nothing about how much of a guess was right
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            log.debug("webhook request from {} without the right secret: refused", ex.getRemoteAddress());
            return answer(ex, 401, "unauthorized");
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) return answer(ex, 413, "too large");
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (JsonProcessingException e) {
            log.debug("webhook request with an unreadable update: {}", e.getOriginalMessage());
            return answer(ex, 400, "not an update");
        }
        if (update == null || update.getUpdateId() == null) return answer(ex, 400, "not an update");
        try {
            handler.accept(update);
        } catch (RuntimeException e) {
            metrics.error("webhook");
            log.warn("update {} could not be recorded ({}); Telegram will send it again", update.getUpdateId(), e.getMessage());
            return answer(ex, 500, "try again");
        }
        return answer(ex, 200, "ok");
    }

    private static int answer(HttpExchange ex, int status, String text) throws IOException {
        OpsServer.respond(ex, status, TEXT, text + "\n");
        return status;
    }
}
