package dev.herald.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static List<String> lines(StringWriter sink) {
        return sink.toString().lines().toList();
    }

    @Test
    void should_print_the_final_state_once_when_output_goes_to_a_file() {
        // given progress written to a log, not a terminal
        StringWriter sink = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(sink), false);

        // when the last batch and the run's end report the same state, as an ingest does
        p.update(0, 4, 0, 0);
        p.update(4, 4, 2, 6_000);
        p.update(4, 4, 2, 6_000);
        p.done();

        // then
        assertEquals(2, lines(sink).size(), sink.toString());
        assertEquals(ConsoleProgress.line(4, 4, 2, 6_000), lines(sink).get(1));
    }

    @Test
    void should_print_a_state_held_back_by_the_interval_when_done() {
        // given
        StringWriter sink = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(sink), false);

        // when the end comes less than five seconds after the last printed line
        p.update(1, 4, 1, 0);
        p.update(4, 4, 2, 900);
        p.done();

        // then it is printed at the end, once
        assertEquals(List.of(ConsoleProgress.line(1, 4, 1, 0), ConsoleProgress.line(4, 4, 2, 900)), lines(sink));
    }
}
