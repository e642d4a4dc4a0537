package dev.herald.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The chat's input: on a terminal, JLine (line editing, arrow-key history of this session, Ctrl-C/Ctrl-D end the
 * chat); from a pipe or a file, plain lines, so scripts and tests drive the chat as before.
 */
abstract class ConsoleInput implements AutoCloseable {

    /** The next line, or null at the end of input. */
    abstract String readLine(String prompt) throws IOException;

    @Override
    public void close() throws IOException {
    }

    static ConsoleInput open(InputStream in, PrintWriter out) throws IOException {
        // System.console() is null when stdin or stdout is redirected: no terminal to edit lines on
        if (in == System.in && System.console() != null) {
            try {
                return new Edited(TerminalBuilder.builder().system(true).dumb(false).build());
            } catch (IOException | RuntimeException e) {
                // no usable terminal provider (e.g. an unusual TERM): fall back to plain lines
            }
        }
        return new Plain(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
    }

    private static final class Plain extends ConsoleInput {
        private final BufferedReader in;
        private final PrintWriter out;

        Plain(BufferedReader in, PrintWriter out) {
            this.in = in;
            this.out = out;
        }

        @Override
        String readLine(String prompt) throws IOException {
            out.print(prompt);
            out.flush();
            String line = in.readLine();
            // a pipe does not echo the line and its Enter: end the prompt's line, so that what follows (or the next
            // prompt, after a blank line) starts on a line of its own instead of "you> you> Commands:"
            if (line != null) out.println();
            return line;
        }
    }

    private static final class Edited extends ConsoleInput {
        private final Terminal terminal;
        private final LineReader reader;

        Edited(Terminal terminal) {
            this.terminal = terminal;
            this.reader = LineReaderBuilder.builder().terminal(terminal).appName("herald")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" in a question is text
                    .build();
        }

        @Override
        String readLine(String prompt) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            terminal.close();
        }
    }
}
