package io.github.conv4j.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training-loss curve rendered as a PNG with axes, ticks and labels (drawn by XChart), loss against epoch, with an
 * optional logarithmic loss axis. Instances are immutable; the {@code with...} methods return modified copies.
 *
 * <p>Rendering needs no display: {@code java.awt.headless} is set to {@code true} unless the caller has already
 * chosen. Non-finite losses (a diverged run) and, on a log axis, losses {@code <= 0} cannot be drawn and are left
 * out; a curve with nothing left to draw is refused.
 *
 * <pre>{@code
 * LossCurve.of(losses).withLogY(true).withTitle("learn 3x3").writePng(Path.of("loss.png"), false);
 * }</pre>
 */
public final class LossCurve {
    private final double[] losses;
    private final boolean logY;
    private final String title;
    private final int width;
    private final int height;

    private LossCurve(double[] losses, boolean logY, String title, int width, int height) {
        this.losses = losses;
        this.logY = logY;
        this.title = title;
        this.width = width;
        this.height = height;
    }

    /**
     * A curve of one loss value per epoch (epoch {@code i + 1} has {@code losses[i]}), 800x500 pixels, linear axes,
     * titled "training loss".
     *
     * @param losses the values; copied
     * @return the curve
     * @throws IllegalArgumentException if {@code losses} is null or empty
     */
    public static LossCurve of(double[] losses) {
        if (losses == null || losses.length == 0) {
            throw new IllegalArgumentException("LossCurve: no loss values to plot");
        }
        return new LossCurve(losses.clone(), false, "training loss", 800, 500);
    }

    /**
     * Chooses a logarithmic loss axis, which shows the late, slow part of a descent that a linear axis flattens.
     *
     * @param log whether the y axis is logarithmic
     * @return a copy with that setting
     */
    public LossCurve withLogY(boolean log) {
        return new LossCurve(losses, log, title, width, height);
    }

    /**
     * Sets the chart title.
     *
     * @param text the title; not null
     * @return a copy with that title
     * @throws IllegalArgumentException if {@code text} is null
     */
    public LossCurve withTitle(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LossCurve: title must not be null");
        }
        return new LossCurve(losses, logY, text, width, height);
    }

    /**
     * Sets the image size.
     *
     * @param w width in pixels, 200..8000
     * @param h height in pixels, 150..8000
     * @return a copy with that size
     * @throws IllegalArgumentException if a size is out of range
     */
    public LossCurve withSize(int w, int h) {
        if (w < 200 || w > 8000 || h < 150 || h > 8000) {
            throw new IllegalArgumentException(
                    "LossCurve: size must be 200..8000 x 150..8000 pixels, got " + w + "x" + h);
        }
        return new LossCurve(losses, logY, title, w, h);
    }

    /**
     * Draws the chart.
     *
     * @return an RGB image of the configured size
     * @throws IllegalArgumentException if no loss value can be drawn (all non-finite, or all {@code <= 0} on a log
     *     axis)
     */
    public BufferedImage render() {
        if (System.getProperty("java.awt.headless") == null) {
            // A plot is a file, never a window: without this a JVM with a stale DISPLAY may try to reach it.
            System.setProperty("java.awt.headless", "true");
        }
        double[] x = new double[losses.length];
        double[] y = new double[losses.length];
        int n = 0;
        for (int i = 0; i < losses.length; i++) {
            double v = losses[i];
            if (Double.isFinite(v) && (!logY || v > 0)) {
                x[n] = i + 1;
                y[n] = v;
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("LossCurve: none of the " + losses.length + " loss values can be drawn"
                    + (logY ? " on a log axis (all <= 0 or non-finite)" : " (all non-finite)"));
        }
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(logY ? "loss (log scale)" : "loss")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        XYSeries series = chart.addSeries("loss", Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(0x1f, 0x77, 0xb4));
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Renders the chart as PNG to a stream.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     * @throws IllegalArgumentException as {@link #render()}
     */
    public void writePng(OutputStream out) throws IOException {
        BufferedImage image = render();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("LossCurve: no PNG writer available");
        }
    }

    /**
     * Writes the PNG to a file atomically: rendered into a hidden temporary file in the same folder, then renamed
     * over the target, so a reader never sees half a file and a failure leaves the target as it was.
     *
     * @param file the PNG file
     * @param overwrite whether an existing file may be replaced
     * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
     * @throws IOException if writing or renaming fails
     * @throws IllegalArgumentException as {@link #render()}
     */
    public void writePng(Path file, boolean overwrite) throws IOException {
        Path target = file.toAbsolutePath();
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        // Rendering first means a chart that cannot be drawn creates no file at all.
        BufferedImage image = render();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("LossCurve: no PNG writer available");
                }
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails if the name appeared meanwhile, where a rename would silently replace it.
                try {
                    Files.createLink(target, temp);
                    Files.delete(temp);
                } catch (UnsupportedOperationException e) {
                    Files.move(temp, target);
                }
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * The number of loss values (epochs).
     *
     * @return {@code >= 1}
     */
    public int epochs() {
        return losses.length;
    }
}
