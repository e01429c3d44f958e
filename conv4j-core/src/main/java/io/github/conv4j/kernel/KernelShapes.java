package io.github.conv4j.kernel;

import io.github.conv4j.spec.ConvGeometry;

/**
 * Shape predicates that several specialised kernels share, so that each kernel's {@code applies} states only what is
 * its own (a width limit, a channel layout).
 *
 * <p>Example: {@code KernelShapes.threeByThreePaddingOne(g, 2)} holds for MobileNet's downsampling depthwise layers.
 */
public final class KernelShapes {
    private KernelShapes() {}

    /**
     * Whether the geometry is a 3×3 kernel with the given stride both ways, no dilation and one pixel of zero padding
     * on every side (PyTorch's {@code padding=1}).
     *
     * @param g the geometry
     * @param stride the stride, vertical and horizontal
     * @return whether it matches
     */
    public static boolean threeByThreePaddingOne(ConvGeometry g, int stride) {
        return squareSame(g, 3, stride);
    }

    /**
     * Whether the geometry is a {@code k×k} kernel (k odd) with the given stride both ways, no dilation and
     * {@code k/2} pixels of zero padding on every side, the padding that keeps a stride-1 output the input's size.
     *
     * @param g the geometry
     * @param k the kernel size
     * @param stride the stride, vertical and horizontal
     * @return whether it matches
     */
    public static boolean squareSame(ConvGeometry g, int k, int stride) {
        int pad = k / 2;
        return g.kh() == k
                && g.kw() == k
                && g.sh() == stride
                && g.sw() == stride
                && g.dh() == 1
                && g.dw() == 1
                && g.padTop() == pad
                && g.padBottom() == pad
                && g.padLeft() == pad
                && g.padRight() == pad;
    }

    /**
     * Whether the geometry is depthwise: {@code groups == C_in}, any number of output channels per input channel.
     *
     * @param g the geometry
     * @return {@code groups == C_in}, so each output channel reads one input channel
     */
    public static boolean depthwise(ConvGeometry g) {
        return g.groups() == g.inC() && g.inCPerGroup() == 1;
    }
}
