package dev.herald.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets never reach a log line or an error message, whatever their shape and wherever they were pasted. */
class LogRedactionTest {

    // neither shaped like a Bot API token (digits:35 chars) nor like an OpenAI key (sk-…)
    static final String ODD_TOKEN = "tok.Lindenport.harbour.7";
    static final String ODD_KEY = "correct horse battery staple";

    /** Runs the shipped src/main/resources/logback.xml in its own context, with standard error captured. */
    private static String logThroughShippedConfig(java.util.function.Consumer<Logger> logging) throws Exception {
        URL shipped = LogRedactionTest.class.getClassLoader().getResource("logback.xml");
        assertTrue(shipped != null && shipped.getPath().contains("classes"), "main logback.xml on the classpath");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(shipped);
            logging.accept(context.getLogger("org.telegram.telegrambots.longpolling.DefaultGetUpdatesGenerator"));
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_scrub_configured_token_and_key_from_every_line_when_a_library_logs_them() throws Exception {
        // given: the secrets are read from the environment the way Herald reads them
        Secrets.fromEnv(Map.of(Secrets.TELEGRAM_BOT_TOKEN, ODD_TOKEN, Secrets.HERALD_LLM_API_KEY, ODD_KEY));

        // when: a library (not Herald) logs a URL with the token, and an exception whose message carries the key
        String err = logThroughShippedConfig(log -> log.warn("GET https://api.example/bot{}/getUpdates failed",
                ODD_TOKEN, new IllegalStateException("server said: key '" + ODD_KEY + "' is not valid",
                        new RuntimeException("cause at http://admin:" + "s3cretpass@10.0.0.1/v1"))));

        // then
        assertTrue(err.contains("GET https://api.example/bot<redacted>/getUpdates failed"), err);
        assertTrue(err.contains("IllegalStateException: server said: key '<redacted>' is not valid"), err);
        assertFalse(err.contains(ODD_TOKEN), err);
        assertFalse(err.contains(ODD_KEY), err);
        assertFalse(err.contains("s3cretpass"), err);
        assertTrue(err.contains("http://<redacted>@10.0.0.1/v1"), err);
    }

    @Test
    void should_refuse_telegram_api_url_when_the_token_is_pasted_into_it_without_echoing_it() {
        // given: the Bot API docs' form https://api.telegram.org/bot<token>/getMe
        String token = "123456789:AAE_pasted-token-abcdefghijklmnopqrs";
        Map<String, String> env = Map.of("HERALD_TELEGRAM_API_URL", "https://api.telegram.org/bot" + token + "/");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, java.nio.file.Path.of("")));

        // then
        assertTrue(e.getMessage().startsWith("config: telegram.api-url contains a credential"), e.getMessage());
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("AAE_pasted"), e.getMessage());
    }

    @Test
    void should_refuse_llm_base_url_when_it_carries_user_info_without_echoing_it() {
        // given
        Map<String, String> env = Map.of("HERALD_LLM_BASE_URL", "http://herald:Xk92-odd-key@127.0.0.1:8080/v1");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, java.nio.file.Path.of("")));

        // then
        assertTrue(e.getMessage().startsWith("config: llm.base-url contains a credential"), e.getMessage());
        assertFalse(e.getMessage().contains("Xk92"), e.getMessage());
    }

    @Test
    void should_refuse_a_url_setting_when_it_contains_the_configured_key_in_any_shape() {
        // given: a key of no recognisable shape, pasted as a path segment
        Map<String, String> env = Map.of(Secrets.HERALD_LLM_API_KEY, "plainwordkey",
                "HERALD_LLM_BASE_URL", "http://127.0.0.1:8080/plainwordkey/v1");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, java.nio.file.Path.of("")));

        // then
        assertEquals("config: llm.base-url contains a credential (user info, a bot token or an API key); give only the"
                + " server's address, and the bot token in TELEGRAM_BOT_TOKEN, the API key in HERALD_LLM_API_KEY"
                + " (from HERALD_LLM_BASE_URL)", e.getMessage());
    }
}
