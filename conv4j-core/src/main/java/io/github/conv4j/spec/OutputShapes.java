package io.github.conv4j.spec;

/**
 * Output shapes of the convolution family, computed and validated without running anything.
 *
 * <pre>{@code
 * int[] s = OutputShapes.conv2d(new int[] {1, 5, 100, 100}, new int[] {10, 5, 3, 3}, Conv2dOptions.defaults());
 * // {1, 10, 98, 98}
 * }</pre>
 */
public final class OutputShapes {
    private OutputShapes() {}

    /**
     * The shape {@code conv2d} returns.
     *
     * @param inputShape {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param weightShape {@code (C_out, C_in / groups, kH, kW)}
     * @param options the options
     * @return the output shape, with the input's rank
     * @throws IllegalArgumentException as {@code conv2d} would
     */
    public static int[] conv2d(int[] inputShape, int[] weightShape, Conv2dOptions options) {
        boolean unbatched = inputShape.length == 3;
        int[] in = unbatched ? new int[] {1, inputShape[0], inputShape[1], inputShape[2]} : inputShape;
        int[] out = ConvGeometry.forConv2d(in, weightShape, options).outputShape();
        return unbatched ? new int[] {out[1], out[2], out[3]} : out;
    }

    /**
     * The shape {@code convTranspose2d} returns.
     *
     * @param inputShape {@code (N, C_in, H, W)} or {@code (C_in, H, W)}
     * @param weightShape {@code (C_in, C_out / groups, kH, kW)}
     * @param options the options
     * @return the output shape
     * @throws IllegalArgumentException as {@code convTranspose2d} would
     */
    public static int[] convTranspose2d(int[] inputShape, int[] weightShape, ConvTranspose2dOptions options) {
        boolean unbatched = inputShape.length == 3;
        int[] in = unbatched ? new int[] {1, inputShape[0], inputShape[1], inputShape[2]} : inputShape;
        int[] out = options.geometry(in, weightShape).inputShape();
        return unbatched ? new int[] {out[1], out[2], out[3]} : out;
    }

    /**
     * The shape {@code maxPool2d} (dilation allowed) or {@code avgPool2d} returns.
     *
     * @param inputShape {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param options the options
     * @return the output shape
     * @throws IllegalArgumentException as the pooling would
     */
    public static int[] pool2d(int[] inputShape, Pool2dOptions options) {
        return PoolGeometry.of("pool2d", inputShape, options, true).outputShape(inputShape);
    }
}
