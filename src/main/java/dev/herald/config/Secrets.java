package dev.herald.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials, read only from the environment and never from the config file. {@link #toString()} says which
 * are set but never shows a value.
 */
public final class Secrets {

    /** Telegram bot token from @BotFather. */
    public static final String TELEGRAM_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    /** API key for {@code llm.base-url}; takes precedence over {@link #OPENAI_API_KEY}. */
    public static final String HERALD_LLM_API_KEY = "HERALD_LLM_API_KEY";
    /** Fallback API key name, as used by OpenAI's own tools. */
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";

    /** The PostgreSQL user for {@code store.url} (not secret, but read with the password it goes with). */
    public static final String HERALD_STORE_USER = "HERALD_STORE_USER";
    /** The PostgreSQL password for {@code store.url}; never in the URL or the file. */
    public static final String HERALD_STORE_PASSWORD = "HERALD_STORE_PASSWORD";
    /**
     * The secret Telegram sends with each webhook update ({@code X-Telegram-Bot-Api-Secret-Token}); Telegram allows
     * 1-256 characters of A-Z, a-z, 0-9, _ and -.
     */
    public static final String HERALD_WEBHOOK_SECRET = "HERALD_WEBHOOK_SECRET";

    private static final Secrets NONE = new Secrets(null, null, null, null, null, null);

    private final String telegramBotToken;
    private final String llmApiKey;
    private final String llmApiKeyEnv;
    private final String storeUser;
    private final String storePassword;
    private final String webhookSecret;

    private Secrets(String telegramBotToken, String llmApiKey, String llmApiKeyEnv, String storeUser, String storePassword,
                    String webhookSecret) {
        this.webhookSecret = webhookSecret;
        this.telegramBotToken = telegramBotToken;
        this.llmApiKey = llmApiKey;
        this.llmApiKeyEnv = llmApiKeyEnv;
        this.storeUser = storeUser;
        this.storePassword = storePassword;
    }

    /** No secrets at all (what {@link HeraldConfig#defaults()} carries). */
    public static Secrets none() {
        return NONE;
    }

    /** Reads the secrets from an environment map; blank values count as unset, surrounding whitespace is dropped. */
    public static Secrets fromEnv(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String token = value(env, TELEGRAM_BOT_TOKEN);
        String key = value(env, HERALD_LLM_API_KEY);
        String keyEnv = key != null ? HERALD_LLM_API_KEY : null;
        if (key == null) {
            key = value(env, OPENAI_API_KEY);
            keyEnv = key != null ? OPENAI_API_KEY : null;
        }
        String storePassword = value(env, HERALD_STORE_PASSWORD);
        // every secret read is cut from log lines from now on, whatever its shape
        LogRedaction.register(token);
        LogRedaction.register(key);
        LogRedaction.register(storePassword);
        String webhook = value(env, HERALD_WEBHOOK_SECRET);
        LogRedaction.register(webhook);
        return new Secrets(token, key, keyEnv, value(env, HERALD_STORE_USER), storePassword, webhook);
    }

    /** {@code HERALD_WEBHOOK_SECRET}, if set. */
    public Optional<String> webhookSecret() {
        return Optional.ofNullable(webhookSecret);
    }

    /** {@code HERALD_STORE_USER}, if set. */
    public Optional<String> storeUser() {
        return Optional.ofNullable(storeUser);
    }

    /** {@code HERALD_STORE_PASSWORD}, if set. */
    public Optional<String> storePassword() {
        return Optional.ofNullable(storePassword);
    }

    /** {@code TELEGRAM_BOT_TOKEN}, if set. */
    public Optional<String> telegramBotToken() {
        return Optional.ofNullable(telegramBotToken);
    }

    /** {@code HERALD_LLM_API_KEY}, else {@code OPENAI_API_KEY}, if either is set. */
    public Optional<String> llmApiKey() {
        return Optional.ofNullable(llmApiKey);
    }

    /** Which variable {@link #llmApiKey()} came from (for messages), if set. */
    public Optional<String> llmApiKeySource() {
        return Optional.ofNullable(llmApiKeyEnv);
    }

    @Override
    public String toString() {
        return "Secrets[" + TELEGRAM_BOT_TOKEN + "=" + (telegramBotToken != null ? "set" : "unset")
                + ", llm api key=" + (llmApiKey != null ? "set from " + llmApiKeyEnv : "unset")
                + ", " + HERALD_STORE_PASSWORD + "=" + (storePassword != null ? "set" : "unset")
                + ", " + HERALD_WEBHOOK_SECRET + "=" + (webhookSecret != null ? "set" : "unset") + "]";
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
