package dev.herald.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Drops control characters on their way to the terminal. Article titles and text come from the web and from files
 * anyone can write: an ANSI escape in a title ({@code ESC[2J}) would clear the admin's screen or recolour what follows,
 * a backspace or carriage return could hide part of a line. Line feeds and tabs pass; carriage returns pass only
 * where Herald draws progress with them (standard error).
 */
final class TerminalSafeWriter extends FilterWriter {

    private final boolean keepCarriageReturn;

    TerminalSafeWriter(Writer out, boolean keepCarriageReturn) {
        super(out);
        this.keepCarriageReturn = keepCarriageReturn;
    }

    boolean passes(int c) {
        if (c == '\n' || c == '\t') return true;
        if (c == '\r') return keepCarriageReturn;
        return !(c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    @Override
    public void write(int c) throws IOException {
        if (passes(c)) out.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (!passes(buf[i])) {
                if (i > start) out.write(buf, start, i - start);
                start = i + 1;
            }
        }
        if (end > start) out.write(buf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        char[] part = new char[len]; // only the slice asked for, not a copy of the whole string
        str.getChars(off, off + len, part, 0);
        write(part, 0, len);
    }
}
