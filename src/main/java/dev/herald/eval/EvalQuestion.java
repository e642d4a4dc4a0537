package dev.herald.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark question. Only the fields the evaluation needs are read: the quiz explanation (which contains the
 * answer) is deliberately never loaded, so it cannot reach the system under test.
 *
 * @param asOf end of the question's date (UTC), the moment the bot is asked: later articles are invisible
 */
public record EvalQuestion(String id, String question, List<String> answers, List<String> relevantIds,
                           LocalDate questionDate, boolean needsChoices, String type, Instant asOf) {

    public EvalQuestion {
        answers = List.copyOf(answers);
        relevantIds = List.copyOf(relevantIds);
    }

    public boolean labelled() {
        return !relevantIds.isEmpty();
    }

    /** End of the day (23:59:59.999999999Z), as {@code --as-of DATE} reads a date. */
    public static Instant endOfDay(LocalDate day) {
        return day.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC);
    }

    /** Questions read from a JSONL file, and the lines that could not be read (with their line numbers). */
    public record Loaded(List<EvalQuestion> questions, List<String> problems) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a JSONL question file; a malformed line is reported as a problem and skipped. */
    public static Loaded read(Path file) throws IOException {
        List<EvalQuestion> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                try {
                    out.add(parse(line));
                } catch (IllegalArgumentException e) {
                    problems.add("line " + lineNo + ": " + e.getMessage());
                }
            }
        }
        return new Loaded(out, problems);
    }

    /** Parses one line; throws IllegalArgumentException saying what is wrong. */
    static EvalQuestion parse(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
        String id = text(n, "id");
        String question = text(n, "question");
        String date = text(n, "question_date");
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("question_date is not YYYY-MM-DD: " + date);
        }
        JsonNode type = n.get("type");
        return new EvalQuestion(id, question, strings(n, "answers"), strings(n, "relevant_ids"), day,
                n.path("needs_choices").asBoolean(false), type == null || type.isNull() ? null : type.asText(),
                endOfDay(day));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing or empty field '" + field + "'");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw new IllegalArgumentException("field '" + field + "' is not a list");
        for (JsonNode e : v) if (e.isValueNode() && !e.isNull()) out.add(e.asText());
        return out;
    }
}
