package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.Magnitudes;
import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Winograd minimal filtering F(2×2, 3×3) for 3×3, stride-1, undilated convolutions: each 2×2 output tile costs 16
 * multiplies per (input, output) channel pair instead of 36, done as 16 GEMMs {@code M[ξ] = U[ξ]·V[ξ]} (U: transformed
 * weights {@code C_out × C_in}; V: transformed input tiles {@code C_in × tiles}) on the packed SIMD {@link Sgemm}.
 *
 * <p>Transforms (Lavin and Gray, 2015): {@code V = Bᵀ d B} ({@link F2InputTiles}), {@code U = G g Gᵀ}
 * ({@link F2Weights}), {@code Y = Aᵀ M A} ({@link F2OutputTiles}). The output is walked in chunks of tile rows
 * ({@link TilePlan}) small enough that a chunk's V and M stay in cache between the three stages; chunks run in
 * parallel, or, when there are too few, each stage of the one chunk does.
 *
 * <p><b>Accuracy.</b> The transforms only add, subtract and halve. Every transformed input is a signed sum of at most
 * 4 inputs and every transformed weight of at most 9 halved weights, so the rounding error stays a small constant
 * factor over the direct method's: the tests hold it to 4× the direct bound {@code K·2⁻²⁴·Σ|x||w|}. <b>Semantics.</b>
 * A NaN or infinity (or a value so large that a transformed sum could overflow where the direct sums do not) would
 * spread over a whole tile, so {@link #forward} declines such data and the caller runs a direct kernel.
 *
 * <pre>{@code
 * ConvGeometry g = ConvSpec.parse("n1c64h56w56o64k3p1");
 * if (!WinogradConv.forward(g, x, w, bias, y)) {
 *     Im2colConv.forward(g, x, w, bias, y); // non-finite or huge data
 * }
 * }</pre>
 */
public final class WinogradConv {
    /**
     * The largest exponent of {@code max|x|·max|w|} the transforms accept: far below float's 128, so that the sums of
     * up to 16 transformed products, 9 output terms and any number of channels cannot overflow where the direct sums
     * do not.
     */
    private static final int MAX_PRODUCT_EXPONENT = 96;

    /**
     * Floats added between the transformed components' matrices: with {@code C·ld} a multiple of 1024 floats, the
     * 16 or 36 components a transform touches per tile would all map to the same L1 cache set (4 KiB apart), which
     * measured several times slower.
     */
    private static final int SKEW = 32;

    private WinogradConv() {}

    /**
     * Tells whether the geometry is a 3×3, stride-1, undilated convolution.
     *
     * @param g the geometry
     * @return whether this kernel can run it
     */
    public static boolean supports(ConvGeometry g) {
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1;
    }

    /**
     * {@code y = conv2d(x, w) + b} with zero padding, unless the data are non-finite or huge.
     *
     * @param g the geometry ({@link #supports} must hold)
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight {@code (C_out, C_in/G, 3, 3)}
     * @param b the bias or {@code null}
     * @param y the output, overwritten
     * @return {@code true} if computed; {@code false} (y untouched) if a value of x or w is NaN or infinite or
     *     {@code max|x|·max|w| ≥ 2^96}, for which the caller must use a direct kernel
     * @throws IllegalArgumentException if {@code !supports(g)}
     */
    public static boolean forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        return forward(g, x, w, b, y, tileFor(g));
    }

    /**
     * The output tile side {@link #forward} uses: 2, F(2×2, 3×3). F(4×4, 3×3) needs 1.78× fewer multiplies but was
     * no faster in total on the ResNet layers and wide images measured (its transforms vectorise along a band of
     * tiles, which is 14 or fewer tiles wide on those layers, and touch 36 components per tile) and rounds up to
     * 16× worse, so it runs only when asked for through {@link #forward(ConvGeometry, float[], float[], float[],
     * float[], int)}.
     *
     * @param g the geometry
     * @return 2
     */
    public static int tileFor(ConvGeometry g) {
        return 2;
    }

    /**
     * {@link #forward(ConvGeometry, float[], float[], float[], float[])} with a chosen variant: {@code tile} 2 runs
     * F(2×2, 3×3), 4 runs F(4×4, 3×3).
     *
     * @param g the geometry
     * @param x the input
     * @param w the weight
     * @param b the bias or {@code null}
     * @param y the output
     * @param tile 2 or 4
     * @return {@code true} if computed, {@code false} if the data were declined
     * @throws IllegalArgumentException if {@code !supports(g)} or the tile is not 2 or 4
     */
    public static boolean forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int tile) {
        if (tile != 2 && tile != 4) {
            throw new IllegalArgumentException("tile (" + tile + ") must be 2 or 4");
        }
        if (!supports(g)) {
            throw new IllegalArgumentException("Winograd F(2×2, 3×3) cannot compute " + g.descriptor());
        }
        int inputSize = g.n() * g.inC() * g.inH() * g.inW();
        int weightSize = g.outC() * g.inCPerGroup() * 9;
        if (!Magnitudes.productsBelow(x, inputSize, w, weightSize, MAX_PRODUCT_EXPONENT)) {
            return false;
        }
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        TilePlan plan = TilePlan.of(g, tile, Parallel.threads());
        int groupWeights = plan.components() * opg * cpg;
        float[] u = Workspace.floats(1, g.groups() * groupWeights);
        Parallel.forRange(g.groups() * opg, Math.max(1, 4096 / cpg), (from, to) -> {
            for (int i = from; i < to; i++) {
                int grp = i / opg;
                int o = i % opg;
                int wOff = grp * opg * cpg * 9;
                if (tile == 4) {
                    F4Weights.apply(w, wOff, opg, cpg, o, o + 1, u, grp * groupWeights);
                } else {
                    F2Weights.apply(w, wOff, opg, cpg, o, o + 1, u, grp * groupWeights);
                }
            }
        });
        if (plan.chunks() > 1) {
            Parallel.forRange(plan.chunks(), 1, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    new Chunk(g, plan, x, u, b, y, c).run();
                }
            });
        } else {
            new Chunk(g, plan, x, u, b, y, 0).run();
        }
        return true;
    }

    /**
     * One chunk of bands, all groups: input transform, 16 GEMMs, output transform. Run on a pool thread, its stages
     * run serially there ({@link Parallel} does not nest); run alone, each stage is a parallel loop.
     */
    private static final class Chunk {
        private final ConvGeometry g;
        private final TilePlan plan;
        private final float[] x;
        private final float[] u;
        private final float[] b;
        private final float[] y;
        private final int band0;
        private final int band1;
        private final int tiles;
        private final int ld;
        private final int vStride;
        private final int mStride;
        private final float[] v;
        private final float[] m;

        Chunk(ConvGeometry g, TilePlan plan, float[] x, float[] u, float[] b, float[] y, int index) {
            this.g = g;
            this.plan = plan;
            this.x = x;
            this.u = u;
            this.b = b;
            this.y = y;
            this.band0 = index * plan.bandsPerChunk();
            this.band1 = Math.min(plan.bands(), band0 + plan.bandsPerChunk());
            this.tiles = (band1 - band0) * plan.tilesW();
            this.ld = plan.rowStride();
            this.vStride = g.inCPerGroup() * ld + SKEW;
            this.mStride = g.outCPerGroup() * ld + SKEW;
            this.v = Workspace.floats(0, plan.components() * vStride);
            this.m = Workspace.floats(2, plan.components() * mStride);
        }

        void run() {
            int cpg = g.inCPerGroup();
            int opg = g.outCPerGroup();
            int tilesW = plan.tilesW();
            boolean four = plan.tile() == 4;
            int staging = four
                    ? Math.max(F4InputTiles.stagingSize(tilesW), F4OutputTiles.stagingSize(tilesW))
                    : Math.max(F2InputTiles.stagingSize(tilesW), F2OutputTiles.stagingSize(tilesW));
            int alpha = plan.components();
            for (int grp = 0; grp < g.groups(); grp++) {
                int group = grp;
                Parallel.forRange(cpg, 1, (c0, c1) -> {
                    float[] s = Workspace.floats(3, staging);
                    for (int c = c0; c < c1; c++) {
                        if (four) {
                            F4InputTiles.transform(g, plan, x, group * cpg + c, band0, band1, s, v, c * ld, vStride);
                        } else {
                            F2InputTiles.transform(g, plan, x, group * cpg + c, band0, band1, s, v, c * ld, vStride);
                        }
                    }
                });
                int uOff = grp * alpha * opg * cpg;
                Parallel.forRange(alpha, 1, (k0, k1) -> {
                    for (int k = k0; k < k1; k++) {
                        Sgemm.multiply(
                                false,
                                false,
                                opg,
                                tiles,
                                cpg,
                                1f,
                                u,
                                uOff + k * opg * cpg,
                                cpg,
                                v,
                                k * vStride,
                                ld,
                                0f,
                                m,
                                k * mStride,
                                ld);
                    }
                });
                Parallel.forRange(opg, 1, (o0, o1) -> {
                    float[] s = Workspace.floats(3, staging);
                    for (int o = o0; o < o1; o++) {
                        if (four) {
                            F4OutputTiles.transform(
                                    g, plan, m, o * ld, mStride, band0, band1, s, b, group * opg + o, y);
                        } else {
                            F2OutputTiles.transform(
                                    g, plan, m, o * ld, mStride, band0, band1, s, b, group * opg + o, y);
                        }
                    }
                });
            }
        }
    }
}
