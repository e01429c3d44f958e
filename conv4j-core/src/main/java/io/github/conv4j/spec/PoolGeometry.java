package io.github.conv4j.spec;

import io.github.conv4j.tensor.Shapes;

/**
 * A resolved, validated pooling problem over {@code planes} independent {@code inH × inW} planes.
 *
 * <p>Output size per axis: {@code out = floor((in + 2p − d·(k − 1) − 1) / s) + 1} (ceil instead of floor in ceil
 * mode, then reduced by one if the last window would start beyond the input and its left padding), as in PyTorch.
 *
 * <pre>{@code
 * PoolGeometry g = PoolGeometry.of("maxPool2d", new int[] {1, 1, 3, 3}, Pool2dOptions.of(2).stride(1), true);
 * g.outH(); // 2
 * }</pre>
 *
 * @param planes number of planes (N·C)
 * @param inH input height
 * @param inW input width
 * @param kh window height
 * @param kw window width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param ph padding rows at top and bottom
 * @param pw padding columns at left and right
 * @param dh vertical dilation
 * @param dw horizontal dilation
 * @param outH output height
 * @param outW output width
 * @param countIncludePad whether average pooling divides by the padded window
 * @param divisorOverride fixed divisor or 0
 */
public record PoolGeometry(
        int planes,
        int inH,
        int inW,
        int kh,
        int kw,
        int sh,
        int sw,
        int ph,
        int pw,
        int dh,
        int dw,
        int outH,
        int outW,
        boolean countIncludePad,
        int divisorOverride) {

    /**
     * Validates a pooling call and resolves its geometry.
     *
     * @param op the operation name for messages
     * @param inputShape {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param options the options
     * @param allowDilation whether the operation supports dilation (max pooling)
     * @return the geometry
     * @throws IllegalArgumentException if the options or shape are invalid
     */
    public static PoolGeometry of(String op, int[] inputShape, Pool2dOptions options, boolean allowDilation) {
        if (inputShape.length != 3 && inputShape.length != 4) {
            throw new IllegalArgumentException(op + ": expected 3-D or 4-D input (C, H, W) or (N, C, H, W), but got"
                    + " input of size " + Shapes.format(inputShape));
        }
        IntPair k = options.kernelSize();
        IntPair s = options.stride();
        IntPair p = options.padding();
        IntPair d = options.dilation();
        k.requireAtLeast(op + ": kernelSize", 1);
        s.requireAtLeast(op + ": stride", 1);
        d.requireAtLeast(op + ": dilation", 1);
        p.requireAtLeast(op + ": padding", 0);
        if (!allowDilation && (d.h() != 1 || d.w() != 1)) {
            throw new IllegalArgumentException(op + ": dilation is not supported, got " + d);
        }
        if (p.h() > k.h() / 2 || p.w() > k.w() / 2) {
            throw new IllegalArgumentException(op + ": pad should be at most half of effective kernel size, but got"
                    + " pad=" + p + " and kernel_size=" + k);
        }
        if (options.divisorOverride() < 0) {
            throw new IllegalArgumentException(
                    op + ": divisorOverride must be positive (or 0 for none), got " + options.divisorOverride());
        }
        int rank = inputShape.length;
        int h = inputShape[rank - 2];
        int w = inputShape[rank - 1];
        long planes = 1;
        for (int i = 0; i < rank - 2; i++) {
            planes *= inputShape[i];
        }
        int outH = outputSize(op, "height", h, k.h(), s.h(), p.h(), d.h(), options.ceilMode(), inputShape);
        int outW = outputSize(op, "width", w, k.w(), s.w(), p.w(), d.w(), options.ceilMode(), inputShape);
        return new PoolGeometry(
                (int) planes,
                h,
                w,
                k.h(),
                k.w(),
                s.h(),
                s.w(),
                p.h(),
                p.w(),
                d.h(),
                d.w(),
                outH,
                outW,
                options.countIncludePad(),
                options.divisorOverride());
    }

    private static int outputSize(
            String op, String axis, int in, int k, int s, int p, int d, boolean ceil, int[] shape) {
        // PyTorch's rule: floor (or ceil) division of a span that may be negative in ceil mode, where a window may
        // reach past the input as long as it starts inside it or its left padding.
        long span = (long) in + 2L * p - (long) d * (k - 1) - 1;
        long out = Math.floorDiv(span + (ceil ? s - 1 : 0), (long) s) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        if (out < 1) {
            throw new IllegalArgumentException(op + ": Given input size " + Shapes.format(shape) + ", the window ("
                    + k + " with dilation " + d + " and padding " + p + ") does not fit along " + axis
                    + ": calculated output size " + out + " is too small");
        }
        return (int) out;
    }

    /** @return the output shape for an input of the given shape (leading dimensions kept) */
    public int[] outputShape(int[] inputShape) {
        int[] out = inputShape.clone();
        out[out.length - 2] = outH;
        out[out.length - 1] = outW;
        return out;
    }
}
