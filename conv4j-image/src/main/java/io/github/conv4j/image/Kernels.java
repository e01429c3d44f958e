package io.github.conv4j.image;

import io.github.conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel factory: classic image-processing kernels as 2-D float32 tensors {@code (kH, kW)}, written for
 * cross-correlation ({@code conv2d}), the deep-learning convention: {@code y[i,j] = Σ x[i+p, j+q]·k[p,q]}.
 *
 * <pre>{@code
 * Kernels.sobelX();          // [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
 * Kernels.derivative(2);     // [[1, -2, 1]]
 * Kernels.parse("gaussian:1.5");
 * Kernels.parse("1,-1;2,-2"); // [[1, -1], [2, -2]]
 * }</pre>
 */
public final class Kernels {
    private Kernels() {}

    /**
     * The seeds' edge kernel {@code [[1, -1]]}: {@code y[i,j] = x[i,j] − x[i,j+1]}, non-zero only at vertical edges.
     *
     * @return {@code (1, 2)}
     */
    public static Tensor edge() {
        return Tensor.of(new float[][] {{1, -1}});
    }

    /**
     * Sobel x: smoothing {@code [1,2,1]ᵀ} times central difference {@code [-1,0,1]}; responds to vertical edges,
     * positive where intensity grows to the right.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor sobelX() {
        return Tensor.of(new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
    }

    /**
     * Sobel y, the transpose of {@link #sobelX()}: positive where intensity grows downwards.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor sobelY() {
        return Tensor.of(new float[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
    }

    /**
     * Scharr x: smoothing {@code [3,10,3]ᵀ} times {@code [-1,0,1]}, better rotational symmetry than Sobel.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor scharrX() {
        return Tensor.of(new float[][] {{-3, 0, 3}, {-10, 0, 10}, {-3, 0, 3}});
    }

    /**
     * Scharr y, the transpose of {@link #scharrX()}.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor scharrY() {
        return Tensor.of(new float[][] {{-3, -10, -3}, {0, 0, 0}, {3, 10, 3}});
    }

    /**
     * Prewitt x: box smoothing {@code [1,1,1]ᵀ} times {@code [-1,0,1]}.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor prewittX() {
        return Tensor.of(new float[][] {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}});
    }

    /**
     * Prewitt y, the transpose of {@link #prewittX()}.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor prewittY() {
        return Tensor.of(new float[][] {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}});
    }

    /**
     * The 4-neighbour Laplacian {@code ∂²/∂x² + ∂²/∂y²}: {@code x[i−1,j] + x[i+1,j] + x[i,j−1] + x[i,j+1] − 4x[i,j]}.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor laplacian() {
        return Tensor.of(new float[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}});
    }

    /**
     * The 8-neighbour Laplacian: the sum of all eight neighbours minus {@code 8x[i,j]}, adding the diagonals.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor laplacian8() {
        return Tensor.of(new float[][] {{1, 1, 1}, {1, -8, 1}, {1, 1, 1}});
    }

    /**
     * A normalised 1-D Gaussian {@code g[i] = exp(−(i − r)² / (2σ²)) / Σ}, {@code r = (size − 1)/2}, summing to 1.
     *
     * @param sigma the standard deviation in pixels, {@code > 0}
     * @param size the number of taps, odd and {@code >= 1}
     * @return {@code (1, size)}
     * @throws IllegalArgumentException if sigma is not positive and finite or size is not odd and positive
     */
    public static Tensor gaussian1d(double sigma, int size) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("gaussian sigma must be positive and finite, got " + sigma);
        }
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException("gaussian size must be odd and >= 1, got " + size);
        }
        double[] g = new double[size];
        double r = (size - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
            sum += g[i];
        }
        float[][] row = new float[1][size];
        for (int i = 0; i < size; i++) {
            row[0][i] = (float) (g[i] / sum);
        }
        return Tensor.of(row);
    }

    /**
     * The default Gaussian size {@code 2⌈3σ⌉ + 1}: wide enough to hold 99.7% of the weight.
     *
     * @param sigma the standard deviation, {@code > 0}
     * @return an odd size
     */
    public static int gaussianSize(double sigma) {
        return 2 * (int) Math.ceil(3 * sigma) + 1;
    }

    /**
     * A normalised 2-D Gaussian of the default size {@link #gaussianSize(double)}.
     *
     * @param sigma the standard deviation in pixels, {@code > 0}
     * @return {@code (size, size)}, summing to 1
     */
    public static Tensor gaussian(double sigma) {
        return gaussian(sigma, gaussianSize(sigma));
    }

    /**
     * A normalised 2-D Gaussian, the outer product {@code g gᵀ} of {@link #gaussian1d(double, int)} with itself
     * (which is why blurring can run as two 1-D passes).
     *
     * @param sigma the standard deviation in pixels, {@code > 0}
     * @param size odd, {@code >= 1}
     * @return {@code (size, size)}, summing to 1
     * @throws IllegalArgumentException as {@link #gaussian1d(double, int)}
     */
    public static Tensor gaussian(double sigma, int size) {
        float[] g = gaussian1d(sigma, size).toFloatArray();
        float[][] k = new float[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i][j] = g[i] * g[j];
            }
        }
        return Tensor.of(k);
    }

    /**
     * The box (mean) filter: every tap {@code 1/k²}.
     *
     * @param k the side, {@code >= 1}
     * @return {@code (k, k)}, summing to 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static Tensor box(int k) {
        requirePositive("box size", k);
        return Tensor.full(1.0 / ((double) k * k), k, k);
    }

    /**
     * Sharpen: the identity minus the 4-neighbour Laplacian, {@code 5x[i,j] − (four neighbours)}; sums to 1.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor sharpen() {
        return Tensor.of(new float[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}});
    }

    /**
     * Emboss: a diagonal derivative plus the identity, lighting the image from the top left; sums to 1.
     *
     * @return {@code (3, 3)}
     */
    public static Tensor emboss() {
        return Tensor.of(new float[][] {{-2, -1, 0}, {-1, 1, 1}, {0, 1, 2}});
    }

    /**
     * The minimal finite-difference kernel of order {@code d} along x: {@code d + 1} taps
     * {@code k[j] = (−1)^j · C(d, j)}, the d-fold correlation of {@code [1, −1]} with itself; exact integers.
     * {@code d = 1}: {@code [1, −1]}; {@code d = 2}: {@code [1, −2, 1]}; {@code d = 3}: {@code [1, −3, 3, −1]}.
     *
     * @param d the order, {@code 0..60} (coefficients stay exact in float up to order 24)
     * @return {@code (1, d + 1)}
     * @throws IllegalArgumentException if d is negative or above 60
     */
    public static Tensor derivative(int d) {
        if (d < 0 || d > 60) {
            throw new IllegalArgumentException("derivative order must be in 0..60, got " + d);
        }
        float[][] k = new float[1][d + 1];
        long binomial = 1;
        for (int j = 0; j <= d; j++) {
            k[0][j] = (j % 2 == 0 ? 1 : -1) * (float) binomial;
            binomial = binomial * (d - j) / (j + 1);
        }
        return Tensor.of(k);
    }

    /**
     * {@link #derivative(int)} along y.
     *
     * @param d the order, {@code 0..60}
     * @return {@code (d + 1, 1)}
     */
    public static Tensor derivativeY(int d) {
        return derivative(d).t().copy();
    }

    /**
     * The integral (running-sum) kernel: {@code n} ones, so {@code y[i,j] = x[i,j] + … + x[i,j+n−1]}, the discrete
     * integral over a window and the inverse of {@code [1, −1]} up to boundary terms:
     * {@code corr([1,−1], corr(ones(n), x)) = x[j] − x[j+n]}.
     *
     * @param n the window length, {@code >= 1}
     * @return {@code (1, n)}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Tensor integral(int n) {
        requirePositive("integral length", n);
        return Tensor.ones(1, n);
    }

    /**
     * The named kernels {@link #parse(String)} accepts, with a representative instance, for listings.
     *
     * @return name (as typed on the command line) to kernel, in a stable order
     */
    public static Map<String, Tensor> catalogue() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (String name : new String[] {
            "edge",
            "sobel-x",
            "sobel-y",
            "scharr-x",
            "scharr-y",
            "prewitt-x",
            "prewitt-y",
            "laplacian",
            "laplacian8",
            "gaussian:1",
            "box:3",
            "sharpen",
            "emboss",
            "deriv:2",
            "deriv-y:2",
            "integral:3"
        }) {
            all.put(name, parse(name));
        }
        return all;
    }

    /**
     * Parses a kernel description: a name ({@code edge}, {@code sobel-x}, {@code sobel-y}, {@code scharr-x},
     * {@code scharr-y}, {@code prewitt-x}, {@code prewitt-y}, {@code laplacian}, {@code laplacian8},
     * {@code sharpen}, {@code emboss}), a parameterised name ({@code gaussian:SIGMA[:SIZE]}, {@code box:K},
     * {@code deriv:D}, {@code deriv-y:D}, {@code integral:N}) or an inline matrix, rows separated by {@code ;} and
     * values by {@code ,} ({@code "1,-1;2,-2"}).
     *
     * @param text the description
     * @return the kernel, {@code (kH, kW)}
     * @throws IllegalArgumentException naming the text if it is not a known kernel or a well-formed matrix
     */
    public static Tensor parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("kernel: empty description");
        }
        char first = spec.charAt(0);
        if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
            return parseMatrix(text);
        }
        String[] parts = spec.split(":", -1);
        String name = parts[0];
        switch (name) {
            case "gaussian" -> {
                requireArgs(text, parts, 2, 3);
                double sigma = number(text, parts[1]);
                return parts.length == 3 ? gaussian(sigma, integer(text, parts[2])) : gaussian(sigma);
            }
            case "box" -> {
                requireArgs(text, parts, 2, 2);
                return box(integer(text, parts[1]));
            }
            case "deriv", "deriv-x" -> {
                requireArgs(text, parts, 2, 2);
                return derivative(integer(text, parts[1]));
            }
            case "deriv-y" -> {
                requireArgs(text, parts, 2, 2);
                return derivativeY(integer(text, parts[1]));
            }
            case "integral" -> {
                requireArgs(text, parts, 2, 2);
                return integral(integer(text, parts[1]));
            }
            default -> {
                requireArgs(text, parts, 1, 1);
                return fixed(text, name);
            }
        }
    }

    private static Tensor fixed(String text, String name) {
        return switch (name) {
            case "edge" -> edge();
            case "sobel-x" -> sobelX();
            case "sobel-y" -> sobelY();
            case "scharr-x" -> scharrX();
            case "scharr-y" -> scharrY();
            case "prewitt-x" -> prewittX();
            case "prewitt-y" -> prewittY();
            case "laplacian", "laplacian4" -> laplacian();
            case "laplacian8" -> laplacian8();
            case "sharpen" -> sharpen();
            case "emboss" -> emboss();
            default ->
                throw new IllegalArgumentException("kernel: unknown kernel '" + text
                        + "' (see --list-kernels; inline matrices look like '1,-1;2,-2')");
        };
    }

    private static Tensor parseMatrix(String text) {
        String[] rows = text.trim().split(";", -1);
        float[][] values = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].split(",", -1);
            values[i] = new float[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    values[i][j] = Float.parseFloat(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "kernel: '" + cells[j].trim() + "' in '" + text + "' is not a number");
                }
                if (!Float.isFinite(values[i][j])) {
                    throw new IllegalArgumentException("kernel: non-finite value in '" + text + "'");
                }
            }
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("kernel: rows of '" + text + "' have different lengths ("
                        + values[0].length + " and " + values[i].length + ")");
            }
        }
        return Tensor.of(values);
    }

    private static void requireArgs(String text, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException("kernel: '" + text + "' takes " + (min == max ? "" : "between ")
                    + (min - 1) + (min == max ? "" : " and " + (max - 1)) + " ':'-separated parameter(s)");
        }
    }

    private static double number(String text, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kernel: '" + value + "' in '" + text + "' is not a number");
        }
    }

    private static int integer(String text, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kernel: '" + value + "' in '" + text + "' is not an integer");
        }
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
    }
}
