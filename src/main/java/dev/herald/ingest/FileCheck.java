package dev.herald.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The checks every file passes before a loader sees it; each returns a reason a user can act on, or null. */
final class FileCheck {

    static final int SNIFF_BYTES = 8 * 1024;
    static final String NOT_REGULAR = "not a regular file (a pipe, socket or device)";
    private static final long KB = 1_000;
    private static final long MB = 1_000_000;

    private FileCheck() {
    }

    /** Why the file cannot be loaded, or {@code null} when it looks like text of an acceptable size. */
    static String problem(Path file, long sizeLimit) throws IOException {
        // a named pipe would block the read below until something writes to it (for ever, in a cron job)
        if (!Files.isRegularFile(file)) return NOT_REGULAR;
        long size = Files.size(file);
        if (size == 0) return "empty file";
        if (size > sizeLimit) {
            return "file is " + describe(size) + ", over the " + describeLimit(sizeLimit) + " limit";
        }
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return looksBinary(head, n, size > n) ? "binary file, not text" : null;
    }

    /**
     * NUL bytes never occur in text; beyond that, a head that is mostly control characters or undecodable bytes is
     * binary. Stray invalid UTF-8 (a Latin-1 accent here and there) stays well under the threshold.
     */
    static boolean looksBinary(byte[] head, int length, boolean truncated) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) return true;
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) || b == 0x7F) control++;
        }
        if (length == 0) return false;
        if (control * 10 > length) return true;
        return replacementShare(head, length, truncated) > 0.3;
    }

    private static double replacementShare(byte[] head, int length, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length + 1);
        // When the sniff window cuts a multi-byte character, the decoder holds it back instead of replacing it.
        decoder.decode(ByteBuffer.wrap(head, 0, length), out, !truncated);
        out.flip();
        int bad = 0;
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\uFFFD') bad++;
        }
        return out.length() == 0 ? 0 : (double) bad / out.length();
    }

    /** "25.3 MB", "2.5 KB", "512 bytes": decimal units, as file managers show them. */
    static String describe(long bytes) {
        if (bytes >= MB) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
        if (bytes >= KB) return String.format(Locale.ROOT, "%.1f KB", bytes / (double) KB);
        return bytes + " bytes";
    }

    /** Limits are usually round, so "20 MB" reads better than "20.0 MB". */
    static String describeLimit(long bytes) {
        if (bytes >= MB && bytes % MB == 0) return bytes / MB + " MB";
        if (bytes >= KB && bytes < MB && bytes % KB == 0) return bytes / KB + " KB";
        return describe(bytes);
    }
}
