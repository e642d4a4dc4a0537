package dev.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String TOKEN = "123456:AAH-very-secret-token";
    private static final String KEY = "sk-very-secret-key";

    @TempDir
    Path dir;

    @Test
    void should_read_secrets_from_env_when_set() {
        // given
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "HERALD_LLM_API_KEY", KEY, "OPENAI_API_KEY", "sk-other");

        // when
        Secrets secrets = HeraldConfig.load(null, env, dir).secrets();

        // then
        assertEquals(Optional.of(TOKEN), secrets.telegramBotToken());
        assertEquals(Optional.of(KEY), secrets.llmApiKey());
        assertEquals(Optional.of("HERALD_LLM_API_KEY"), secrets.llmApiKeySource());
    }

    @Test
    void should_fall_back_to_OPENAI_API_KEY_when_HERALD_LLM_API_KEY_is_unset_or_blank() {
        // given
        Map<String, String> env = Map.of("HERALD_LLM_API_KEY", " ", "OPENAI_API_KEY", " " + KEY + "\n");

        // when
        Secrets secrets = Secrets.fromEnv(env);

        // then
        assertEquals(Optional.of(KEY), secrets.llmApiKey());
        assertEquals(Optional.of("OPENAI_API_KEY"), secrets.llmApiKeySource());
        assertEquals(Optional.empty(), secrets.telegramBotToken());
    }

    @Test
    void should_have_no_secrets_when_using_defaults() {
        // given / when
        Secrets secrets = HeraldConfig.defaults().secrets();

        // then
        assertEquals(Optional.empty(), secrets.telegramBotToken());
        assertEquals(Optional.empty(), secrets.llmApiKey());
    }

    @Test
    void should_never_print_secret_values_when_config_is_shown() {
        // given
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "OPENAI_API_KEY", KEY);

        // when
        HeraldConfig config = HeraldConfig.load(null, env, dir);
        String shown = config + "\n" + config.describe() + "\n" + config.secrets();

        // then
        assertFalse(shown.contains(TOKEN), shown);
        assertFalse(shown.contains(KEY), shown);
        assertTrue(shown.contains("TELEGRAM_BOT_TOKEN=set"), shown);
        assertTrue(shown.contains("set from OPENAI_API_KEY"), shown);
    }

    @Test
    void should_point_to_real_variable_when_secret_is_given_as_HERALD_setting_variable() {
        // given
        Map<String, String> env = Map.of("HERALD_TELEGRAM_BOT_TOKEN", TOKEN);

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HERALD_LOG_LEVEL", "HERALD_TELEGRAM_ADMINS", "HERALD_LLM_TIMEOUT", "HERALD_RETRIEVAL_TOP_K"})
    void should_not_echo_the_bot_token_when_it_is_pasted_into_another_variable(String variable) {
        // given the token is set, and also pasted by mistake into a setting it does not fit
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", TOKEN, variable, TOKEN);

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then the message names the variable and hides the value
        assertTrue(e.getMessage().contains(variable) && e.getMessage().contains(LogRedaction.REDACTED), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void should_not_echo_a_value_shaped_like_a_bot_token_even_when_no_token_is_set() {
        // given
        String tokenShaped = "7654321:AAE_abcdefghijklmnopqrstuvwxyz0123";
        Map<String, String> env = Map.of("HERALD_TELEGRAM_ADMINS", tokenShaped);

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertFalse(e.getMessage().contains("abcdefghijklmnopqrstuvwxyz"), e.getMessage());
    }

    static Stream<Arguments> secretsInFile() {
        // the file's text, the secret in it, and the whole message (FILE stands for the file's path)
        return Stream.of(
                Arguments.of("telegram:\n  token: " + TOKEN + "\n", TOKEN, "config: telegram.token must not be in the"
                        + " config file: secrets are read only from the environment, set TELEGRAM_BOT_TOKEN instead"
                        + " (from FILE line 2)"),
                Arguments.of("llm.api-key: " + KEY + "\n", KEY, "config: llm.api-key must not be in the config file:"
                        + " secrets are read only from the environment, set HERALD_LLM_API_KEY (or OPENAI_API_KEY)"
                        + " instead (from FILE line 1)"),
                Arguments.of("store:\n  password: " + KEY + "\n", KEY, "config: store.password must not be in the"
                        + " config file: secrets are read only from the environment, set HERALD_STORE_PASSWORD instead"
                        + " (from FILE line 2)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("secretsInFile")
    void should_reject_a_secret_in_the_file_and_point_to_its_variable_without_echoing_it(String yaml, String secret,
                                                                                        String message) throws IOException {
        // given
        Path file = dir.resolve("herald.yml");
        Files.writeString(file, yaml);

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals(message.replace("FILE", file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @ParameterizedTest(name = "{0} secret: {1}")
    @CsvSource({"llm.max-tokens, false", "telegram.bot-token, true", "llm.apikey, true", "smtp.password, true",
            "llm.max-tokens-per-answer, false"})
    void should_treat_a_key_as_secret_only_when_it_names_a_token_key_or_password(String key, boolean secret) {
        assertEquals(secret, HeraldConfig.looksSecret(key));
    }
}
