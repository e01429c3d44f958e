package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The input gradient (transposed convolution) of a depthwise 3×3 convolution with stride 2 and one pixel of zero
 * padding, one output channel per input channel (MobileNet's downsampling layers):
 * {@code gx[n][c][r][col] = Σ gy[n][c][i][j]·w[c][p][q]} over the taps with {@code 2i + p − 1 = r} and
 * {@code 2j + q − 1 = col}. The general path scattered an im2col matrix back (col2im), most of such a layer's backward
 * (0.5 of 0.68 ms for 512 channels of 14×14). Here each input pixel gathers its taps directly: an even row takes kernel
 * row 1 of upstream row {@code r/2}; an odd row kernel row 0 of row {@code (r+1)/2} (when there is one) and then kernel
 * row 2 of row {@code (r−1)/2}; columns likewise. Each pixel's chain: {@code fma(w, gy, acc)} from 0 over its taps, kernel
 * rows ascending and columns ascending within a row; only real taps, no products with padding.
 *
 * <p>Arrays are flat and row-major: {@code gy} {@code (N, C, H_out, W_out)}, {@code w} {@code (C, 1, 3, 3)},
 * {@code gx} {@code (N, C, H, W)}, overwritten. The vector path ({@link VectorDepthwiseInputGradient}) computes the
 * same bits as the scalar one; channels are split among threads whole.
 *
 * <pre>{@code
 * if (DepthwiseInputGradient.supports(g)) {
 *     DepthwiseInputGradient.compute(g, gy, w, gx);
 * }
 * }</pre>
 */
public final class DepthwiseInputGradient {
    private DepthwiseInputGradient() {}

    /**
     * Whether this kernel computes the problem's input gradient.
     *
     * @param g the forward geometry
     * @return {@code true} for depthwise 3×3 convolutions with one output channel per input channel, stride 2 both
     *     ways, no dilation and one pixel of zero padding on every side
     */
    public static boolean supports(ConvGeometry g) {
        return KernelShapes.depthwise(g) && g.outC() == g.inC() && KernelShapes.threeByThreePaddingOne(g, 2);
    }

    /**
     * Computes the input gradient.
     *
     * @param g the forward geometry; {@link #supports} must hold
     * @param gy the upstream gradient, at least {@code N·C·H_out·W_out} floats
     * @param w the weight, at least {@code C·9} floats
     * @param gx the input gradient, at least {@code N·C·H·W} floats, overwritten
     * @throws IllegalArgumentException if the geometry is not supported or an array is too short
     */
    public static void compute(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        compute(g, gy, w, gx, true);
    }

    static void compute(ConvGeometry g, float[] gy, float[] w, float[] gx, boolean vector) {
        if (!supports(g)) {
            throw new IllegalArgumentException(
                    "DepthwiseInputGradient: needs a depthwise 3x3 layer of stride 2 and padding 1, got "
                            + g.descriptor());
        }
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        int planes = g.n() * g.inC();
        if (gy.length < (long) planes * outPlane
                || w.length < (long) g.outC() * 9
                || gx.length < (long) planes * inPlane) {
            throw new IllegalArgumentException("DepthwiseInputGradient: an array is too short for " + g.descriptor());
        }
        boolean simd = vector && Simd.available();
        Parallel.forRange(planes, Math.max(1, (1 << 14) / Math.max(1, inPlane)), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int c = plane % g.inC();
                int gyOff = plane * outPlane;
                int gxOff = plane * inPlane;
                if (simd && VectorDepthwiseInputGradient.inside(g, gy, gyOff, gx, gxOff)) {
                    VectorDepthwiseInputGradient.plane(g, gy, gyOff, w, c * 9, gx, gxOff);
                } else if (simd) {
                    // The arrays' last plane, whose whole-vector windows reach past their ends: computed between
                    // margins and copied out (the scalar loop is an order of magnitude slower per plane).
                    float[] gys = DepthwiseScratch.withMargins(1, gy, gyOff, outPlane);
                    int m0 = DepthwiseScratch.MARGIN;
                    float[] gxs = DepthwiseScratch.floats(2, inPlane + 2 * m0);
                    VectorDepthwiseInputGradient.plane(g, gys, m0, w, c * 9, gxs, m0);
                    System.arraycopy(gxs, m0, gx, gxOff, inPlane);
                } else {
                    scalarPlane(g, gy, gyOff, w, c * 9, gx, gxOff);
                }
            }
        });
    }

    /** One plane, pixel by pixel: the chains the vector path computes lane by lane. */
    static void scalarPlane(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff) {
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        for (int r = 0; r < inH; r++) {
            for (int col = 0; col < inW; col++) {
                float acc = 0f;
                for (int p = 0; p < 3; p++) {
                    int i2 = r + 1 - p;
                    if (i2 < 0 || (i2 & 1) != 0 || i2 / 2 >= outH) {
                        continue;
                    }
                    for (int q = 0; q < 3; q++) {
                        int j2 = col + 1 - q;
                        if (j2 < 0 || (j2 & 1) != 0 || j2 / 2 >= outW) {
                            continue;
                        }
                        acc = Math.fma(w[wOff + 3 * p + q], gy[gyOff + (i2 / 2) * outW + j2 / 2], acc);
                    }
                }
                gx[gxOff + r * inW + col] = acc;
            }
        }
    }
}
