package io.github.conv4j.image;

/**
 * How {@link ImageTensors#read(java.nio.file.Path, ImageReadOptions)} decodes a file.
 *
 * <pre>{@code
 * ImageReadOptions.defaults().maxPixels(4_000_000).raw(true);
 * }</pre>
 *
 * @param maxPixels the largest width × height accepted; checked from the header before any pixel is decoded
 * @param raw {@code true} to keep the stored sample values (0..255 or 0..65535) instead of scaling to [0, 1]
 * @param gray {@code true} to convert colour images to one luma channel (see {@link Filters#toGray})
 */
public record ImageReadOptions(long maxPixels, boolean raw, boolean gray) {
    /** 100 megapixels: large photos pass, decompression bombs do not. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /**
     * Validates the options.
     *
     * @param maxPixels the largest width × height accepted, {@code >= 1}
     * @param raw whether to keep the stored sample values
     * @param gray whether to convert to one luma channel
     * @throws IllegalArgumentException if {@code maxPixels < 1}
     */
    public ImageReadOptions {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
    }

    /**
     * Scaled to [0, 1], channels as stored, 100-megapixel limit.
     *
     * @return the default options
     */
    public static ImageReadOptions defaults() {
        return new ImageReadOptions(DEFAULT_MAX_PIXELS, false, false);
    }

    /**
     * Returns a copy with another pixel limit.
     *
     * @param value the largest width × height accepted, {@code >= 1}
     * @return the new options
     */
    public ImageReadOptions maxPixels(long value) {
        return new ImageReadOptions(value, raw, gray);
    }

    /**
     * Returns a copy that keeps or scales the raw sample values.
     *
     * @param value {@code true} for raw values
     * @return the new options
     */
    public ImageReadOptions raw(boolean value) {
        return new ImageReadOptions(maxPixels, value, gray);
    }

    /**
     * Returns a copy that converts to gray or keeps the channels.
     *
     * @param value {@code true} for one luma channel
     * @return the new options
     */
    public ImageReadOptions gray(boolean value) {
        return new ImageReadOptions(maxPixels, raw, value);
    }
}
