package dev.herald.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns user files into text. Invalid UTF-8 becomes U+FFFD instead of failing: one bad byte in a scraped article
 * should not cost the whole article.
 */
public final class TextFiles {

    private TextFiles() {
    }

    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    public static String decode(byte[] bytes) {
        try {
            return stripBom(lenientUtf8().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            // REPLACE never reports malformed input; this would be a JDK bug.
            throw new IllegalStateException(e);
        }
    }

    /** A line reader for big files (JSONL corpora) so they are never held in memory whole. */
    public static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(in, lenientUtf8()), 1 << 16);
    }

    public static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static CharsetDecoder lenientUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
