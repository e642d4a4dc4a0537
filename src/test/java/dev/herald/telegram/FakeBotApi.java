package dev.herald.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Bot API server for tests, speaking the real JSON protocol on 127.0.0.1: serves scripted updates to getUpdates,
 * records every call, answers sendMessage with a valid Message, and can be told to fail particular calls.
 * Method names are matched case-insensitively (telegrambots sends both {@code getupdates} and {@code setMyCommands}).
 */
public final class FakeBotApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long BOT_ID = 999_000_111L;
    static final String BOT_USERNAME = "HeraldTestBot";

    /** One recorded call. {@code nanos} is System.nanoTime() on arrival. */
    public record Call(String method, JsonNode body, long nanos) {
        long chatId() {
            JsonNode c = body.get("chat_id");
            return c == null ? Long.MIN_VALUE : Long.parseLong(c.asText());
        }

        public String text() {
            return body.path("text").asText("");
        }

        boolean html() {
            return "html".equalsIgnoreCase(body.path("parse_mode").asText(""));
        }
    }

    /** A scripted failure, used once, for the first call matching. */
    private record Rule(String method, Predicate<Call> when, int status, String body, String contentType) {
    }

    private final HttpServer server;
    private final String token;
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger updateIds = new AtomicInteger(1000);
    private final AtomicInteger messageIds = new AtomicInteger(50_000);
    final AtomicInteger unauthorized = new AtomicInteger();
    private final java.util.Map<String, String> memberStatus = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeBotApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-bot-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A sender talking to this server with the real telegrambots client, unpaced, for testing one step. */
    ReliableSender sender() {
        var client = new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(token,
                TelegramBot.telegramUrl(java.net.URI.create(url())));
        return new ReliableSender(client, new ReliableSender.Pacing(java.time.Duration.ZERO, java.time.Duration.ZERO),
                new ReliableSender.Retry(2, java.time.Duration.ofMillis(10)), token);
    }

    /**
     * Herald's settings for a bot on this server: the database file, this server as the Bot API, its token; with
     * the sample articles stored in it beforehand.
     */
    dev.herald.config.HeraldConfig heraldWithSamples(java.nio.file.Path db) {
        dev.herald.config.HeraldConfig config = dev.herald.config.HeraldConfig.defaults()
                .withOverride(dev.herald.config.Settings.STORE_PATH, db.toString(), "test")
                .withOverride(dev.herald.config.Settings.TELEGRAM_API_URL, url(), "test")
                .withSecrets(dev.herald.config.Secrets.fromEnv(java.util.Map.of(dev.herald.config.Secrets.TELEGRAM_BOT_TOKEN, token)));
        try (dev.herald.Herald loader = dev.herald.Herald.open(config)) {
            loader.library().loadSamples(dev.herald.ingest.IngestProgress.NONE);
        }
        return config;
    }

    // ------------------------------------------------------------ scripting

    /** Queues an update (without update_id: one is assigned); returns the id. */
    public int push(ObjectNode update) {
        int id = updateIds.incrementAndGet();
        ObjectNode u = JSON.createObjectNode().put("update_id", id);
        u.setAll(update);
        synchronized (pending) {
            pending.add(u);
            pending.notifyAll();
        }
        return id;
    }

    /** The next call of this method matching the predicate gets this HTTP status and body instead. */
    void failOnce(String method, Predicate<Call> when, int status, String body) {
        rules.add(new Rule(method.toLowerCase(Locale.ROOT), when, status, body, "application/json"));
    }

    /** As {@link #failOnce} with a body that is not JSON, e.g. a proxy's HTML error page. */
    void failOnceWithPage(String method, Predicate<Call> when, int status, String contentType, String body) {
        rules.add(new Rule(method.toLowerCase(Locale.ROOT), when, status, body, contentType));
    }

    void floodOnce(long chatId, int retryAfter) {
        floodOnce("sendMessage", chatId, retryAfter);
    }

    /** The next call of the method for the chat is refused with flood control (429, retry_after seconds). */
    void floodOnce(String method, long chatId, int retryAfter) {
        failOnce(method, c -> c.chatId() == chatId, 429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after " + retryAfter + "\","
                + "\"parameters\":{\"retry_after\":" + retryAfter + "}}");
    }

    void rejectHtmlOnce(long chatId) {
        failOnce("sendMessage", c -> c.chatId() == chatId && c.html(), 400, "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: can't parse entities: Unsupported start tag \\\"x\\\" at byte offset 3\"}");
    }

    /** What getChatMember says about the user in the chat ("creator", "administrator"); "member" unless set. */
    void memberStatus(long chatId, long userId, String status) {
        memberStatus.put(chatId + ":" + userId, status);
    }

    private Predicate<Call> holdTrigger;
    private boolean holding;
    private boolean dropHeld;

    /**
     * From the first call matching {@code trigger} on, every call (that one included) is held unanswered and
     * unrecorded until {@link #dropHeld()}: a process can then be killed with its requests in flight, none of them
     * delivered.
     */
    synchronized void holdFrom(Predicate<Call> trigger) {
        holdTrigger = trigger;
    }

    /** Waits until a call set off the hold. */
    synchronized void awaitHolding(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!holding) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("no call set off the hold");
            wait(left);
        }
    }

    /** The held calls are dropped (their connections closed unanswered); calls are served again. */
    synchronized void dropHeld() {
        dropHeld = true;
        holding = false;
        holdTrigger = null;
        notifyAll();
    }

    /** True when the call was held and then dropped. */
    private synchronized boolean held(Call call) throws InterruptedException {
        if (!holding && holdTrigger != null && holdTrigger.test(call)) {
            holding = true;
            notifyAll();
        }
        if (!holding) return false;
        while (holding) wait();
        return dropHeld;
    }

    // ------------------------------------------------------------ inspecting

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    public List<Call> sent(long chatId) {
        return calls.stream().filter(c -> c.method().equals("sendmessage") && c.chatId() == chatId).toList();
    }

    /** The drafts (sendMessageDraft: an answer shown while it is written) sent to a private chat. */
    List<Call> drafts(long chatId) {
        return calls.stream().filter(c -> c.method().equals("sendmessagedraft") && c.chatId() == chatId).toList();
    }

    /** The editMessageText calls for a chat, answered or refused. */
    List<Call> edits(long chatId) {
        return calls.stream().filter(c -> c.method().equals("editmessagetext") && c.chatId() == chatId).toList();
    }

    /** Waits until at least n messages were sent to the chat; returns them all. */
    public List<Call> awaitSent(long chatId, int n) throws InterruptedException {
        return awaitSent(chatId, n, 15_000);
    }

    public List<Call> awaitSent(long chatId, int n, long timeoutMillis) throws InterruptedException {
        return awaitCalls(c -> c.method().equals("sendmessage") && c.chatId() == chatId, n, timeoutMillis);
    }

    List<Call> awaitCalls(Predicate<Call> which, int n, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            List<Call> got = calls.stream().filter(which).toList();
            if (got.size() >= n) return got;
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("expected " + n + " matching calls, got " + got.size() + ": " + got);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------ update builders (real Bot API fields only)

    static ObjectNode user(long id) {
        return JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", "User" + id)
                .put("username", "user" + id);
    }

    static ObjectNode privateChat(long id) {
        return JSON.createObjectNode().put("id", id).put("type", "private").put("first_name", "User" + id);
    }

    /** The message the bot sent (or edited) as Telegram returns it: in the chat the request names, from the bot. */
    private static ObjectNode botMessage(int messageId, JsonNode request) {
        ObjectNode m = JSON.createObjectNode().put("message_id", messageId).put("date", 1738200000L);
        long chat = Long.parseLong(request.path("chat_id").asText("0"));
        m.set("chat", chat < 0 ? groupChat(chat) : privateChat(chat));
        ObjectNode from = m.putObject("from");
        from.put("id", BOT_ID).put("is_bot", true).put("first_name", "Herald").put("username", BOT_USERNAME);
        m.put("text", request.path("text").asText(""));
        return m;
    }

    static ObjectNode groupChat(long id) {
        return JSON.createObjectNode().put("id", id).put("type", "supergroup").put("title", "Newsroom");
    }

    private final AtomicInteger incomingIds = new AtomicInteger(1);

    ObjectNode message(ObjectNode chat, long userId, String text) {
        ObjectNode m = JSON.createObjectNode().put("message_id", incomingIds.incrementAndGet());
        m.set("from", user(userId));
        m.set("chat", chat);
        m.put("date", 1738200000L);
        if (text != null) {
            m.put("text", text);
            ArrayNode entities = JSON.createArrayNode();
            if (text.startsWith("/")) {
                int len = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
                entities.addObject().put("type", "bot_command").put("offset", 0).put("length", len);
            }
            int at = text.indexOf("@" + BOT_USERNAME);
            if (at >= 0 && !text.startsWith("/")) {
                entities.addObject().put("type", "mention").put("offset", at).put("length", BOT_USERNAME.length() + 1);
            }
            if (!entities.isEmpty()) m.set("entities", entities);
        }
        return m;
    }

    /** A message update: {"message": …}. */
    static ObjectNode update(ObjectNode message) {
        ObjectNode u = JSON.createObjectNode();
        u.set("message", message);
        return u;
    }

    public ObjectNode privateText(long userId, String text) {
        return update(message(privateChat(userId), userId, text));
    }

    ObjectNode groupText(long chatId, long userId, String text) {
        return update(message(groupChat(chatId), userId, text));
    }

    /** A group message replying to one of the bot's messages. */
    ObjectNode groupReplyToBot(long chatId, long userId, String text, int botMessageId) {
        ObjectNode m = message(groupChat(chatId), userId, text);
        ObjectNode replied = JSON.createObjectNode().put("message_id", botMessageId);
        ObjectNode bot = JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Herald")
                .put("username", BOT_USERNAME);
        replied.set("from", bot);
        replied.set("chat", groupChat(chatId));
        replied.put("date", 1738200000L).put("text", "an earlier answer");
        m.set("reply_to_message", replied);
        return update(m);
    }

    ObjectNode privatePhoto(long userId) {
        ObjectNode m = message(privateChat(userId), userId, null);
        ArrayNode photo = m.putArray("photo");
        photo.addObject().put("file_id", "AgAD-small").put("file_unique_id", "u1").put("width", 90).put("height", 90)
                .put("file_size", 1200);
        photo.addObject().put("file_id", "AgAD-big").put("file_unique_id", "u2").put("width", 800).put("height", 800)
                .put("file_size", 52000);
        return update(m);
    }

    ObjectNode privateSticker(long userId) {
        ObjectNode m = message(privateChat(userId), userId, null);
        m.putObject("sticker").put("file_id", "CAAD").put("file_unique_id", "s1").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        return update(m);
    }

    ObjectNode editedPrivateText(long userId, String text) {
        ObjectNode m = message(privateChat(userId), userId, text);
        m.put("edit_date", 1738200100L);
        ObjectNode u = JSON.createObjectNode();
        u.set("edited_message", m);
        return u;
    }

    ObjectNode callback(long userId, String data, int messageId) {
        ObjectNode q = JSON.createObjectNode().put("id", "cb" + incomingIds.incrementAndGet());
        q.set("from", user(userId));
        ObjectNode m = JSON.createObjectNode().put("message_id", messageId);
        m.set("chat", privateChat(userId));
        m.put("date", 1738200000L).put("text", "answer");
        q.set("message", m);
        q.put("chat_instance", "ci-" + userId).put("data", data);
        ObjectNode u = JSON.createObjectNode();
        u.set("callback_query", q);
        return u;
    }

    /** An inline query: {"inline_query": …}, as Telegram sends it while a user types "@bot query". */
    ObjectNode inlineQuery(long userId, String query) {
        ObjectNode q = JSON.createObjectNode().put("id", "iq" + incomingIds.incrementAndGet());
        q.set("from", user(userId));
        q.put("query", query).put("offset", "").put("chat_type", "supergroup");
        ObjectNode u = JSON.createObjectNode();
        u.set("inline_query", q);
        return u;
    }

    /** The answerInlineQuery call for this inline query id, waiting for it. */
    Call awaitInlineAnswer(String inlineQueryId) throws InterruptedException {
        return awaitCalls(c -> c.method().equals("answerinlinequery")
                && c.body().path("inline_query_id").asText().equals(inlineQueryId), 1, 15_000).get(0);
    }

    // ------------------------------------------------------------ serving

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                unauthorized.incrementAndGet();
                reply(ex, 401, "application/json", "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            byte[] raw = ex.getRequestBody().readAllBytes();
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = raw.length == 0 ? JSON.createObjectNode()
                    : type != null && type.startsWith("multipart/form-data") ? formFields(type, raw) : JSON.readTree(raw);
            Call call = new Call(method, body, System.nanoTime());
            if (held(call)) return; // dropped unanswered: its caller was killed meanwhile
            calls.add(call);
            for (Rule r : rules) {
                if (r.method().equals(method) && r.when().test(call) && rules.remove(r)) {
                    reply(ex, r.status(), r.contentType(), r.body());
                    return;
                }
            }
            reply(ex, 200, "application/json", "{\"ok\":true,\"result\":" + result(method, body) + "}");
        } catch (Exception e) {
            // usually a client that gave up (a poll cancelled at shutdown): the test's log file, not the console
            org.slf4j.LoggerFactory.getLogger(FakeBotApi.class).debug("fake Bot API exchange failed", e);
        }
    }

    /** The text fields of a multipart/form-data body (setWebhook is sent that way), as one JSON object. */
    private static ObjectNode formFields(String contentType, byte[] raw) {
        String boundary = "--" + contentType.replaceFirst(".*boundary=\"?([^\";]+)\"?.*", "$1");
        ObjectNode out = JSON.createObjectNode();
        for (String part : new String(raw, StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(boundary))) {
            int gap = part.indexOf("\r\n\r\n");
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(part);
            if (gap < 0 || !name.find()) continue;
            String value = part.substring(gap + 4);
            if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
            out.put(name.group(1), value);
        }
        return out;
    }

    /**
     * getUpdates as Telegram serves it: the updates from {@code offset} on (those before it are confirmed and
     * forgotten), so a poller that dies before confirming a batch leaves it to the next one.
     */
    private String updatesFrom(JsonNode body) throws Exception {
        long offset = body.path("offset").asLong(0);
        ArrayNode out = JSON.createArrayNode();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(80);
        synchronized (pending) {
            pending.removeIf(u -> u.path("update_id").asLong() < offset);
            while (pending.isEmpty() && System.nanoTime() < end) {
                pending.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                pending.removeIf(u -> u.path("update_id").asLong() < offset);
            }
            for (ObjectNode u : pending) {
                if (out.size() == 100) break;
                out.add(u);
            }
        }
        return JSON.writeValueAsString(out);
    }

    private String result(String method, JsonNode body) throws Exception {
        switch (method) {
            case "getupdates" -> {
                return updatesFrom(body);
            }
            case "getme" -> {
                return "{\"id\":" + BOT_ID + ",\"is_bot\":true,\"first_name\":\"Herald\",\"username\":\""
                        + BOT_USERNAME + "\",\"can_join_groups\":true,\"can_read_all_group_messages\":false,"
                        + "\"supports_inline_queries\":false}";
            }
            case "sendmessage" -> {
                return JSON.writeValueAsString(botMessage(messageIds.incrementAndGet(), body));
            }
            case "editmessagetext" -> {
                return JSON.writeValueAsString(botMessage(body.path("message_id").asInt(), body)
                        .put("edit_date", 1738200001L));
            }
            case "getchatmember" -> {
                String chat = body.path("chat_id").asText();
                long user = body.path("user_id").asLong();
                ObjectNode m = JSON.createObjectNode().put("status", memberStatus.getOrDefault(chat + ":" + user, "member"));
                m.set("user", user(user));
                return JSON.writeValueAsString(m);
            }
            default -> {
                return "true";
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
