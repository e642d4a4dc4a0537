package dev.herald.answer.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A scripted OpenAI-compatible server on 127.0.0.1, driven through the real OpenAiChatModel client. */
public final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    // MockWebServer logs through java.util.logging straight to the console ("connection … didn't make a request"
    // when a client gives up on a hung call); a strong reference keeps the level from being garbage-collected.
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
        l.setLevel(java.util.logging.Level.SEVERE);
        return l;
    }

    final MockWebServer server = new MockWebServer();

    private final List<String> hungBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeOpenAi() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    dev.langchain4j.model.chat.ChatModel model(Duration timeout) {
        return LlmModels.openAiCompatible(baseUrl(), null, "test-model", timeout, 200, 0.0);
    }

    dev.langchain4j.model.chat.ChatModel model() {
        return model(Duration.ofSeconds(5));
    }

    FakeOpenAi reply(String content) {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(completion(content)));
        return this;
    }

    FakeOpenAi status(int code) {
        server.enqueue(new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"scripted " + code + "\",\"type\":\"server_error\"}}"));
        return this;
    }

    FakeOpenAi slowReply(String content, Duration delay) {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(completion(content)).setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        return this;
    }

    FakeOpenAi malformed() {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"choices\": [ this is not json"));
        return this;
    }

    /**
     * From now on every call is read and never answered (a hung endpoint): the client waits for its timeout. The
     * bodies of those calls are kept for {@link #hungBodies()}.
     */
    public FakeOpenAi hangEveryCall() {
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                hungBodies.add(request.getBody().readUtf8());
                return new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE);
            }
        });
        return this;
    }

    /**
     * A streamed reply, as OpenAI sends one with {@code "stream": true}: each piece one server-sent event
     * ({@code data: {chunk}}), then {@code data: [DONE]}; the body is sent slowly (about a piece every 20 ms) so the
     * client reads it piece by piece. {@code [[needle]]} in a piece becomes the marker {@code [n]} of the prompt's
     * passage containing the needle, so a test can cite real retrieved passages without knowing their order.
     */
    public FakeOpenAi stream(String... pieces) {
        return streamed(false, pieces);
    }

    /** As {@link #stream}, but the connection drops halfway through the body (a stream broken in mid-answer). */
    public FakeOpenAi streamThenBreak(String... pieces) {
        return streamed(true, pieces);
    }

    private FakeOpenAi streamed(boolean breaks, String... pieces) {
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            private final java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                if (!streaming(body) || used.getAndSet(true)) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                            .setBody(completion("OK"));
                }
                StringBuilder sse = new StringBuilder();
                for (String piece : pieces) sse.append("data: ").append(chunk(cite(piece, body), null)).append("\n\n");
                if (!breaks) sse.append("data: ").append(chunk("", "stop")).append("\n\ndata: [DONE]\n\n");
                MockResponse r = new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/event-stream")
                        .setBody(sse.toString()).throttleBody(160, 20, TimeUnit.MILLISECONDS);
                return breaks ? r.setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY) : r;
            }
        });
        return this;
    }

    private static boolean streaming(String requestBody) {
        try {
            return JSON.readTree(requestBody).path("stream").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static String cite(String piece, String requestBody) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\\[([^\\]]+)]]").matcher(piece);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "[" + passageWith(m.group(1), requestBody) + "]");
        m.appendTail(out);
        return out.toString();
    }

    private static int passageWith(String needle, String requestBody) {
        try {
            String prompt = messagesText(requestBody);
            java.util.regex.Matcher p = java.util.regex.Pattern.compile("(?s)<passage n=\"(\\d+)\">(.*?)</passage>").matcher(prompt);
            while (p.find()) if (p.group(2).contains(needle)) return Integer.parseInt(p.group(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no passage contains " + needle);
    }

    private static String chunk(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion.chunk").put("created", 1738000000L)
                .put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", content);
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return root.toString();
    }

    dev.langchain4j.model.chat.StreamingChatModel streamingModel(Duration timeout) {
        return LlmModels.openAiCompatibleStreaming(baseUrl(), null, "test-model", timeout, 200, 0.0);
    }

    /** Bodies of the calls left hanging so far. */
    public List<String> hungBodies() {
        return List.copyOf(hungBodies);
    }

    public int requests() {
        return server.getRequestCount();
    }

    /** Bodies of the requests received so far, in order. */
    List<String> bodies() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) out.add(r.getBody().readUtf8());
        return out;
    }

    /** The text of every message of a recorded request, joined (JSON escapes undone). */
    static String messagesText(String body) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (var m : JSON.readTree(body).get("messages")) sb.append(m.get("role").asText()).append(": ")
                .append(m.get("content").asText()).append('\n');
        return sb.toString();
    }

    static String completion(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1738000000L).put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return root.toString();
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
