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

    /**
     * Whether {@link #forward} reads the input in place (implicit im2col, for at most 4 input channels per group with
     * the Vector API present) rather than building a column matrix.
     *
     * @param g the geometry
     * @return whether the implicit path runs
     */
    public static boolean implicit(ConvGeometry g) {
        return !pointwise(g) && ImplicitIm2col.applies(g);
    }

    private static boolean pointwise(ConvGeometry g) {
        return g.kh() == 1 && g.kw() == 1 && g.sh() == 1 && g.sw() == 1 && g.unpadded();
    }

    /** Output channels per thread below which a one-sample problem shares one GEMM instead of splitting channels. */
    private static final int SLICE_MIN_CHANNELS = 32;

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
        if (implicit(g)) {
            ImplicitIm2col.forward(g, x, w, b, y);
            return;
        }
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        int planeIn = g.inH() * g.inW();
        if (pointwise(g) && g.n() * g.groups() > 1 && Parallel.threads() > 1) {
            // Whole samples per thread: one hand-off instead of one per sample's GEMM (the bits are the same, as a
            // GEMM's sums do not depend on how its tiles are shared).
            Parallel.forRange(g.n() * g.groups(), 1, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    pointwise(g, x, w, b, y, i / g.groups(), i % g.groups());
                }
            });
            return;
        }
        int chunk = chunk(g);
        int slices = Parallel.threads();
        if (slices > 1 && g.n() * g.groups() == 1 && chunk >= l && opg >= slices * SLICE_MIN_CHANNELS) {
            // One sample: each thread builds the whole column matrix for itself and multiplies its share of the
            // output channels. Sharing one matrix measured slower on 2 threads than 1 thread (n1c256h14w14o256k3p1:
            // 2.0 against 1.8 ms), the matrix and its packed copy moving between the cores' caches; a GEMM's sums do
            // not depend on which rows it is given, so the bits are the same.
            Parallel.forRange(slices, 1, (s0, s1) -> {
                for (int s = s0; s < s1; s++) {
                    outputChannelSlice(g, x, w, b, y, opg * s / slices, opg * (s + 1) / slices);
                }
            });
            return;
        }
        for (int n = 0; n < g.n(); n++) {
            for (int grp = 0; grp < g.groups(); grp++) {
                if (pointwise(g)) {
                    pointwise(g, x, w, b, y, n, grp);
                    continue;
                }
                int xOff = (n * g.inC() + grp * cpg) * planeIn;
                int yOff = (n * g.outC() + grp * opg) * l;
                int wOff = grp * opg * k;
                fillBias(b, grp * opg, opg, y, yOff, l);
                float beta = b == null ? 0f : 1f;
                int kb = Sgemm.depthBlock(k);
                for (int l0 = 0; l0 < l; l0 += chunk) {
                    int l1 = Math.min(l, l0 + chunk);
                    int lc = l1 - l0;
                    float[] cols = Workspace.floats(0, Math.min(k, kb) * lc);
                    // One depth block of the column matrix at a time: the block, its packed copy and the weights'
                    // block stay in L2, where the whole matrix (9× the input) did not; the same bits
                    // (Sgemm.depthBlock).
                    for (int p0 = 0; p0 < k; p0 += kb) {
                        int p1 = Math.min(k, p0 + kb);
                        buildParallel(g, x, xOff, l0, l1, cols, -p0 * lc, lc, p0, p1);
                        float blockBeta = p0 == 0 ? beta : 1f;
                        Sgemm.multiply(
                                false, false, opg, lc, p1 - p0, 1f, w, wOff + p0, k, cols, 0, lc, blockBeta, y,
                                yOff + l0, l);
                    }
                }
            }
        }
    }

    /** Output channels {@code [o0, o1)} of a one-sample, one-group problem, its column matrix built by this thread. */
    private static void outputChannelSlice(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int o0, int o1) {
        int k = g.inCPerGroup() * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        float beta = b == null ? 0f : 1f;
        fillBias(b, o0, o1 - o0, y, o0 * l, l);
        if (pointwise(g)) {
            Sgemm.multiply(false, false, o1 - o0, l, k, 1f, w, o0 * k, k, x, 0, l, beta, y, o0 * l, l);
            return;
        }
        // Depth blocks of the column matrix, as in forward.
        int kb = Sgemm.depthBlock(k);
        float[] cols = Workspace.floats(0, Math.min(k, kb) * l);
        for (int p0 = 0; p0 < k; p0 += kb) {
            int p1 = Math.min(k, p0 + kb);
            Im2col.build(g, x, 0, 0, l, cols, -p0 * l, l, p0, p1);
            Sgemm.multiply(
                    false,
                    false,
                    o1 - o0,
                    l,
                    p1 - p0,
                    1f,
                    w,
                    o0 * k + p0,
                    k,
                    cols,
                    0,
                    l,
                    p0 == 0 ? beta : 1f,
                    y,
                    o0 * l,
                    l);
        }
    }

    /** One sample and group of a 1×1 convolution: a GEMM of the weights and the input planes as they are. */
    private static void pointwise(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int n, int grp) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int l = g.outH() * g.outW();
        int xOff = (n * g.inC() + grp * cpg) * l;
        int yOff = (n * g.outC() + grp * opg) * l;
        fillBias(b, grp * opg, opg, y, yOff, l);
        Sgemm.multiply(
                false, false, opg, l, cpg, 1f, w, grp * opg * cpg, cpg, x, xOff, l, b == null ? 0f : 1f, y, yOff, l);
    }

    /**
     * Starts {@code count} output planes of {@code l} values at {@code y[yOff]} at their channels' bias (the GEMM then
     * adds with beta 1); nothing without a bias.
     */
    private static void fillBias(float[] b, int bOff, int count, float[] y, int yOff, int l) {
        if (b == null) {
            return;
        }
        for (int o = 0; o < count; o++) {
            java.util.Arrays.fill(y, yOff + o * l, yOff + (o + 1) * l, b[bOff + o]);
        }
    }

    /** Rows {@code [p0, p1)} of the column matrix, row {@code r} at {@code cols[colOff + r·ld]}. */
    private static void buildParallel(
            ConvGeometry g, float[] x, int xOff, int l0, int l1, float[] cols, int colOff, int ld, int p0, int p1) {
        int grain = Math.max(1, (1 << 15) / Math.max(1, l1 - l0));
        Parallel.forRange(
                p1 - p0, grain, (r0, r1) -> Im2col.build(g, x, xOff, l0, l1, cols, colOff, ld, p0 + r0, p0 + r1));
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
        int chunk = chunk(g);
        // Computed transposed, gwᵀ (k × C_out) = cols (k × L) · gyᵀ: the column matrix is then the GEMM's A, read in
        // place along its rows, and only gy (C_out × L, 9× smaller for 3×3 kernels) is packed across its rows.
        // Packing cols transposed instead gathered every element at a stride of L.
        float[] gwT = Workspace.floats(2, k * opg);
        // Small planes put several samples side by side in one column matrix: one GEMM of depth Σ L instead of one
        // per sample, each of which read and wrote all of gwᵀ (9 MiB for 512 → 512 channels at 7×7).
        int batch = l >= BATCH_DEPTH || chunk < l ? 1 : Math.min(g.n(), Math.min(chunk / l, ceilDiv(BATCH_DEPTH, l)));
        for (int grp = 0; grp < g.groups(); grp++) {
            java.util.Arrays.fill(gwT, 0, k * opg, 0f);
            for (int n0 = 0; n0 < g.n(); n0 += batch) {
                int samples = Math.min(batch, g.n() - n0);
                if (samples > 1) {
                    weightGradientBatch(g, x, gy, grp, n0, samples, gwT);
                    continue;
                }
                weightGradientSample(g, x, gy, grp, n0, chunk, gwT);
            }
            transpose(gwT, k, opg, gw, grp * opg * k);
        }
    }

    /**
     * {@code dst[dstOff + j·rows + i] = src[i·cols + j]} in 32 × 32 blocks: a plain double loop reads one of the two
     * at a stride of a whole row per element, which cost as much as the GEMM for 4608 × 512.
     */
    private static void transpose(float[] src, int rows, int cols, float[] dst, int dstOff) {
        for (int i0 = 0; i0 < rows; i0 += 32) {
            int i1 = Math.min(rows, i0 + 32);
            for (int j0 = 0; j0 < cols; j0 += 32) {
                int j1 = Math.min(cols, j0 + 32);
                for (int j = j0; j < j1; j++) {
                    int d = dstOff + j * rows;
                    for (int i = i0; i < i1; i++) {
                        dst[d + i] = src[i * cols + j];
                    }
                }
            }
        }
    }

    /** Output positions the weight gradient's GEMM should sum over at least, batching samples to reach it. */
    private static final int BATCH_DEPTH = 1024;

    private static void weightGradientSample(
            ConvGeometry g, float[] x, float[] gy, int grp, int n, int chunk, float[] gwT) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        int xOff = (n * g.inC() + grp * cpg) * g.inH() * g.inW();
        int yOff = (n * g.outC() + grp * opg) * l;
        if (pointwise(g)) {
            Sgemm.multiply(false, true, k, opg, l, 1f, x, xOff, l, gy, yOff, l, 1f, gwT, 0, opg);
            return;
        }
        for (int l0 = 0; l0 < l; l0 += chunk) {
            int l1 = Math.min(l, l0 + chunk);
            int lc = l1 - l0;
            float[] cols = Workspace.floats(0, k * lc);
            buildParallel(g, x, xOff, l0, l1, cols, 0, lc, 0, k);
            Sgemm.multiply(false, true, k, opg, lc, 1f, cols, 0, lc, gy, yOff + l0, l, 1f, gwT, 0, opg);
        }
    }

    /** Samples {@code [n0, n0 + samples)} of one group as one GEMM: their column matrices and gy side by side. */
    private static void weightGradientBatch(
            ConvGeometry g, float[] x, float[] gy, int grp, int n0, int samples, float[] gwT) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        int depth = samples * l;
        float[] cols = Workspace.floats(0, k * depth);
        float[] gyB = Workspace.floats(1, opg * depth);
        for (int s = 0; s < samples; s++) {
            int n = n0 + s;
            int xOff = (n * g.inC() + grp * cpg) * g.inH() * g.inW();
            buildParallel(g, x, xOff, 0, l, cols, s * l, depth, 0, k);
            for (int o = 0; o < opg; o++) {
                System.arraycopy(gy, (n * g.outC() + grp * opg + o) * l, gyB, o * depth + s * l, l);
            }
        }
        Sgemm.multiply(false, true, k, opg, depth, 1f, cols, 0, depth, gyB, 0, depth, 1f, gwT, 0, opg);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
