package dev.herald.ingest;

import dev.herald.article.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.herald.ingest.ArticleLoader.LoadResult;
import dev.herald.ingest.ArticleLoader.Skipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleFilesTest {

    @TempDir
    Path dir;

    private final ArticleFiles files = new ArticleFiles();

    private static String onlyReason(LoadResult result) {
        assertTrue(result.articles().isEmpty(), () -> "unexpected articles: " + result.articles());
        assertEquals(1, result.skipped().size(), () -> result.skipped().toString());
        return result.skipped().get(0).reason();
    }

    @Test
    void should_load_each_format_when_files_are_given_one_by_one() throws IOException {
        // given
        Path txt = Files.writeString(dir.resolve("a.txt"), "title: Plain\n\nPlain text.");
        Path md = Files.writeString(dir.resolve("b.md"), "---\ntitle: Marked\n---\nMarked *text*.");
        Path html = Files.writeString(dir.resolve("c.htm"), "<title>Page</title><article><p>Html text.</p></article>");
        Path json = Files.writeString(dir.resolve("d.json"), "{\"title\": \"Json\", \"text\": \"Json text.\"}");
        Path jsonl = Files.writeString(dir.resolve("e.JSONL"), "{\"title\": \"Line\", \"text\": \"Line text.\"}\n");
        // when
        List<String> titles = new ArrayList<>();
        for (Path p : List.of(txt, md, html, json, jsonl)) {
            LoadResult r = files.loadPath(p);
            assertTrue(r.skipped().isEmpty(), () -> r.skipped().toString());
            titles.add(r.articles().get(0).title());
        }
        // then
        assertEquals(List.of("Plain", "Marked", "Page", "Json", "Line"), titles);
    }

    @Test
    void should_skip_with_empty_file_when_file_has_no_bytes() throws IOException {
        // given
        Path file = Files.createFile(dir.resolve("empty.md"));
        // when
        String reason = onlyReason(files.loadPath(file));
        // then
        assertEquals("empty file", reason);
    }

    @Test
    void should_skip_as_binary_when_file_contains_nul_bytes() throws IOException {
        // given
        Path file = Files.write(dir.resolve("photo.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I'});
        // when
        String reason = onlyReason(files.loadPath(file));
        // then
        assertEquals("binary file, not text", reason);
    }

    @Test
    void should_skip_as_binary_when_file_is_mostly_undecodable() throws IOException {
        // given bytes that are neither NUL nor valid UTF-8
        byte[] bytes = new byte[4000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (0x80 + (i * 7) % 0x7F);
        Path file = Files.write(dir.resolve("blob.md"), bytes);
        // when
        String reason = onlyReason(files.loadPath(file));
        // then
        assertEquals("binary file, not text", reason);
    }

    @Test
    void should_skip_with_size_when_file_is_over_the_limit() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("big.txt"), "x".repeat(2500));
        // when
        String reason = onlyReason(new ArticleFiles(1000).loadPath(file));
        // then
        assertEquals("file is 2.5 KB, over the 1 KB limit", reason);
    }

    @Test
    void should_describe_sizes_in_megabytes_when_files_are_large() {
        // given a 25.3 MB file and the default limit
        // when
        String size = FileCheck.describe(25_300_000L);
        String limit = FileCheck.describeLimit(ArticleFiles.DEFAULT_SIZE_LIMIT);
        // then
        assertEquals("file is 25.3 MB, over the 20 MB limit", "file is " + size + ", over the " + limit + " limit");
    }

    @Test
    void should_not_apply_size_limit_when_file_is_jsonl() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("big.jsonl"), ("{\"text\": \"" + "y".repeat(600) + "\"}\n").repeat(3));
        // when
        LoadResult result = new ArticleFiles(1000).loadPath(file);
        // then
        assertEquals(3, result.articles().size());
        assertTrue(result.skipped().isEmpty());
    }

    @Test
    void should_name_supported_types_when_explicit_file_has_unsupported_extension() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("notes.xyz"), "hello");
        // when
        String reason = onlyReason(files.loadPath(file));
        // then
        assertEquals("unsupported file type .xyz (supported: txt, md, html, htm, json, jsonl)", reason);
    }

    @Test
    void should_replace_bad_bytes_and_load_when_text_is_invalid_utf8() throws IOException {
        // given "Café" in Latin-1 inside otherwise UTF-8 text
        byte[] head = "title: Caf".getBytes(StandardCharsets.UTF_8);
        byte[] rest = " review\n\nGood coffee, fair prices.".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + rest.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9;
        System.arraycopy(rest, 0, bytes, head.length + 1, rest.length);
        Path file = Files.write(dir.resolve("latin1.txt"), bytes);
        // when
        LoadResult result = files.loadPath(file);
        // then
        assertTrue(result.skipped().isEmpty(), () -> result.skipped().toString());
        assertEquals("Caf\uFFFD review", result.articles().get(0).title());
    }

    @Test
    void should_skip_a_named_pipe_without_reading_it_when_named_or_in_a_folder() throws Exception {
        // given a FIFO named like an article (reading it would wait for a writer for ever)
        Path fifo = dir.resolve("wire.txt");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        // when
        String named = onlyReason(files.loadPath(fifo));
        List<Skipped> inFolder = new ArrayList<>();
        files.forEach(dir, a -> { }, inFolder::add);
        // then both say why, and the test returns (nothing blocked on the pipe)
        assertEquals("not a regular file (a pipe, socket or device)", named);
        assertEquals(List.of(new Skipped(fifo.toString(), "not a regular file (a pipe, socket or device)")), inFolder);
    }

    @Test
    void should_skip_with_no_such_file_when_path_is_missing() {
        // given
        Path missing = dir.resolve("nope");
        // when
        String reason = onlyReason(files.loadPath(missing));
        // then
        assertEquals("no such file or directory", reason);
    }

    @Test
    void should_load_good_files_in_sorted_order_and_skip_bad_ones_when_folder_is_mixed() throws IOException {
        // given
        Path nested = Files.createDirectories(dir.resolve("b-dir/inner"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD.txt"), "title: Hidden folder\n\nNo.");
        Files.writeString(dir.resolve(".hidden.md"), "# Hidden file\n\nNo.");
        Files.writeString(dir.resolve("c.md"), "# Third\n\nText.");
        Files.writeString(dir.resolve("a.txt"), "title: First\n\nText.");
        Files.writeString(nested.resolve("z.html"), "<title>Second</title><p>Nested page.</p>");
        Files.writeString(dir.resolve("image.png"), "not really a png");
        Files.createFile(dir.resolve("d-empty.txt"));
        Files.write(dir.resolve("e-binary.md"), new byte[] {1, 0, 2, 0});
        Files.writeString(dir.resolve("f.jsonl"), "{\"text\": \"ok\", \"title\": \"Fourth\"}\nnot json\n");
        // when
        List<Article> articles = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        files.forEach(dir, articles::add, skipped::add);
        // then
        assertEquals(List.of("First", "Second", "Third", "Fourth"), articles.stream().map(Article::title).toList());
        assertEquals(List.of(
                new Skipped(dir.resolve("d-empty.txt").toString(), "empty file"),
                new Skipped(dir.resolve("e-binary.md").toString(), "binary file, not text")),
                skipped.subList(0, 2));
        assertEquals(dir.resolve("f.jsonl") + ":2", skipped.get(2).where());
        assertEquals(3, skipped.size(), "unsupported files in a folder are ignored silently");
        LoadResult same = files.loadPath(dir);
        assertEquals(articles, same.articles());
    }
}
