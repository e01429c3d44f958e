package io.github.conv4j.kernel.im2col;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Convolution as matrix multiplication: per sample and group, {@code Y = W · cols} with {@code W} of shape
 * {@code (C_out/G) × K}, {@code K = (C_in/G)·kH·kW}, and {@code cols} the {@code K × L} column matrix
 * ({@code L = H_out·W_out}), built in chunks of output positions so that it never exceeds
 * {@link Workspace#BUDGET_BYTES}. A 1×1, stride-1, unpadded convolution multiplies the input directly. The input
 * gradient (transposed convolution) is {@code cols = Wᵀ · G} scattered back, the weight gradient
 * {@code Σ_n G · colsᵀ}. The GEMM is multi-threaded with a fixed partition, so results do not depend on the thread
 * count.
 */
public final class Im2colConv {
    private static final int COLUMN_ALIGN = 64;

    private Im2colConv() {}

    /**
     * Tells whether this kernel can run the geometry: every geometry it can (the column matrix is chunked).
     *
     * @param g the geometry
     * @return true
     */
    public static boolean supports(ConvGeometry g) {
        return true;
    }

    private static boolean pointwise(ConvGeometry g) {
        return g.kh() == 1 && g.kw() == 1 && g.sh() == 1 && g.sw() == 1 && g.unpadded();
    }

    /** Output positions per chunk: all of them when the column matrix fits the budget. */
    static int chunk(ConvGeometry g) {
        long k = (long) g.inCPerGroup() * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        long fit = Workspace.BUDGET_BYTES / 4 / Math.max(1, k);
        if (fit >= l) {
            return Math.max(1, l);
        }
        return (int) Math.max(COLUMN_ALIGN, fit / COLUMN_ALIGN * COLUMN_ALIGN);
    }

    /**
     * {@code y = conv2d(x, w) + b} with zero padding.
     *
     * @param g the geometry
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight {@code (C_out, C_in/G, kH, kW)}
     * @param b the bias {@code (C_out)} or {@code null}
     * @param y the output {@code (N, C_out, H_out, W_out)}, overwritten
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        int planeIn = g.inH() * g.inW();
        int chunk = chunk(g);
        for (int n = 0; n < g.n(); n++) {
            for (int grp = 0; grp < g.groups(); grp++) {
                int xOff = (n * g.inC() + grp * cpg) * planeIn;
                int yOff = (n * g.outC() + grp * opg) * l;
                int wOff = grp * opg * k;
                if (b != null) {
                    for (int o = 0; o < opg; o++) {
                        java.util.Arrays.fill(y, yOff + o * l, yOff + (o + 1) * l, b[grp * opg + o]);
                    }
                }
                float beta = b == null ? 0f : 1f;
                if (pointwise(g)) {
                    Sgemm.multiply(false, false, opg, l, k, 1f, w, wOff, k, x, xOff, l, beta, y, yOff, l);
                    continue;
                }
                for (int l0 = 0; l0 < l; l0 += chunk) {
                    int l1 = Math.min(l, l0 + chunk);
                    int lc = l1 - l0;
                    float[] cols = Workspace.floats(0, k * lc);
                    buildParallel(g, x, xOff, l0, l1, cols, lc, k);
                    Sgemm.multiply(false, false, opg, lc, k, 1f, w, wOff, k, cols, 0, lc, beta, y, yOff + l0, l);
                }
            }
        }
    }

    private static void buildParallel(
            ConvGeometry g, float[] x, int xOff, int l0, int l1, float[] cols, int ld, int k) {
        int grain = Math.max(1, (1 << 15) / Math.max(1, l1 - l0));
        Parallel.forRange(k, grain, (r0, r1) -> Im2col.build(g, x, xOff, l0, l1, cols, ld, r0, r1));
    }

    /**
     * The transposed convolution (input gradient): {@code x = convTranspose(y, w)}, overwriting {@code x}.
     *
     * @param g the forward geometry
     * @param y a tensor of the forward output's shape
     * @param w the weight
     * @param x the result, of the forward input's shape, overwritten
     */
    public static void transposed(ConvGeometry g, float[] y, float[] w, float[] x) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int taps = g.kh() * g.kw();
        int k = cpg * taps;
        int l = g.outH() * g.outW();
        int planeIn = g.inH() * g.inW();
        int chunk = chunk(g);
        java.util.Arrays.fill(x, 0, g.n() * g.inC() * planeIn, 0f);
        for (int n = 0; n < g.n(); n++) {
            for (int grp = 0; grp < g.groups(); grp++) {
                int xOff = (n * g.inC() + grp * cpg) * planeIn;
                int yOff = (n * g.outC() + grp * opg) * l;
                int wOff = grp * opg * k;
                if (pointwise(g)) {
                    Sgemm.multiply(true, false, k, l, opg, 1f, w, wOff, k, y, yOff, l, 0f, x, xOff, l);
                    continue;
                }
                for (int l0 = 0; l0 < l; l0 += chunk) {
                    int l1 = Math.min(l, l0 + chunk);
                    int lc = l1 - l0;
                    float[] cols = Workspace.floats(0, k * lc);
                    Sgemm.multiply(true, false, k, lc, opg, 1f, w, wOff, k, y, yOff + l0, l, 0f, cols, 0, lc);
                    scatterParallel(g, cols, lc, l0, l1, x, xOff, cpg, taps);
                }
            }
        }
    }

    private static void scatterParallel(
            ConvGeometry g, float[] cols, int ld, int l0, int l1, float[] x, int xOff, int channels, int taps) {
        // One input channel per task: its taps are scattered by one thread in a fixed order.
        Parallel.forRange(
                channels, 1, (c0, c1) -> Im2col.scatterAdd(g, cols, ld, l0, l1, x, xOff, c0 * taps, c1 * taps));
    }

    /**
     * The weight gradient {@code gw[o,c,p,q] = Σ_{n,i,j} x[n, c, i·sh + p·dh − top, j·sw + q·dw − left]·gy[n,o,i,j]},
     * overwriting {@code gw}.
     *
     * @param g the geometry
     * @param x the forward input
     * @param gy the output gradient
     * @param gw the weight gradient, overwritten
     */
    public static void weightGradient(ConvGeometry g, float[] x, float[] gy, float[] gw) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        int planeIn = g.inH() * g.inW();
        int chunk = chunk(g);
        java.util.Arrays.fill(gw, 0, g.outC() * k, 0f);
        for (int n = 0; n < g.n(); n++) {
            for (int grp = 0; grp < g.groups(); grp++) {
                int xOff = (n * g.inC() + grp * cpg) * planeIn;
                int yOff = (n * g.outC() + grp * opg) * l;
                int wOff = grp * opg * k;
                if (pointwise(g)) {
                    Sgemm.multiply(false, true, opg, k, l, 1f, gy, yOff, l, x, xOff, l, 1f, gw, wOff, k);
                    continue;
                }
                for (int l0 = 0; l0 < l; l0 += chunk) {
                    int l1 = Math.min(l, l0 + chunk);
                    int lc = l1 - l0;
                    float[] cols = Workspace.floats(0, k * lc);
                    buildParallel(g, x, xOff, l0, l1, cols, lc, k);
                    Sgemm.multiply(false, true, opg, k, lc, 1f, gy, yOff + l0, l, cols, 0, lc, 1f, gw, wOff, k);
                }
            }
        }
    }
}
