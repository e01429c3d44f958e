package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The weight gradient of a depthwise 3×3 convolution with stride 1 or 2 and one pixel of zero padding (MobileNet's
 * layers): {@code gw[o][p][q] = Σ_n Σ_i Σ_j gy[n][o][i][j] · x[n][o / m][s·i + p − 1][s·j + q − 1]}, padding pixels
 * read as zeros. Each output channel's nine sums are dot products over whole planes, which the general path computed
 * as one tiny GEMM per channel on an im2col matrix: 2.7× and 7.5× PyTorch's backward time on 512 channels of 14×14 at
 * stride 1 and 2.
 *
 * <p>How: for each plane and each output column {@code j}, each tap's products are summed down the rows, {@code i}
 * ascending, one fused multiply-add chain per column (a vector lane per column: at stride 2 the lanes are the input's
 * columns and the upstream gradient is spread to the even ones); then the column sums are added left to right, and the
 * planes' sums in sample order. That order does not depend on the vector width, the thread count (a channel is one
 * task) or the path: the scalar path computes the same bits.
 *
 * <p>Arrays are flat and row-major: {@code x} {@code (N, C, H, W)}, {@code gy} {@code (N, C·m, H_out, W_out)},
 * {@code gw} {@code (C·m, 1, 3, 3)}, overwritten.
 *
 * <pre>{@code
 * if (DepthwiseWeightGradient.supports(g)) {
 *     DepthwiseWeightGradient.compute(g, x, gy, gw);
 * }
 * }</pre>
 */
public final class DepthwiseWeightGradient {
    private DepthwiseWeightGradient() {}

    /**
     * Whether this kernel computes the problem's weight gradient.
     *
     * @param g the geometry
     * @return {@code true} for depthwise 3×3 convolutions ({@code groups == C_in}) of stride 1 or 2 (the same both
     *     ways), no dilation and one pixel of zero padding on every side
     */
    public static boolean supports(ConvGeometry g) {
        return KernelShapes.depthwise(g)
                && (KernelShapes.threeByThreePaddingOne(g, 1) || KernelShapes.threeByThreePaddingOne(g, 2));
    }

    /**
     * Computes the weight gradient.
     *
     * @param g the geometry; {@link #supports} must hold
     * @param x the input, at least {@code N·C·H·W} floats
     * @param gy the upstream gradient, at least {@code N·C_out·H_out·W_out} floats
     * @param gw the weight gradient, at least {@code C_out·9} floats, overwritten
     * @throws IllegalArgumentException if the geometry is not supported or an array is too short
     */
    public static void compute(ConvGeometry g, float[] x, float[] gy, float[] gw) {
        compute(g, x, gy, gw, true);
    }

    static void compute(ConvGeometry g, float[] x, float[] gy, float[] gw, boolean vector) {
        if (!supports(g)) {
            throw new IllegalArgumentException(
                    "DepthwiseWeightGradient: needs a depthwise 3x3 layer of stride 1 or 2 and padding 1, got "
                            + g.descriptor());
        }
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        if (x.length < (long) g.n() * g.inC() * inPlane
                || gy.length < (long) g.n() * g.outC() * outPlane
                || gw.length < (long) g.outC() * 9) {
            throw new IllegalArgumentException("DepthwiseWeightGradient: an array is too short for " + g.descriptor());
        }
        boolean simd = vector && Simd.available();
        int m = g.outCPerGroup();
        // The lanes are the input's columns at stride 2 (every other one kept), the output's at stride 1.
        int lanesWide = g.sh() == 1 ? g.outW() : g.inW();
        int pitch = lanesWide + 64;
        // About 2 K output positions per chunk: 13 chunks for 512 channels of 7×7, so two threads end together (with
        // 16 K, two chunks of 334 and 178 channels left one thread waiting a third of the time).
        Parallel.forRange(g.outC(), Math.max(1, 2048 / Math.max(1, g.n() * outPlane)), (o0, o1) -> {
            float[] sums = DepthwiseScratch.floats(0, 9 * pitch + 9);
            for (int o = o0; o < o1; o++) {
                // The channel's totals in the scratch's last nine floats (the column sums use the rest).
                int total = 9 * pitch;
                for (int n = 0; n < g.n(); n++) {
                    int xOff = (n * g.inC() + o / m) * inPlane;
                    int gyOff = (n * g.outC() + o) * outPlane;
                    if (simd && VectorDepthwiseWeightGradient.inside(g, x, xOff, gy, gyOff)) {
                        VectorDepthwiseWeightGradient.columnSums(g, x, xOff, gy, gyOff, sums, pitch);
                    } else if (simd) {
                        // The arrays' first or last plane, whose whole-vector windows reach past their ends: copied
                        // into margins first. Left to the scalar loop, 2 of 32 planes of 112×112 took 2/3 of the time.
                        float[] xs = DepthwiseScratch.withMargins(1, x, xOff, inPlane);
                        float[] gs = DepthwiseScratch.withMargins(2, gy, gyOff, outPlane);
                        int m0 = DepthwiseScratch.MARGIN;
                        VectorDepthwiseWeightGradient.columnSums(g, xs, m0, gs, m0, sums, pitch);
                    } else {
                        scalarColumnSums(g, x, xOff, gy, gyOff, sums, pitch);
                    }
                    for (int t = 0; t < 9; t++) {
                        float s = 0f;
                        for (int j = 0; j < g.outW(); j++) {
                            s += sums[t * pitch + j * g.sh()];
                        }
                        sums[total + t] = n == 0 ? s : sums[total + t] + s;
                    }
                }
                System.arraycopy(sums, total, gw, o * 9, 9);
            }
        });
    }

    /**
     * The scalar twin of {@link VectorDepthwiseWeightGradient#columnSums}: {@code sums[t·pitch + s·j]} is tap
     * {@code t}'s chain down output column {@code j}, {@code fma(gy, x, acc)} from 0 with {@code i} ascending.
     */
    static void scalarColumnSums(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        int s = g.sh();
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        for (int t = 0; t < 9; t++) {
            int p = t / 3;
            int q = t % 3;
            for (int j = 0; j < outW; j++) {
                float acc = 0f;
                int col = s * j + q - 1;
                for (int i = 0; i < g.outH(); i++) {
                    int row = s * i + p - 1;
                    float v = row >= 0 && row < inH && col >= 0 && col < inW ? x[xOff + row * inW + col] : 0f;
                    acc = Math.fma(gy[gyOff + i * outW + j], v, acc);
                }
                sums[t * pitch + s * j] = acc;
            }
        }
    }
}
