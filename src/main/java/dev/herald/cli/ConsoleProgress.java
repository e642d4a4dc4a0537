package dev.herald.cli;

import dev.herald.ingest.IngestProgress;

import java.io.PrintWriter;

/**
 * A progress bar on standard error: articles, chunks, rate and time left. On a terminal it redraws one line; when
 * output goes to a file or CI log it prints a line every few seconds instead.
 */
final class ConsoleProgress implements IngestProgress {

    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final boolean redraw;
    private long lastLineAt = -1;
    private boolean drew;
    private String unprinted;
    private String lastPrinted;

    ConsoleProgress(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** On the command's error stream (standard error), redrawn when the process runs in a terminal. */
    static ConsoleProgress on(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public void update(int articles, int total, int chunks, long elapsedMillis) {
        String line = line(articles, total, chunks, elapsedMillis);
        if (!redraw && lastLineAt >= 0 && elapsedMillis - lastLineAt < 5000) {
            // the final state is printed by done(), unless it is the line already printed (the last batch's
            // report and the run's closing one are often the same, and a log showed it twice)
            unprinted = line.equals(lastPrinted) ? null : line;
            return;
        }
        unprinted = null;
        lastLineAt = elapsedMillis;
        if (redraw) {
            out.print("\r" + line + "   ");
            drew = true;
        } else {
            out.println(line);
        }
        lastPrinted = line;
        out.flush();
    }

    /** Ends the redrawn line so the summary starts on its own. */
    void done() {
        if (drew) out.println();
        out.flush();
        drew = false;
        if (unprinted != null) out.println(unprinted);
        unprinted = null;
        out.flush();
    }

    static String line(int articles, int total, int chunks, long elapsedMillis) {
        double seconds = Math.max(0.001, elapsedMillis / 1000.0);
        StringBuilder sb = new StringBuilder();
        // the total is an estimate (one article per file, one per JSONL line): a .json array holds more, and
        // "9/8 articles" helps nobody, so past it only the count is shown
        boolean known = total > 0 && articles <= total;
        if (known) {
            int filled = (int) Math.min(WIDTH, Math.round(WIDTH * (double) articles / total));
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(articles).append('/').append(total).append(total == 1 ? " article" : " articles");
        } else {
            sb.append(plural(articles, "article"));
        }
        sb.append(" · ").append(plural(chunks, "chunk")).append(String.format(" · %.1f chunks/s", chunks / seconds));
        if (known && articles > 0 && articles < total) {
            long eta = Math.round(seconds * (total - articles) / articles);
            sb.append(" · ETA ").append(duration(eta));
        }
        sb.append(" · ").append(duration(Math.round(seconds)));
        return sb.toString();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String duration(long s) {
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
