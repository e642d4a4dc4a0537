package dev.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void should_derive_env_name_when_key_has_dots_and_dashes() {
        // given / when / then
        assertEquals("HERALD_STORE_PATH", Settings.STORE_PATH.envName());
        assertEquals("HERALD_RETRIEVAL_RECENCY_HALF_LIFE_DAYS", Settings.RETRIEVAL_RECENCY_HALF_LIFE_DAYS.envName());
        assertEquals(Settings.RETRIEVAL_TOP_K, Settings.byEnvName("HERALD_RETRIEVAL_TOP_K").orElseThrow());
        assertEquals(Settings.RETRIEVAL_TOP_K, Settings.byKey("retrieval.top-k").orElseThrow());
    }

    @Test
    void should_parse_durations_when_written_with_units_or_iso() {
        // given
        Setting<Duration> s = Settings.CHAT_MEMORY_IDLE;

        // when / then
        assertEquals(Duration.ofSeconds(30), s.parse("30s", "t"));
        assertEquals(Duration.ofMinutes(5), s.parse(" 5m ", "t"));
        assertEquals(Duration.ofHours(2), s.parse("2H", "t"));
        assertEquals(Duration.ofDays(1), s.parse("1d", "t"));
        assertEquals(Duration.ofMinutes(90), s.parse("1h30m", "t"));
        assertEquals(Duration.ofSeconds(45), s.parse("PT45S", "t"));
        assertEquals("1h30m", s.format(Duration.ofMinutes(90)));
        assertThrows(ConfigException.class, () -> s.parse("30", "t"));
        assertThrows(ConfigException.class, () -> s.parse("5 minutes", "t"));
        assertThrows(ConfigException.class, () -> s.parse("0s", "t"));
        assertThrows(ConfigException.class, () -> s.parse("500ms", "t"));
        assertEquals(Duration.ofMillis(1500), Settings.LLM_TIMEOUT.parse("1s500ms", "t"));
    }

    @Test
    void should_parse_numbers_when_plain_and_reject_when_exotic() {
        // given / when / then
        assertEquals(0.25, Settings.ANSWER_MIN_EVIDENCE.parse(".25", "t"));
        assertEquals(1.0, Settings.ANSWER_MIN_EVIDENCE.parse("1", "t"));
        assertEquals(0.5, Settings.ANSWER_MIN_EVIDENCE.parse("5e-1", "t"));
        assertThrows(ConfigException.class, () -> Settings.ANSWER_MIN_EVIDENCE.parse("Infinity", "t"));
        assertThrows(ConfigException.class, () -> Settings.ANSWER_MIN_EVIDENCE.parse("0x1p-1", "t"));
        assertThrows(ConfigException.class, () -> Settings.RETRIEVAL_TOP_K.parse("99999999999999999999", "t"));
        assertEquals(7, Settings.RETRIEVAL_TOP_K.parse("+7", "t"));
    }

    @Test
    void should_accept_http_and_https_urls_when_they_have_a_host() {
        // given / when / then
        assertEquals(URI.create("http://localhost:8081"), Settings.TELEGRAM_API_URL.parse("http://localhost:8081", "t"));
        assertEquals(URI.create("HTTPS://api.example.com/v1"), Settings.LLM_BASE_URL.parse("HTTPS://api.example.com/v1", "t"));
        assertThrows(ConfigException.class, () -> Settings.LLM_BASE_URL.parse("https://", "t"));
        assertThrows(ConfigException.class, () -> Settings.LLM_BASE_URL.parse("https://exa mple.com", "t"));
    }

    @Test
    void should_reject_zero_and_negative_user_ids_when_parsing_admins() {
        // given / when / then
        assertEquals(List.of(5L), Settings.TELEGRAM_ADMINS.parse("5", "t"));
        assertThrows(ConfigException.class, () -> Settings.TELEGRAM_ADMINS.parse("-5", "t"));
        assertThrows(ConfigException.class, () -> Settings.TELEGRAM_ADMINS.parse("0", "t"));
        assertEquals(List.of(-100L), Settings.TELEGRAM_ALLOWED_CHATS.parse("-100", "t"));
        assertEquals(List.of(1L, 2L), Settings.TELEGRAM_ADMINS.parseItems(List.of("1", " 2 "), "t"));
        assertEquals("1,2", Settings.TELEGRAM_ADMINS.format(List.of(1L, 2L)));
    }

    @Test
    void should_reject_default_when_it_breaks_its_own_rule() {
        // given / when / then
        assertThrows(IllegalArgumentException.class, () -> Setting.ofInt("x.y", 0, 1, 5, "bad default"));
        assertThrows(IllegalArgumentException.class, () -> Setting.ofInt("NotDotted", 1, 1, 5, "bad key"));
    }

    @Test
    void should_keep_path_as_written_when_parsing() {
        // given / when / then
        assertEquals(Path.of("data/x.db"), Settings.STORE_PATH.parse("data/x.db", "t"));
    }

    @Test
    void should_match_enum_ignoring_case_when_parsing_answer_mode() {
        // given / when / then
        assertEquals(AnswerMode.LLM, Settings.ANSWER_MODE.parse("Llm", "t"));
        assertEquals("extractive", Settings.ANSWER_MODE.format(AnswerMode.EXTRACTIVE));
        assertEquals("llm", AnswerMode.LLM.configName());
    }
}
