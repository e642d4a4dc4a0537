package dev.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Keeps config/herald.yml and {@link Settings} from drifting apart. */
class ShippedConfigFileTest {

    // Maven runs tests with the project root as working directory.
    private static final Path SHIPPED = Path.of("config", "herald.yml");

    @Test
    void should_mention_every_setting_when_reading_shipped_file() throws IOException {
        // given
        String text = Files.readString(SHIPPED);
        Set<String> keysInFile = new HashSet<>();
        for (ConfigFile.Entry e : ConfigFile.read(SHIPPED)) keysInFile.add(e.key());

        // when / then every declared key is present as a YAML key
        for (Setting<?> s : Settings.all()) {
            assertTrue(keysInFile.contains(s.key()), s.key() + " is missing from " + SHIPPED);
        }
        assertEquals(Settings.all().size(), keysInFile.size(), "config/herald.yml has keys Settings does not declare");
        for (String secret : List.of("TELEGRAM_BOT_TOKEN", "HERALD_LLM_API_KEY", "OPENAI_API_KEY", "HERALD_STORE_PATH")) {
            assertTrue(text.contains(secret), "header should mention " + secret);
        }
    }

    @Test
    void should_give_exactly_the_defaults_when_loading_shipped_file() {
        // given the shipped file and no environment
        // when
        HeraldConfig config = HeraldConfig.load(SHIPPED, Map.of(), Path.of(""));

        // then
        for (Setting<?> s : Settings.all()) {
            assertEquals(s.defaultValue(), config.get(s), s.key() + " in " + SHIPPED + " differs from its default");
            assertTrue(config.origin(s).startsWith(SHIPPED + " line "), s.key() + " was not read from the file");
        }
    }

    @Test
    void should_have_a_comment_line_right_above_every_setting_when_reading_shipped_file() throws IOException {
        // given
        List<String> lines = Files.readAllLines(SHIPPED);

        // when / then
        for (ConfigFile.Entry e : ConfigFile.read(SHIPPED)) {
            String above = lines.get(e.line() - 2).strip();
            assertTrue(above.startsWith("#"), e.key() + " (line " + e.line() + ") needs a comment explaining it");
        }
    }

    @Test
    void should_have_unique_env_names_and_one_line_descriptions_when_declaring_settings() {
        // given
        Set<String> envNames = new HashSet<>();

        // when / then
        for (Setting<?> s : Settings.all()) {
            assertTrue(envNames.add(s.envName()), s.envName());
            assertTrue(s.envName().matches("HERALD_[A-Z0-9_]+"), s.envName());
            assertTrue(!s.description().isBlank() && !s.description().contains("\n"), s.key());
            assertEquals(s.defaultValue(), parseFormatted(s), s.key() + " default does not survive format/parse");
        }
    }

    private static <T> T parseFormatted(Setting<T> s) {
        return s.parse(s.format(s.defaultValue()), "test");
    }
}
