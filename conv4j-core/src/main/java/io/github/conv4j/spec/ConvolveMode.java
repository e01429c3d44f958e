package io.github.conv4j.spec;

/**
 * The output size of {@code convolve2d}, as in SciPy's {@code scipy.signal.convolve2d}.
 *
 * <pre>{@code
 * Functional.convolve2d(image, kernel, ConvolveMode.SAME, Boundary.SYMM, 0);
 * }</pre>
 */
public enum ConvolveMode {
    /** Every position where input and kernel overlap: {@code H + kH − 1}. */
    FULL,
    /** The input's size, centred on the full result (the full result starting at row {@code (kH − 1) / 2}). */
    SAME,
    /** Only positions where the kernel lies entirely inside the input: {@code H − kH + 1}. */
    VALID;

    /**
     * Parses {@code full}, {@code same} or {@code valid}.
     *
     * @param name the name, case-insensitive
     * @return the mode
     * @throws IllegalArgumentException if unknown
     */
    public static ConvolveMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mode: unknown convolve2d mode '" + name + "' (expected full, same or valid)");
        }
    }
}
