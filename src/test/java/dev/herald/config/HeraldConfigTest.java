package dev.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class HeraldConfigTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    // ------------------------------------------------------------ defaults and layering

    @Test
    void should_return_declared_defaults_when_no_file_and_no_env() {
        // given an empty working directory and no environment
        // when
        HeraldConfig config = HeraldConfig.load(null, Map.of(), dir);

        // then
        assertEquals(Optional.empty(), config.file());
        assertEquals(dir.resolve("data/herald.db"), config.get(Settings.STORE_PATH));
        assertEquals(8, config.get(Settings.RETRIEVAL_TOP_K));
        assertEquals(0.35, config.get(Settings.ANSWER_MIN_EVIDENCE));
        assertEquals(AnswerMode.EXTRACTIVE, config.get(Settings.ANSWER_MODE));
        assertEquals(Duration.ofMinutes(30), config.get(Settings.CHAT_MEMORY_IDLE));
        assertEquals(URI.create("https://api.telegram.org"), config.get(Settings.TELEGRAM_API_URL));
        assertEquals(List.of(), config.get(Settings.TELEGRAM_ADMINS));
        assertEquals("default", config.origin(Settings.RETRIEVAL_TOP_K));
    }

    @Test
    void should_keep_every_setting_at_its_default_when_using_defaults() {
        // given
        HeraldConfig config = HeraldConfig.defaults();

        // when / then
        for (Setting<?> s : Settings.all()) {
            assertEquals(s.defaultValue(), config.get(s), s.key());
        }
        assertEquals(Path.of("data/herald.db"), config.get(Settings.STORE_PATH));
    }

    @Test
    void should_use_file_values_when_file_sets_them() throws IOException {
        // given
        Path file = write("custom.yml", """
                retrieval:
                  top-k: 12
                  keyword-weight: 2.5
                answer:
                  mode: LLM
                llm:
                  timeout: 1m30s
                  base-url: http://localhost:8080/v1
                store.path: /var/lib/herald.db
                """);

        // when
        HeraldConfig config = HeraldConfig.load(file, Map.of(), dir);

        // then
        assertEquals(12, config.get(Settings.RETRIEVAL_TOP_K));
        assertEquals(2.5, config.get(Settings.RETRIEVAL_KEYWORD_WEIGHT));
        assertEquals(AnswerMode.LLM, config.get(Settings.ANSWER_MODE));
        assertEquals(Duration.ofSeconds(90), config.get(Settings.LLM_TIMEOUT));
        assertEquals(URI.create("http://localhost:8080/v1"), config.get(Settings.LLM_BASE_URL));
        assertEquals(Path.of("/var/lib/herald.db"), config.get(Settings.STORE_PATH));
        assertEquals(1.0, config.get(Settings.RETRIEVAL_VECTOR_WEIGHT), "untouched settings keep defaults");
        assertEquals(file + " line 2", config.origin(Settings.RETRIEVAL_TOP_K));
        assertEquals(Optional.of(file), config.file());
    }

    @Test
    void should_let_env_win_over_file_when_both_set_a_setting() throws IOException {
        // given
        Path file = write("herald.yml", "retrieval:\n  top-k: 12\n  rrf-k: 30\n");
        Map<String, String> env = Map.of("HERALD_RETRIEVAL_TOP_K", "20", "HERALD_STORE_PATH", "other.db");

        // when
        HeraldConfig config = HeraldConfig.load(file, env, dir);

        // then
        assertEquals(20, config.get(Settings.RETRIEVAL_TOP_K));
        assertEquals("HERALD_RETRIEVAL_TOP_K", config.origin(Settings.RETRIEVAL_TOP_K));
        assertEquals(30, config.get(Settings.RETRIEVAL_RRF_K));
        assertEquals(dir.resolve("other.db"), config.get(Settings.STORE_PATH));
    }

    @Test
    void should_let_cli_override_win_when_applied_after_loading() throws IOException {
        // given a file and env both setting the store path
        Path file = write("herald.yml", "store:\n  path: file.db\n");
        HeraldConfig loaded = HeraldConfig.load(file, Map.of("HERALD_STORE_PATH", "env.db"), dir);

        // when
        HeraldConfig config = loaded.withOverride(Settings.STORE_PATH, "cli.db", "--db");

        // then
        assertEquals(dir.resolve("cli.db"), config.get(Settings.STORE_PATH));
        assertEquals("--db", config.origin(Settings.STORE_PATH));
        assertEquals(dir.resolve("env.db"), loaded.get(Settings.STORE_PATH), "the original is unchanged");
    }

    @Test
    void should_reject_bad_cli_override_with_its_origin_when_value_is_invalid() {
        // given
        HeraldConfig config = HeraldConfig.defaults();

        // when
        ConfigException e = assertThrows(ConfigException.class,
                () -> config.withOverride(Settings.RETRIEVAL_TOP_K, "0", "--top-k"));

        // then
        assertEquals("config: retrieval.top-k = \"0\" is not valid: expected an integer from 1 to 50 (from --top-k)",
                e.getMessage());
    }

    @Test
    void should_read_file_named_by_HERALD_CONFIG_when_no_explicit_path() throws IOException {
        // given
        write("elsewhere/my.yml", "retrieval:\n  top-k: 3\n");
        write("config/herald.yml", "retrieval:\n  top-k: 4\n");

        // when
        HeraldConfig config = HeraldConfig.load(null, Map.of("HERALD_CONFIG", "elsewhere/my.yml"), dir);

        // then
        assertEquals(3, config.get(Settings.RETRIEVAL_TOP_K));
    }

    @Test
    void should_read_config_herald_yml_in_working_dir_when_nothing_else_is_given() throws IOException {
        // given
        write("config/herald.yml", "retrieval:\n  top-k: 4\n");

        // when
        HeraldConfig config = HeraldConfig.load(null, Map.of(), dir);

        // then
        assertEquals(4, config.get(Settings.RETRIEVAL_TOP_K));
        assertEquals(Optional.of(dir.resolve("config/herald.yml")), config.file());
    }

    @Test
    void should_prefer_explicit_path_when_HERALD_CONFIG_is_also_set() throws IOException {
        // given
        Path explicit = write("a.yml", "retrieval:\n  top-k: 5\n");
        write("b.yml", "retrieval:\n  top-k: 6\n");

        // when
        HeraldConfig config = HeraldConfig.load(explicit, Map.of("HERALD_CONFIG", "b.yml"), dir);

        // then
        assertEquals(5, config.get(Settings.RETRIEVAL_TOP_K));
    }

    @Test
    void should_accept_empty_file_when_it_has_only_comments() throws IOException {
        // given
        Path file = write("empty.yml", "# nothing here\n");

        // when
        HeraldConfig config = HeraldConfig.load(file, Map.of(), dir);

        // then
        assertEquals(8, config.get(Settings.RETRIEVAL_TOP_K));
    }

    // ------------------------------------------------------------ lists

    @Test
    void should_parse_lists_when_written_as_yaml_lists_or_comma_separated() throws IOException {
        // given
        Path file = write("lists.yml", """
                telegram:
                  admins:
                    - 111
                    - 222
                  allowed-chats: "-1001234, 42"
                content:
                  paths: [news/, "https://example.com/feed.xml?a=1,2", one.jsonl]
                """);

        // when
        HeraldConfig config = HeraldConfig.load(file, Map.of(), dir);

        // then
        assertEquals(List.of(111L, 222L), config.get(Settings.TELEGRAM_ADMINS));
        assertEquals(List.of(-1001234L, 42L), config.get(Settings.TELEGRAM_ALLOWED_CHATS));
        assertEquals(List.of("news/", "https://example.com/feed.xml?a=1,2", "one.jsonl"), config.get(Settings.CONTENT_PATHS));
    }

    @Test
    void should_parse_comma_separated_lists_when_given_in_env() {
        // given
        Map<String, String> env = Map.of("HERALD_TELEGRAM_ADMINS", "1, 2,3", "HERALD_CONTENT_PATHS", "a,b/c");

        // when
        HeraldConfig config = HeraldConfig.load(null, env, dir);

        // then
        assertEquals(List.of(1L, 2L, 3L), config.get(Settings.TELEGRAM_ADMINS));
        assertEquals(List.of("a", "b/c"), config.get(Settings.CONTENT_PATHS));
    }

    @Test
    void should_give_empty_list_when_value_is_blank_or_null() throws IOException {
        // given
        Path file = write("lists.yml", "telegram:\n  admins:\n  allowed-chats: ''\n");

        // when
        HeraldConfig config = HeraldConfig.load(file, Map.of("HERALD_CONTENT_PATHS", ""), dir);

        // then
        assertEquals(List.of(), config.get(Settings.TELEGRAM_ADMINS));
        assertEquals(List.of(), config.get(Settings.TELEGRAM_ALLOWED_CHATS));
        assertEquals(List.of(), config.get(Settings.CONTENT_PATHS));
    }

    @Test
    void should_reject_list_with_non_numeric_id_when_given_in_file() throws IOException {
        // given
        Path file = write("lists.yml", "telegram:\n  admins: [1, bob]\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals("config: telegram.admins = \"[1, bob]\" is not valid: expected a comma-separated list of integer"
                + " user ids (from " + file + " line 2)", e.getMessage());
    }

    // ------------------------------------------------------------ bad values

    @Test
    void should_name_key_value_allowed_and_env_var_when_env_value_is_bad() {
        // given
        Map<String, String> env = Map.of("HERALD_RETRIEVAL_TOP_K", "abc");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertEquals("config: retrieval.top-k = \"abc\" is not valid: expected an integer from 1 to 50"
                + " (from HERALD_RETRIEVAL_TOP_K)", e.getMessage());
        assertEquals(Optional.of("retrieval.top-k"), e.key());
    }

    @Test
    void should_name_file_and_line_when_file_value_is_bad() throws IOException {
        // given
        Path file = write("bad.yml", "# comment\nanswer:\n  mode: generative\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals("config: answer.mode = \"generative\" is not valid: expected one of extractive, llm (from "
                + file + " line 3)", e.getMessage());
    }

    static Stream<Arguments> badValues() {
        // one bad value per kind of setting, and the allowed text its message must give
        return Stream.of(
                Arguments.of(Settings.RETRIEVAL_TOP_K, "51", "an integer from 1 to 50"),
                Arguments.of(Settings.CHUNKING_MAX_WORDS, "1.5", "an integer from 20 to 400"),
                Arguments.of(Settings.RETRIEVAL_KEYWORD_WEIGHT, "-1", "a number from 0 to 10"),
                Arguments.of(Settings.ANSWER_MIN_EVIDENCE, "NaN", "a number from 0 to 1"),
                Arguments.of(Settings.RETRIEVAL_RECENCY_HALF_LIFE_DAYS, "0", "a number from 0.1 to 3650"),
                Arguments.of(Settings.ANSWER_MODE, "gpt", "one of extractive, llm"),
                Arguments.of(Settings.CHAT_MEMORY_IDLE, "30", "a duration of at least 1s, like 30s, 5m, 2h"),
                Arguments.of(Settings.LLM_TIMEOUT, "11m", "a duration from 1s to 10m, like 30s, 5m, 2h"),
                Arguments.of(Settings.TELEGRAM_API_URL, "ftp://example.com", "an http(s) URL"),
                Arguments.of(Settings.LLM_BASE_URL, "localhost:8080", "an http(s) URL"),
                Arguments.of(Settings.TELEGRAM_ADMINS, "1,,2", "a comma-separated list of integer user ids"),
                Arguments.of(Settings.TELEGRAM_ALLOWED_CHATS, "-100x", "a comma-separated list of integer chat ids"),
                Arguments.of(Settings.LLM_MODEL, "  ", "a non-blank model name"),
                Arguments.of(Settings.STORE_PATH, "", "a file path"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badValues")
    void should_reject_a_bad_value_with_a_one_line_message_naming_what_is_allowed(Setting<?> s, String raw,
                                                                                  String allowed) {
        // when
        ConfigException e = assertThrows(ConfigException.class,
                () -> HeraldConfig.load(null, Map.of(s.envName(), raw), dir));

        // then
        assertEquals("config: " + s.key() + " = \"" + raw + "\" is not valid: expected " + allowed
                + " (from " + s.envName() + ")", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
    static Stream<Arguments> badFiles() {
        // the file's text, and the whole message (FILE stands for the file's path)
        return Stream.of(
                Arguments.of("retrieval:\n  top-k: [1, 2]\n", "config: retrieval.top-k = \"[1, 2]\" is not valid:"
                        + " expected an integer from 1 to 50 (from FILE line 2)"),
                Arguments.of("llm:\n  model:\n",
                        "config: llm.model = \"\" is not valid: expected a non-blank model name (from FILE line 2)"),
                Arguments.of("- a\n- b\n",
                        "config: FILE line 1: expected a mapping of settings such as 'store:' at the top level"),
                Arguments.of("retrieval:\n  top-k: 5\nretrieval.top-k: 6\n",
                        "config: retrieval.top-k is set twice in FILE (lines 2 and 3)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFiles")
    void should_reject_file_naming_the_line_when_its_content_is_wrong(String yaml, String message) throws IOException {
        // given
        Path file = write("bad.yml", yaml);

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals(message.replace("FILE", file.toString()), e.getMessage());
    }

    @Test
    void should_escape_and_keep_one_line_when_bad_value_has_newlines() {
        // given
        Map<String, String> env = Map.of("HERALD_ANSWER_MODE", "llm\nextra");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertEquals("config: answer.mode = \"llm\\nextra\" is not valid: expected one of extractive, llm"
                + " (from HERALD_ANSWER_MODE)", e.getMessage());
    }

    // ------------------------------------------------------------ unknown keys, malformed files

    @Test
    void should_suggest_closest_key_when_file_has_unknown_key() throws IOException {
        // given
        Path file = write("typo.yml", "retrieval:\n  topk: 5\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals("config: unknown setting 'retrieval.topk' (did you mean retrieval.top-k?) (from " + file + " line 2)",
                e.getMessage());
    }

    @Test
    void should_suggest_full_key_when_section_is_given_a_value() throws IOException {
        // given
        Path file = write("typo.yml", "store: herald.db\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertTrue(e.getMessage().startsWith("config: unknown setting 'store' (did you mean store.path?)"), e.getMessage());
    }

    @Test
    void should_not_guess_when_unknown_key_is_nothing_like_a_setting() throws IOException {
        // given
        Path file = write("typo.yml", "wibble:\n  wobble: 1\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals("config: unknown setting 'wibble.wobble' (all settings are listed in config/herald.yml) (from "
                + file + " line 2)", e.getMessage());
    }

    @Test
    void should_suggest_closest_variable_when_env_has_unknown_HERALD_variable() {
        // given
        Map<String, String> env = Map.of("HERALD_RETRIEVAL_TOPK", "5");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertEquals("config: unknown setting in environment variable HERALD_RETRIEVAL_TOPK"
                + " (did you mean HERALD_RETRIEVAL_TOP_K?)", e.getMessage());
    }

    @Test
    void should_accept_the_log_level_and_shared_data_variables_the_readme_documents() {
        // given
        Map<String, String> env = Map.of("HERALD_LOG_LEVEL", "INFO", "HERALD_SHARED_DIR", "/data/shared",
                "HERALD_RETRIEVAL_TOP_K", "5");

        // when
        HeraldConfig config = HeraldConfig.load(null, env, dir);

        // then
        assertEquals(5, config.get(Settings.RETRIEVAL_TOP_K));
    }

    @Test
    void should_ignore_other_variables_when_they_lack_the_HERALD_prefix() {
        // given
        Map<String, String> env = Map.of("PATH", "/usr/bin", "RETRIEVAL_TOP_K", "abc", "HERALD_CONFIG", "");

        // when
        HeraldConfig config = HeraldConfig.load(null, env, dir);

        // then
        assertEquals(8, config.get(Settings.RETRIEVAL_TOP_K));
    }

    @Test
    void should_report_line_when_yaml_is_malformed() throws IOException {
        // given
        Path file = write("broken.yml", "store:\n  path: a.db\nretrieval:\n  top-k: [1, 2\n  rrf-k: 3\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertTrue(e.getMessage().startsWith("config: " + file + " line "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void should_report_exact_line_when_yaml_has_bad_indentation() throws IOException {
        // given
        Path file = write("broken.yml", "store:\n  path: a.db\n bad: x\n");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertTrue(e.getMessage().startsWith("config: " + file + " line 3, column 2: malformed YAML:"), e.getMessage());
    }

    @Test
    void should_fail_when_explicit_file_does_not_exist() {
        // given
        Path missing = dir.resolve("nope.yml");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(missing, Map.of(), dir));

        // then
        assertEquals("config: config file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void should_fail_naming_HERALD_CONFIG_when_its_file_does_not_exist() {
        // given
        Map<String, String> env = Map.of("HERALD_CONFIG", "nope.yml");

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(null, env, dir));

        // then
        assertEquals("config: config file " + dir.resolve("nope.yml") + " does not exist (from HERALD_CONFIG)",
                e.getMessage());
    }

    @Test
    void should_reject_file_when_it_is_not_utf8() throws IOException {
        // given
        Path file = dir.resolve("latin1.yml");
        Files.write(file, new byte[] {'l', 'l', 'm', ':', '\n', ' ', ' ', 'm', 'o', 'd', 'e', 'l', ':', ' ', (byte) 0xE9, '\n'});

        // when
        ConfigException e = assertThrows(ConfigException.class, () -> HeraldConfig.load(file, Map.of(), dir));

        // then
        assertEquals("config: " + file + " is not valid UTF-8 text", e.getMessage());
    }

    // ------------------------------------------------------------ paths

    @Test
    void should_resolve_relative_store_path_against_working_dir_when_file_is_elsewhere() throws IOException {
        // given a config file in a sub folder with a relative store path
        Path file = write("etc/herald.yml", "store:\n  path: db/herald.db\n");

        // when
        HeraldConfig config = HeraldConfig.load(file, Map.of(), dir);

        // then it is relative to the working directory, not to etc/
        assertEquals(dir.resolve("db/herald.db"), config.get(Settings.STORE_PATH));
    }

    @Test
    void should_keep_store_path_relative_when_loaded_in_process_working_dir() {
        // given the process working directory (the repo root, whose config/herald.yml is then read)
        Map<String, String> env = Map.of("HERALD_STORE_PATH", "x/y.db");

        // when
        HeraldConfig config = HeraldConfig.load(null, env);

        // then the path stays relative, i.e. relative to where Herald was started
        assertEquals(Path.of("x/y.db"), config.get(Settings.STORE_PATH));
    }

    @Test
    void should_keep_list_items_with_commas_when_set_with_typed_value() {
        // given
        List<String> paths = List.of("https://example.com/feed?a=1,2", "news/");

        // when
        HeraldConfig config = HeraldConfig.defaults().with(Settings.CONTENT_PATHS, paths, "test");

        // then
        assertEquals(paths, config.get(Settings.CONTENT_PATHS));
        assertThrows(ConfigException.class,
                () -> HeraldConfig.defaults().with(Settings.TELEGRAM_ADMINS, List.of(-1L), "test"));
    }

    // ------------------------------------------------------------ describe

    @Test
    void should_list_every_setting_with_origin_when_described() {
        // given
        HeraldConfig config = HeraldConfig.load(null, Map.of("HERALD_RETRIEVAL_TOP_K", "9"), dir);

        // when
        String text = config.describe();

        // then
        for (Setting<?> s : Settings.all()) assertTrue(text.contains(s.key() + " "), s.key());
        assertTrue(text.contains("= 9  (HERALD_RETRIEVAL_TOP_K)"), text);
        assertTrue(text.contains("= 30m  (default)"), text);
        assertTrue(text.contains("telegram.admins") && text.contains("= []"), text);
    }

    @Test
    void should_refuse_settings_not_declared_in_Settings_when_getting() {
        // given
        Setting<Integer> stray = Setting.ofInt("retrieval.top-k", 8, 1, 50, "a look-alike");

        // when / then
        assertThrows(IllegalArgumentException.class, () -> HeraldConfig.defaults().get(stray));
    }
}
