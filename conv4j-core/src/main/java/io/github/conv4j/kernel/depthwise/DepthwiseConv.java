package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Depthwise 2-D correlation: {@code groups == C_in}, {@code C_out = multiplier·C_in}, output channel {@code o} reads
 * input channel {@code o / multiplier} through its own {@code kH×kW} kernel, bias fused. Any kernel size, stride,
 * dilation and zero padding, as {@code ReferenceConv2d.forward}; each plane runs on {@link DirectPlaneConv} (stride
 * 1 and 3×3 fastest; larger horizontal strides compute a stride-1 row and keep every {@code sw}-th value).
 *
 * <p>Arrays are flat and row-major: {@code x} {@code (N, C_in, H, W)}, {@code w} {@code (C_out, 1, kH, kW)},
 * {@code y} {@code (N, C_out, H_out, W_out)} written from index 0. Results do not depend on how planes are split
 * among threads; the error bound is the plane kernel's, {@code (kH·kW + 1)·2⁻²⁴·(|b| + Σ|x·w|)}.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.forConv2d(new int[] {1, 32, 112, 112}, new int[] {32, 1, 3, 3},
 *         Conv2dOptions.defaults().padding(1).groups(32));
 * DepthwiseConv.forward(g, x, w, b, y);
 * }</pre>
 */
public final class DepthwiseConv {
    private DepthwiseConv() {}

    /**
     * Whether this kernel can run the problem.
     *
     * @param g the geometry
     * @return {@code true} when {@code groups == C_in} (so each group has one input channel)
     */
    public static boolean supports(ConvGeometry g) {
        return KernelShapes.depthwise(g);
    }

    /**
     * Computes the depthwise convolution.
     *
     * @param g the geometry; {@link #supports} must hold
     * @param x the input, at least {@code N·C_in·H·W} floats
     * @param w the weight, at least {@code C_out·kH·kW} floats
     * @param bias one value per output channel, or {@code null}
     * @param y the output, at least {@code N·C_out·H_out·W_out} floats, overwritten
     * @throws IllegalArgumentException if the geometry is not depthwise or an array is too short
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (!supports(g)) {
            throw new IllegalArgumentException("DepthwiseConv: needs groups == C_in, got " + g.descriptor());
        }
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        int taps = g.kh() * g.kw();
        if (x.length < (long) g.n() * g.inC() * inPlane
                || w.length < (long) g.outC() * taps
                || y.length < (long) g.n() * g.outC() * outPlane
                || (bias != null && bias.length < g.outC())) {
            throw new IllegalArgumentException("DepthwiseConv: an array is too short for " + g.descriptor());
        }
        // The plane kernel's driver splits planes into row blocks across threads; the result does not depend on it.
        DirectPlaneConv.forward(g, x, w, bias, y);
    }
}
