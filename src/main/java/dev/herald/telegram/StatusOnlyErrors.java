package dev.herald.telegram;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Locale;

/**
 * An OkHttp interceptor for the Bot API client: an error response whose body is not JSON (an nginx "502 Bad Gateway"
 * page from a proxy in front of the Bot API) is given a Bot API error body carrying its HTTP status. telegrambots
 * otherwise fails to parse it and reports "Unable to deserialize response" with error code 0, which
 * {@link ReliableSender} must treat as a request error and cannot retry; with the status kept, a 502 page is retried
 * exactly like a JSON 502.
 */
final class StatusOnlyErrors implements Interceptor {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful() || isJson(response)) return response;
        int code = response.code();
        String reason = response.message() == null || response.message().isBlank() ? "HTTP error" : response.message();
        response.close();
        String body = "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + reason.replaceAll("[\"\\\\]", "")
                + " (a response that is not JSON, e.g. from a proxy)\"}";
        return response.newBuilder().body(ResponseBody.create(body, JSON)).header("Content-Type", JSON.toString()).build();
    }

    private static boolean isJson(Response response) {
        String type = response.header("Content-Type", "");
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }
}
