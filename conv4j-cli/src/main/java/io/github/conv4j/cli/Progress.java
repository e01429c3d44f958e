package io.github.conv4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress line of a training loop on stderr: epoch/total, loss, epochs per second and the time left. On a
 * terminal it is one line rewritten in place with a carriage return (at most ten times a second, so printing never
 * slows the loop); elsewhere (a log file, a pipe) carriage returns would garble the output, so it prints a plain line
 * about every tenth of the run instead.
 */
final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean silent;
    private final int total;
    private final int every;
    private final long start;
    private long lastDraw;
    private int width;

    /**
     * Starts the clock.
     *
     * @param err where the line goes
     * @param terminal whether err is a terminal ({@code System.console() != null})
     * @param silent print nothing ({@code --quiet})
     * @param total the number of epochs
     */
    Progress(PrintWriter err, boolean terminal, boolean silent, int total) {
        this.err = err;
        this.terminal = terminal;
        this.silent = silent;
        this.total = total;
        this.every = Math.max(1, total / 10);
        this.start = System.nanoTime();
        this.lastDraw = start - REDRAW_NANOS;
    }

    /** Reports that {@code epoch} (1-based) finished with {@code loss}. */
    void update(int epoch, double loss) {
        if (silent) {
            return;
        }
        long now = System.nanoTime();
        boolean last = epoch == total;
        if (terminal) {
            if (last || now - lastDraw >= REDRAW_NANOS) {
                String line = line(epoch, loss, now);
                // Spaces wipe the tail of a longer previous line.
                err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                width = line.length();
                err.flush();
                lastDraw = now;
            }
        } else if (last || epoch % every == 0) {
            err.println(line(epoch, loss, now));
            err.flush();
        }
    }

    /** Ends the in-place line so that what follows starts on a fresh line. */
    void finish() {
        if (!silent && terminal && width > 0) {
            err.println();
            err.flush();
        }
    }

    private String line(int epoch, double loss, long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        double rate = epoch / seconds;
        double eta = (total - epoch) / rate;
        int digits = String.valueOf(total).length();
        return String.format(
                Locale.ROOT,
                "epoch %" + digits + "d/%d  loss %.4e  %.1f epochs/s  ETA %s",
                epoch,
                total,
                loss,
                rate,
                duration(eta));
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600
                ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
