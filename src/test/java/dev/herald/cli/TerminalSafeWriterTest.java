package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalSafeWriterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what a title holds (\\e is ESC, \\b backspace, \\r carriage return) | stdout | stderr
            "an ANSI clear-screen and colour | \\e[2J\\e[31mTram line opens\\e[0m | [2J[31mTram line opens[0m | [2J[31mTram line opens[0m",
            "a backspace hiding a word       | Not\\b\\b\\bguilty              | Notguilty                 | Notguilty",
            "a carriage return               | Old text\\rNew text             | Old textNew text          | Old text\\rNew text",
            "a C1 control (U+009B, CSI)      | A\u009b2JB                      | A2JB                      | A2JB",
            "lines, tabs and non-Latin text  | Goma\\tГома\\nनई दिल्ली         | Goma\\tГома\\nनई दिल्ली   | Goma\\tГома\\nनई दिल्ली"})
    void should_drop_control_characters_that_would_take_over_the_terminal(String what, String written, String onStdout,
                                                                           String onStderr) {
        // given
        String text = unescape(written);

        // when
        String stdout = through(text, false);
        String stderr = through(text, true);

        // then
        assertEquals(unescape(onStdout), stdout, what);
        assertEquals(unescape(onStderr), stderr, what);
    }

    private static String through(String text, boolean keepCarriageReturn) {
        StringWriter sink = new StringWriter();
        try (PrintWriter w = new PrintWriter(new TerminalSafeWriter(sink, keepCarriageReturn))) {
            w.print(text.substring(0, 3));
            w.print(text.substring(3)); // in two writes, as a PrintWriter passes a line
        }
        return sink.toString();
    }

    private static String unescape(String s) {
        return s.replace("\\e", "\u001b").replace("\\b", "\b").replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}
