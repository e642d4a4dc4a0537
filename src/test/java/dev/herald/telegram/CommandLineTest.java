package dev.herald.telegram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommandLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "/latest                      | latest | ''            | null          | true",
            "/Latest@HeraldTestBot  Goma  | latest | Goma          | HeraldTestBot | true",
            "/ask@heraldtestbot Who won?  | ask    | Who won?      | heraldtestbot | true",
            "/ask@SomeOtherBot Who won?   | ask    | Who won?      | SomeOtherBot  | false",
            "'  /add  https://x.org/f  '  | add    | https://x.org/f | null        | true",
    })
    void should_split_name_arguments_and_target_bot_when_a_text_starts_with_a_command(
            String text, String name, String args, String target, boolean forUs) {
        // when
        CommandLine line = CommandLine.parse(text);
        // then
        assertEquals(name, line.name());
        assertEquals(args, line.args());
        assertEquals(target, line.target());
        assertEquals(forUs, line.forBot("HeraldTestBot"));
    }

    @ParameterizedTest
    @CsvSource({"Who controls Goma?", "'see /help'"})
    void should_find_no_command_when_the_text_does_not_start_with_a_slash(String text) {
        assertNull(CommandLine.parse(text));
    }
}
