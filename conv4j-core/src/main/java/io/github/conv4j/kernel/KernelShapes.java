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
        return g.kh() == 3
                && g.kw() == 3
                && g.sh() == stride
                && g.sw() == stride
                && g.dh() == 1
                && g.dw() == 1
                && g.padTop() == 1
                && g.padBottom() == 1
                && g.padLeft() == 1
                && g.padRight() == 1;
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
