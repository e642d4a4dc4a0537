package dev.herald.ingest;

import dev.herald.article.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads {@code .json} (one object or an array of objects) and {@code .jsonl} (one object per line). Both are read
 * as streams, one article at a time, so a corpus of any size costs memory only for the articles the caller keeps.
 */
public final class JsonArticleLoader implements ArticleLoader {

    private static final Set<String> EXTENSIONS = Set.of("json", "jsonl");
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public boolean supports(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public LoadResult load(Path file) {
        List<Article> articles = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        forEach(file, articles::add, skipped::add);
        return new LoadResult(articles, skipped);
    }

    @Override
    public void forEach(Path file, Consumer<Article> sink, Consumer<Skipped> skipped) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (BufferedReader reader = TextFiles.reader(file)) {
            if (name.endsWith(".jsonl")) readLines(file, reader, sink, skipped);
            else readDocument(file, reader, sink, skipped);
        } catch (IOException e) {
            skipped.accept(new Skipped(file.toString(), IoMessages.of(e)));
        }
    }

    private void readLines(Path file, BufferedReader reader, Consumer<Article> sink, Consumer<Skipped> skipped)
            throws IOException {
        int lineNo = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            String json = lineNo == 1 ? TextFiles.stripBom(line) : line;
            if (json.isBlank()) continue;
            String where = file + ":" + lineNo;
            JsonNode node;
            try {
                node = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                skipped.accept(new Skipped(where, reason(e)));
                continue;
            }
            JsonArticleFields.map(node, where, file + "#" + lineNo, sink, skipped);
        }
    }

    /** A single object or an array of objects, streamed element by element; a syntax error ends the file there. */
    private void readDocument(Path file, Reader reader, Consumer<Article> sink, Consumer<Skipped> skipped)
            throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                JsonArticleFields.map(mapper.readTree(parser), file + ":1", file.toString(), sink, skipped);
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    long line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = mapper.readTree(parser);
                    // the index names the element even when the whole array is on one line (as most tools write it)
                    JsonArticleFields.map(node, file + "[" + index + "] (line " + line + ")", file + "#" + line,
                            sink, skipped);
                    index++;
                }
            } else {
                skipped.accept(new Skipped(file.toString(), "expected a JSON object or an array of objects"));
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            skipped.accept(new Skipped(file + (line > 0 ? ":" + line : ""), reason(e)));
        }
    }

    private String reason(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            // Jackson's own text names its StreamReadConstraints method; a reader of the ingest summary needs the size
            long limit = mapper.getFactory().streamReadConstraints().getMaxStringLength();
            return "a JSON value is longer than " + limit / 1_000_000 + " million characters, far beyond any article"
                    + " (is it a whole corpus in one field?)";
        }
        return "malformed JSON: " + e.getOriginalMessage();
    }
}
