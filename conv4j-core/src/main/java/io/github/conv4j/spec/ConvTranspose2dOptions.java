package io.github.conv4j.spec;

import java.util.Objects;

/**
 * The options of {@code convTranspose2d}, named after PyTorch's arguments. Immutable.
 *
 * <p>Output size per axis: {@code (in − 1)·s − 2p + d·(k − 1) + outputPadding + 1}; {@code outputPadding} must be
 * smaller than the stride or the dilation and picks among the input sizes a strided convolution maps to the same
 * output size.
 *
 * <pre>{@code
 * ConvTranspose2dOptions.defaults().stride(2).padding(1).outputPadding(1); // exact 2× upsampling for k=3
 * }</pre>
 */
public final class ConvTranspose2dOptions {
    private static final ConvTranspose2dOptions DEFAULTS =
            new ConvTranspose2dOptions(IntPair.of(1), IntPair.of(0), IntPair.of(0), IntPair.of(1), 1, Algorithm.AUTO);

    private final IntPair stride;
    private final IntPair padding;
    private final IntPair outputPadding;
    private final IntPair dilation;
    private final int groups;
    private final Algorithm algorithm;

    private ConvTranspose2dOptions(
            IntPair stride, IntPair padding, IntPair outputPadding, IntPair dilation, int groups, Algorithm algorithm) {
        this.stride = Objects.requireNonNull(stride, "stride");
        this.padding = Objects.requireNonNull(padding, "padding");
        this.outputPadding = Objects.requireNonNull(outputPadding, "outputPadding");
        this.dilation = Objects.requireNonNull(dilation, "dilation");
        this.groups = groups;
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * PyTorch's defaults: stride 1, padding 0, output padding 0, dilation 1, groups 1.
     *
     * @return the defaults
     */
    public static ConvTranspose2dOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param s stride for both axes
     * @return new options
     */
    public ConvTranspose2dOptions stride(int s) {
        return stride(IntPair.of(s));
    }

    /**
     * @param s the stride
     * @return new options
     */
    public ConvTranspose2dOptions stride(IntPair s) {
        return new ConvTranspose2dOptions(s, padding, outputPadding, dilation, groups, algorithm);
    }

    /**
     * @param p padding removed from both sides of both axes
     * @return new options
     */
    public ConvTranspose2dOptions padding(int p) {
        return padding(IntPair.of(p));
    }

    /**
     * @param p padding removed per axis (rows at top and bottom, columns at left and right)
     * @return new options
     */
    public ConvTranspose2dOptions padding(IntPair p) {
        return new ConvTranspose2dOptions(stride, p, outputPadding, dilation, groups, algorithm);
    }

    /**
     * @param p extra rows/columns added at the bottom/right of the output
     * @return new options
     */
    public ConvTranspose2dOptions outputPadding(int p) {
        return outputPadding(IntPair.of(p));
    }

    /**
     * @param p extra rows and columns added at the bottom and right of the output
     * @return new options
     */
    public ConvTranspose2dOptions outputPadding(IntPair p) {
        return new ConvTranspose2dOptions(stride, padding, p, dilation, groups, algorithm);
    }

    /**
     * @param d dilation for both axes
     * @return new options
     */
    public ConvTranspose2dOptions dilation(int d) {
        return dilation(IntPair.of(d));
    }

    /**
     * @param d the dilation
     * @return new options
     */
    public ConvTranspose2dOptions dilation(IntPair d) {
        return new ConvTranspose2dOptions(stride, padding, outputPadding, d, groups, algorithm);
    }

    /**
     * @param g number of groups
     * @return new options
     */
    public ConvTranspose2dOptions groups(int g) {
        return new ConvTranspose2dOptions(stride, padding, outputPadding, dilation, g, algorithm);
    }

    /**
     * @param a the algorithm to force, or {@link Algorithm#AUTO}
     * @return new options
     */
    public ConvTranspose2dOptions algorithm(Algorithm a) {
        return new ConvTranspose2dOptions(stride, padding, outputPadding, dilation, groups, a);
    }

    /** @return the stride */
    public IntPair stride() {
        return stride;
    }

    /** @return the padding */
    public IntPair padding() {
        return padding;
    }

    /** @return the output padding */
    public IntPair outputPadding() {
        return outputPadding;
    }

    /** @return the dilation */
    public IntPair dilation() {
        return dilation;
    }

    /** @return the number of groups */
    public int groups() {
        return groups;
    }

    /** @return the forced algorithm or AUTO */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * Validates a transposed convolution and returns the geometry of the forward convolution it is the adjoint of
     * (whose input is this operation's output).
     *
     * @param inputShape {@code (N, C_in, H, W)}
     * @param weightShape {@code (C_in, C_out / groups, kH, kW)}
     * @return the forward geometry: {@code inC = C_out}, {@code inH = H_out}, {@code outC = C_in}, {@code outH = H}
     * @throws IllegalArgumentException if anything is inconsistent
     */
    public ConvGeometry geometry(int[] inputShape, int[] weightShape) {
        String op = "convTranspose2d";
        if (inputShape.length != 4) {
            throw new IllegalArgumentException(op + ": expected 3-D (unbatched) or 4-D (batched) input, but got"
                    + " input of size " + io.github.conv4j.tensor.Shapes.format(inputShape));
        }
        if (weightShape.length != 4) {
            throw new IllegalArgumentException(op + ": weight must be 4-D (in_channels, out_channels/groups, kH,"
                    + " kW), but got weight of size " + io.github.conv4j.tensor.Shapes.format(weightShape));
        }
        int c = inputShape[1];
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        }
        if (weightShape[0] != c) {
            throw new IllegalArgumentException(op + ": Given transposed=1, weight of size "
                    + io.github.conv4j.tensor.Shapes.format(weightShape) + ", expected input"
                    + io.github.conv4j.tensor.Shapes.format(inputShape) + " to have " + weightShape[0]
                    + " channels, but got " + c + " channels instead");
        }
        int outC = weightShape[1] * groups;
        ConvGeometry.checkGroups(op, groups, c, outC);
        stride.requireAtLeast(op + ": stride", 1);
        dilation.requireAtLeast(op + ": dilation", 1);
        padding.requireAtLeast(op + ": padding", 0);
        outputPadding.requireAtLeast(op + ": outputPadding", 0);
        if (outputPadding.h() >= Math.max(stride.h(), dilation.h())
                || outputPadding.w() >= Math.max(stride.w(), dilation.w())) {
            throw new IllegalArgumentException(op + ": output padding must be smaller than either stride or"
                    + " dilation, but got outputPadding=" + outputPadding + ", stride=" + stride + ", dilation="
                    + dilation);
        }
        int kh = weightShape[2];
        int kw = weightShape[3];
        long outH = (long) (inputShape[2] - 1) * stride.h()
                - 2L * padding.h()
                + (long) dilation.h() * (kh - 1)
                + outputPadding.h()
                + 1;
        long outW = (long) (inputShape[3] - 1) * stride.w()
                - 2L * padding.w()
                + (long) dilation.w() * (kw - 1)
                + outputPadding.w()
                + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": the computed output size (" + outH + ", " + outW
                    + ") is too small for input " + io.github.conv4j.tensor.Shapes.format(inputShape)
                    + " and weight " + io.github.conv4j.tensor.Shapes.format(weightShape));
        }
        io.github.conv4j.tensor.Shapes.numel(op + " output", (long) inputShape[0], outC, outH, outW);
        return new ConvGeometry(
                inputShape[0],
                outC,
                (int) outH,
                (int) outW,
                c,
                kh,
                kw,
                stride.h(),
                stride.w(),
                padding.h(),
                padding.h(),
                padding.w(),
                padding.w(),
                dilation.h(),
                dilation.w(),
                groups,
                inputShape[2],
                inputShape[3]);
    }
}
