package io.github.conv4j.spec;

/**
 * How {@code convolve2d} extends the input past its border, as in SciPy's {@code scipy.signal.convolve2d}.
 *
 * <pre>{@code
 * Functional.convolve2d(image, kernel, ConvolveMode.SAME, Boundary.WRAP, 0);
 * }</pre>
 */
public enum Boundary {
    /** A constant ({@code fillvalue}, 0 by default): {@link PaddingMode#CONSTANT}. */
    FILL(PaddingMode.CONSTANT),
    /** Periodic: {@link PaddingMode#CIRCULAR}. */
    WRAP(PaddingMode.CIRCULAR),
    /** Mirrored with the edge repeated: {@link PaddingMode#SYMMETRIC}. */
    SYMM(PaddingMode.SYMMETRIC);

    private final PaddingMode paddingMode;

    Boundary(PaddingMode paddingMode) {
        this.paddingMode = paddingMode;
    }

    /**
     * The equivalent padding mode.
     *
     * @return the mode used to pad the input
     */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    /**
     * Parses {@code fill}, {@code wrap}/{@code circular} or {@code symm}/{@code symmetric}.
     *
     * @param name the name, case-insensitive
     * @return the boundary
     * @throws IllegalArgumentException if unknown
     */
    public static Boundary parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "fill", "constant" -> FILL;
            case "wrap", "circular" -> WRAP;
            case "symm", "symmetric" -> SYMM;
            default ->
                throw new IllegalArgumentException(
                        "boundary: unknown boundary '" + name + "' (expected fill, wrap or symm)");
        };
    }
}
