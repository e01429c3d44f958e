package io.github.conv4j.spec;

/**
 * How values outside the input are defined when a convolution or {@code pad} reaches past the border.
 *
 * <p>Name crosswalk (input {@code a b c d}, two pixels of padding on the left):
 *
 * <table>
 *   <caption>Border modes in conv4j, PyTorch, OpenCV, SciPy and NumPy</caption>
 *   <tr><th>conv4j</th><th>left pad</th><th>PyTorch</th><th>OpenCV</th><th>SciPy ndimage</th><th>SciPy signal</th>
 *       <th>NumPy pad</th></tr>
 *   <tr><td>ZEROS</td><td>0 0</td><td>zeros</td><td>BORDER_CONSTANT(0)</td><td>constant(0)</td><td>fill</td>
 *       <td>constant</td></tr>
 *   <tr><td>CONSTANT</td><td>v v</td><td>F.pad constant</td><td>BORDER_CONSTANT</td><td>constant</td>
 *       <td>fill + fillvalue</td><td>constant</td></tr>
 *   <tr><td>REFLECT</td><td>c b</td><td>reflect</td><td>BORDER_REFLECT_101</td><td>mirror</td><td>-</td>
 *       <td>reflect</td></tr>
 *   <tr><td>SYMMETRIC</td><td>b a</td><td>-</td><td>BORDER_REFLECT</td><td>reflect</td><td>symm</td>
 *       <td>symmetric</td></tr>
 *   <tr><td>REPLICATE</td><td>a a</td><td>replicate</td><td>BORDER_REPLICATE</td><td>nearest</td><td>-</td>
 *       <td>edge</td></tr>
 *   <tr><td>CIRCULAR</td><td>c d</td><td>circular</td><td>BORDER_WRAP</td><td>grid-wrap</td><td>wrap</td>
 *       <td>wrap</td></tr>
 * </table>
 *
 * <p>Pads wider than the input are extended periodically, as NumPy's {@code np.pad} does (reflect with period
 * 2(n−1), symmetric 2n, circular n); PyTorch refuses such pads.
 *
 * <pre>{@code
 * Conv2dOptions.defaults().padding(1).paddingMode(PaddingMode.REFLECT);
 * }</pre>
 */
public enum PaddingMode {
    /** Zeros outside the input. */
    ZEROS,
    /** A constant value outside the input (see {@link Conv2dOptions#paddingValue(double)}). */
    CONSTANT,
    /** Mirror without repeating the edge: {@code d c b | a b c d | c b a}. */
    REFLECT,
    /** Mirror repeating the edge: {@code c b a | a b c d | d c b}. PyTorch lacks it. */
    SYMMETRIC,
    /** Repeat the edge value: {@code a a a | a b c d | d d d}. */
    REPLICATE,
    /** Wrap around: {@code b c d | a b c d | a b c}. */
    CIRCULAR;

    /**
     * Parses a mode by its conv4j, PyTorch, NumPy or SciPy name ({@code zeros}, {@code constant}, {@code reflect},
     * {@code symmetric}/{@code symm}, {@code replicate}/{@code edge}, {@code circular}/{@code wrap}).
     *
     * @param name the name, case-insensitive
     * @return the mode
     * @throws IllegalArgumentException if the name is unknown
     */
    public static PaddingMode parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "zeros", "zero", "fill" -> ZEROS;
            case "constant" -> CONSTANT;
            case "reflect", "mirror", "reflect_101", "reflect101" -> REFLECT;
            case "symmetric", "symm" -> SYMMETRIC;
            case "replicate", "edge", "nearest" -> REPLICATE;
            case "circular", "wrap" -> CIRCULAR;
            default ->
                throw new IllegalArgumentException("paddingMode: unknown mode '" + name
                        + "' (expected zeros, constant, reflect, symmetric, replicate or circular)");
        };
    }

    /**
     * Maps a coordinate outside {@code [0, n)} to the input coordinate whose value it takes, or {@code -1} when the
     * value is the constant (ZEROS, CONSTANT). Coordinates inside are returned unchanged.
     *
     * @param i the coordinate, any integer
     * @param n the size of the dimension, {@code >= 1}
     * @return the source coordinate in {@code [0, n)}, or {@code -1}
     */
    public int sourceIndex(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case ZEROS, CONSTANT:
                return -1;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case CIRCULAR:
                return Math.floorMod(i, n);
            case REFLECT: {
                if (n == 1) {
                    return 0;
                }
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
            case SYMMETRIC: {
                int period = 2 * n;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - 1 - m;
            }
            default:
                throw new AssertionError(this);
        }
    }
}
