package dev.herald.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalQuestionTest {

    @TempDir
    Path dir;

    @Test
    void should_ask_at_the_end_of_the_question_date_when_reading_a_question() {
        // given
        String line = "{\"id\": \"q1\", \"question\": \"Who won?\", \"answers\": [\"Ann\"], \"relevant_ids\": [\"a\"],"
                + " \"question_date\": \"2022-06-16\", \"needs_choices\": true, \"type\": \"gold\","
                + " \"quiz_explanation\": \"Ann won.\"}";

        // when
        EvalQuestion q = EvalQuestion.parse(line);

        // then
        assertEquals(Instant.parse("2022-06-16T23:59:59.999999999Z"), q.asOf());
        assertEquals(List.of("Ann"), q.answers());
        assertTrue(q.labelled());
        assertTrue(q.needsChoices());
        assertFalse(q.toString().contains("Ann won"), "the quiz explanation is never kept");
    }

    @Test
    void should_report_malformed_lines_by_number_and_keep_the_rest_when_reading_a_file() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("q.jsonl"), String.join("\n",
                "{\"id\": \"q1\", \"question\": \"A?\", \"question_date\": \"2022-06-16\"}",
                "",
                "not json",
                "{\"id\": \"q2\", \"question\": \"B?\"}",
                "{\"id\": \"q3\", \"question\": \"C?\", \"question_date\": \"16/06/2022\"}",
                "{\"id\": \"q4\", \"question\": \"D?\", \"question_date\": \"2022-06-17\", \"relevant_ids\": []}"));

        // when
        EvalQuestion.Loaded loaded = EvalQuestion.read(file);

        // then
        assertEquals(List.of("q1", "q4"), loaded.questions().stream().map(EvalQuestion::id).toList());
        assertEquals(3, loaded.problems().size());
        assertTrue(loaded.problems().get(0).startsWith("line 3: malformed JSON"), loaded.problems().get(0));
        assertTrue(loaded.problems().get(1).startsWith("line 4: missing or empty field 'question_date'"));
        assertTrue(loaded.problems().get(2).startsWith("line 5: question_date is not YYYY-MM-DD"));
        assertFalse(loaded.questions().get(1).labelled());
    }
}
