package io.github.conv4j.ops;

import io.github.conv4j.spec.Boundary;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * SciPy's {@code convolve2d} (true convolution: the kernel is flipped) and the seeds' {@code corr2d}, both built
 * from {@code pad} and {@code conv2d}, so they are differentiable and use the fast kernels.
 */
final class Convolve2dOp {
    private Convolve2dOp() {}

    static Tensor convolve2d(Tensor input, Tensor kernel, ConvolveMode mode, Boundary boundary, double fillValue) {
        String op = "convolve2d";
        Checks.notNull(op, "input", input);
        Checks.notNull(op, "kernel", kernel);
        if (mode == null || boundary == null) {
            throw new IllegalArgumentException(op + ": mode and boundary must not be null");
        }
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": input must have at least 2 dimensions (..., H, W), but got"
                    + " input of size " + Shapes.format(input.shape()));
        }
        Checks.rank(op, "kernel", kernel, 2);
        Checks.sameDtype(op, input, "input", kernel, "kernel");
        int h = input.size(-2);
        int w = input.size(-1);
        int kh = kernel.size(0);
        int kw = kernel.size(1);
        if (h == 0 || w == 0 || kh == 0 || kw == 0) {
            throw new IllegalArgumentException(op + ": inputs cannot be empty, got input "
                    + Shapes.format(input.shape()) + " and kernel " + Shapes.format(kernel.shape()));
        }
        if (mode == ConvolveMode.VALID && !(h >= kh && w >= kw)) {
            if (input.dim() == 2 && kh >= h && kw >= w) {
                // Convolution commutes; SciPy swaps the arguments so that the larger one slides under the smaller.
                return convolve2d(kernel, input, mode, boundary, fillValue);
            }
            throw new IllegalArgumentException(op + ": in valid mode, either input or kernel must be at least as large"
                    + " as the other in every dimension, got input " + Shapes.format(input.shape()) + " and kernel "
                    + Shapes.format(kernel.shape()));
        }
        int[] padH = pads(mode, kh);
        int[] padW = pads(mode, kw);
        int[] shape = input.shape();
        int planes = input.numel() / (h * w);
        Tensor x = input.reshape(planes, 1, h, w);
        if (padH[0] + padH[1] + padW[0] + padW[1] > 0) {
            x = PadOp.pad(
                    x, padH[0], padH[1], padW[0], padW[1], boundary.paddingMode(), boundary.paddingMode(), fillValue);
        }
        Tensor flipped = FlipOp.flip2d(kernel).reshape(1, 1, kh, kw);
        Tensor y = Conv2dOp.conv2d(x, flipped, null, Conv2dOptions.defaults());
        int[] outShape = shape.clone();
        outShape[shape.length - 2] = y.size(2);
        outShape[shape.length - 1] = y.size(3);
        return y.reshape(outShape);
    }

    /** Padding before and after for one axis: full pads k−1 on both sides; same keeps the centred window. */
    private static int[] pads(ConvolveMode mode, int k) {
        return switch (mode) {
            case FULL -> new int[] {k - 1, k - 1};
            case SAME -> new int[] {k - 1 - (k - 1) / 2, (k - 1) / 2};
            case VALID -> new int[] {0, 0};
        };
    }

    static Tensor corr2d(Tensor x, Tensor k) {
        String op = "corr2d";
        Checks.notNull(op, "X", x);
        Checks.notNull(op, "K", k);
        Checks.rank(op, "X", x, 2);
        Checks.rank(op, "K", k, 2);
        Checks.sameDtype(op, x, "X", k, "K");
        if (k.size(0) > x.size(0) || k.size(1) > x.size(1)) {
            throw new IllegalArgumentException(op + ": Kernel size can't be greater than actual input size: K of size "
                    + Shapes.format(k.shape()) + ", X of size " + Shapes.format(x.shape()));
        }
        Tensor y = Conv2dOp.conv2d(
                x.reshape(1, 1, x.size(0), x.size(1)),
                k.reshape(1, 1, k.size(0), k.size(1)),
                null,
                Conv2dOptions.defaults());
        return y.reshape(y.size(2), y.size(3));
    }
}
