package dev.herald.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Herald's packages form one stack: each may use only the packages above it in {@link #LAYERS}, so every part can be
 * understood from the parts below it and no cycle can creep in. Read from the sources' imports and fully qualified
 * names (a plain test: ArchUnit would add a dependency and ~4 s of class scanning for the same 30 lines).
 */
class PackageLayersTest {

    /** Top first. Packages on one line are peers that must not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("text", "config"),
            List.of("article"),
            List.of("store"),
            List.of("index"),
            List.of("ingest"),
            List.of("sources"),
            List.of("library"),
            List.of("retrieval"),
            List.of("answer"),
            List.of("answer.llm"),
            List.of("chat"),
            // operations: health checks, metrics and the embedded HTTP server the front ends report to and mount on
            List.of("ops"),
            // front ends: peers that receive narrow services, never the composition root or the database
            List.of("telegram", "eval"),
            // the composition root builds everything above; the command line (the process entry point) opens it and
            // hands each front end what it needs
            List.of(""),
            List.of("cli"));

    private static final Path SOURCES = Path.of("src/main/java/dev/herald");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.herald\\.((?:[a-z]+\\.)*)([A-Z]\\w*)");

    @Test
    void should_use_only_packages_above_when_any_class_imports_another() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String from = packageOf(file);
                String source = Files.readString(file);
                Matcher m = REFERENCE.matcher(source.replaceFirst("(?m)^package .*$", ""));
                while (m.find()) {
                    String to = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    if (to.equals(from)) continue;
                    if (!allowed(from, to)) violations.add(name(from) + " -> " + name(to) + " in " + SOURCES.relativize(file));
                }
            }
        }
        assertTrue(files > 50, "sources not found from " + Path.of("").toAbsolutePath());
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    @Test
    void should_list_every_package_when_a_new_one_is_added() throws IOException {
        List<String> unlisted = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                String p = packageOf(file);
                if (layerOf(p) < 0 && !unlisted.contains(p)) unlisted.add(p);
            }
        }
        assertEquals(List.of(), unlisted, "add new packages to LAYERS");
    }

    private static boolean allowed(String from, String to) {
        int f = layerOf(from);
        int t = layerOf(to);
        return t >= 0 && t < f;
    }

    /** The layer of a package; a sub-package not listed on its own belongs to its parent's layer. */
    private static int layerOf(String pkg) {
        for (String p = pkg; ; p = p.substring(0, p.lastIndexOf('.'))) {
            for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).contains(p)) return i;
            if (!p.contains(".")) return -1;
        }
    }

    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file.getParent());
        return dir.toString().replace('/', '.').replace('\\', '.');
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "dev.herald (Herald)" : pkg;
    }
}
