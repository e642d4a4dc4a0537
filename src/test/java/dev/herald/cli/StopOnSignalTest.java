package dev.herald.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code herald ingest} in a child JVM (real model, real SQLite file), stopped with SIGTERM half-way. */
class StopOnSignalTest {

    private static final Pattern CHUNKS = Pattern.compile(" (\\d+) chunks ");

    @TempDir
    Path dir;

    @Test
    void should_print_the_closing_summary_saying_stopped_early_when_sigterm_arrives_during_ingest() throws Exception {
        // given an ingest of 1,500 articles under way (minutes of embedding on this machine)
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add("{\"id\": \"s" + i + "\", \"title\": \"Story " + i + "\", \"text\": \""
                    + ("The council met on day " + i + " to discuss the budget of the city. ").repeat(6) + "\"}");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("big.jsonl"), lines);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", absoluteClassPath(), Main.class.getName(), "ingest", "data/big.jsonl",
                "--db", "data/h.db").directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
        Process child = pb.start();
        try {
            // when: some chunks are stored (progress lines come every 5 s when output is not a terminal), SIGTERM
            while (child.isAlive() && !storedSome(Files.readString(err))) Thread.sleep(200);
            child.destroy();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "ingest did not stop on SIGTERM");
        } finally {
            child.destroyForcibly();
        }

        // then: it stopped cleanly, and said so with its counts
        String printed = Files.readString(out);
        assertEquals(130, child.exitValue(), printed + Files.readString(err));
        assertTrue(printed.startsWith("Stopped early (run again to resume): "), printed);
        assertTrue(printed.matches("(?s).*: [1-9]\\d* added.*"), printed);
    }

    /** The test class path with each entry absolute: the child runs in another folder. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static boolean storedSome(String progress) {
        Matcher m = CHUNKS.matcher(progress);
        while (m.find()) if (Integer.parseInt(m.group(1)) > 0) return true;
        return false;
    }
}
