package dev.herald.answer.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.time.Duration;

/** Builds the chat model Herald talks to. */
public final class LlmModels {

    /** Sent when no API key is configured (local servers such as Ollama or llama.cpp ignore it). */
    public static final String NO_KEY = "no-key";

    private LlmModels() {
    }

    /**
     * A chat model behind any OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, Ollama's {@code /v1},
     * vLLM, llama.cpp). The client never retries by itself ({@code maxRetries(0)}): {@link LlmAnswerer} retries once
     * with a back-off (not after a timeout) and then falls back, so a hanging endpoint costs one timeout.
     *
     * @param apiKey the key, or null/blank for servers that need none
     */
    public static ChatModel openAiCompatible(String baseUrl, String apiKey, String model, Duration timeout,
                                             int maxTokens, double temperature) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isBlank() ? NO_KEY : apiKey)
                .modelName(model)
                .timeout(timeout)
                .maxTokens(maxTokens)
                .temperature(temperature)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /**
     * The same endpoint and settings, streaming ({@code "stream": true}: the reply arrives as server-sent events
     * while the model writes it). The streaming client has no retries of its own.
     */
    public static StreamingChatModel openAiCompatibleStreaming(String baseUrl, String apiKey, String model,
                                                               Duration timeout, int maxTokens, double temperature) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isBlank() ? NO_KEY : apiKey)
                .modelName(model)
                .timeout(timeout)
                .maxTokens(maxTokens)
                .temperature(temperature)
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
