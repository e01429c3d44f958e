package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.kernel.Magnitudes;
import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Winograd minimal filtering for 3×3, stride-1 convolutions (dilated ones as undilated phase problems,
 * {@link DilationPhases}): F(4×4, 3×3) computes each 4×4 output tile with
 * 36 multiplies per (input, output) channel pair instead of 144, F(2×2, 3×3) each 2×2 tile with 16 instead of 36
 * ({@link #tileFor} picks one). The products are done as 36 or 16 GEMMs {@code M[ξ] = U[ξ]·V[ξ]} (U: transformed
 * weights {@code C_out × C_in}; V: transformed input tiles {@code C_in × tiles}) on the packed SIMD {@link Sgemm}.
 *
 * <p>Transforms (Lavin and Gray, 2015): {@code V = Bᵀ d B} ({@link F4InputTiles}, {@link F2InputTiles}),
 * {@code U = G g Gᵀ} ({@link F4Weights}, {@link F2Weights}), {@code Y = Aᵀ M A} ({@link F4OutputTiles},
 * {@link F2OutputTiles}). The output is walked in chunks of tile rows ({@link TilePlan}) small enough that a chunk's V
 * and M stay in cache between the three stages; chunks run in parallel, or, when there are too few, each stage of the
 * one chunk does.
 *
 * <p><b>Accuracy.</b> Measured against float64 on random problems ({@code WinogradConvTest}), the error stays within
 * 0.58× (F(2×2)) and 11.5× (F(4×4)) the direct method's bound {@code 9·C_in·2⁻²⁴·S}, with S the largest
 * {@code Σ|x||w|} of the output's tile: the transforms mix a tile's values, and F(4×4)'s have entries up to 8 and the
 * inexact 1/6 and 1/24. <b>Semantics.</b> A NaN or infinity (or a value so large that a transformed sum could overflow
 * where the direct sums do not) would spread over a whole tile, so {@link #forward} declines such data and the caller
 * runs a direct kernel.
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
     * Tells whether the geometry is a 3×3, stride-1 convolution (dilated ones run as {@code dh·dw} undilated phase
     * problems, see {@link DilationPhases}).
     *
     * @param g the geometry
     * @return whether this kernel can run it
     */
    public static boolean supports(ConvGeometry g) {
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1;
    }

    /**
     * The undilated problem Winograd computes for {@code g}: {@code g} itself, or for a dilated convolution the
     * {@code N·dh·dw} phase samples of {@link DilationPhases}.
     *
     * @param g a geometry with {@link #supports}
     * @return the geometry the tiles cover
     */
    public static ConvGeometry undilated(ConvGeometry g) {
        return g.dh() == 1 && g.dw() == 1 ? g : DilationPhases.phaseGeometry(g);
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
     * The output tile side {@link #forward} uses: 4, F(4×4, 3×3) with 4× fewer multiplies than the direct method, when
     * the output is at least 12 × 12 (3 tiles a side, so little of a tile is cropped); 2, F(2×2, 3×3), otherwise.
     * Measured at 1 thread, JDK 25, after vectorising the transforms: 64 → 64 channels 56×56 N=8 F(4×4) 9.0 ms,
     * F(2×2) 10.5 ms; 128 channels 28×28 7.6 against 9.4; 256 channels 14×14 13.9 against 15.3; but 512 channels
     * 7×7 17.0 against 13.2 (F(4×4) computes 8×8 there and its transformed weights are 36 MiB). Also F(2×2) when the
     * batch has fewer than {@link ConvTuning#WINOGRAD_F4_MIN_TILES} 4×4 tiles (a one-sample 14×14 layer). F(4×4)
     * rounds more: up to 11.5× the direct bound of its tile (F(2×2): 0.58×), measured in {@code WinogradConvTest}.
     *
     * @param g the geometry
     * @return 2 or 4
     */
    public static int tileFor(ConvGeometry g) {
        ConvGeometry dense = undilated(g);
        if (dense.outH() < 12 || dense.outW() < 12) {
            return 2;
        }
        long fourByFourTiles = (long) dense.n() * ((dense.outH() + 3) / 4) * ((dense.outW() + 3) / 4);
        return fourByFourTiles >= ConvTuning.WINOGRAD_F4_MIN_TILES ? 4 : 2;
    }

    /** Whether the data are finite and small enough for the transforms (see {@link #forward}). */
    static boolean accepts(ConvGeometry g, float[] x, float[] w) {
        return accepts(g, x, w, null);
    }

    /** {@link #accepts}, taking the weights' largest exponent from {@code known} when their transform is cached. */
    private static boolean accepts(ConvGeometry g, float[] x, float[] w, TransformedWeights.Valid known) {
        int inputSize = g.n() * g.inC() * g.inH() * g.inW();
        int ew = known != null ? known.maxExponent() : Magnitudes.maxExponent(w, weightCount(g));
        return Magnitudes.exponentsBelow(Magnitudes.maxExponent(x, inputSize), ew, MAX_PRODUCT_EXPONENT);
    }

    private static int weightCount(ConvGeometry g) {
        return g.outC() * g.inCPerGroup() * 9;
    }

    /** Floats of the transformed weights for a tile side: one matrix per transform component and group. */
    private static int transformSize(ConvGeometry g, int tile) {
        int side = tile + 2;
        return g.groups() * side * side * g.outCPerGroup() * g.inCPerGroup();
    }

    /**
     * The cached transform of the weights, valid for their present contents, or {@code null}: looked up before the
     * magnitude check so that one pass over the weights serves both.
     */
    private static TransformedWeights.Valid cachedWeights(ConvGeometry g, float[] w, int tile, boolean flipped) {
        return TransformedWeights.valid(w, weightCount(g), tile, flipped, transformSize(g, tile));
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
            throw new IllegalArgumentException(
                    "Winograd cannot compute " + g.descriptor() + ": it needs 3×3 and stride 1");
        }
        if (g.dh() != 1 || g.dw() != 1) {
            return DilationPhases.forward(g, x, w, b, y, tile);
        }
        TransformedWeights.Valid known = cachedWeights(g, w, tile, false);
        if (!accepts(g, x, w, known)) {
            return false;
        }
        compute(g, x, w, b, y, tile, false, known);
        return true;
    }

    /**
     * The input gradient of a stride-1, undilated 3×3 convolution as the forward product {@code g} of the output
     * gradient (the geometry {@code conv2d}'s backward builds: kernels rotated by 180°, channels swapped within each
     * group), reading the original weights in place: the rotated, transposed copy the other kernels need cost 1.8 ms
     * per call for 512 → 512 channels, and its transform could not be kept between calls because the copy lives in
     * reused scratch. The same bits as {@link #forward} on that copy.
     *
     * @param g the forward geometry of the input gradient, {@code (N, C_out, H_out, W_out)} → {@code (N, C_in, H, W)}
     * @param gy the output gradient, the input of {@code g}
     * @param w the original weights {@code (C_out, C_in/G, 3, 3)} = {@code (g.inC(), g.outC()/G, 3, 3)}
     * @param gx the input gradient, the output of {@code g}, overwritten
     * @return {@code true} if computed, {@code false} if the data were declined (as {@link #forward})
     * @throws IllegalArgumentException if {@code g} is not a 3×3, stride-1, undilated geometry
     */
    public static boolean forwardFlipped(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        if (!supports(g) || g.dh() != 1 || g.dw() != 1) {
            throw new IllegalArgumentException(
                    "Winograd input gradient needs an undilated 3×3 stride-1 geometry, got " + g.descriptor());
        }
        int tile = tileFor(g);
        TransformedWeights.Valid known = cachedWeights(g, w, tile, true);
        if (!accepts(g, gy, w, known)) {
            return false;
        }
        compute(g, gy, w, null, gx, tile, true, known);
        return true;
    }

    /** The undilated product on data already {@link #accepts accepted}. */
    static void compute(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int tile) {
        compute(g, x, w, b, y, tile, false, null);
    }

    /**
     * {@link #compute}, with the weights read as {@link #forwardFlipped} reads them when {@code flipped}, and their
     * transform taken from {@code known} when it was found valid just before.
     */
    private static void compute(
            ConvGeometry g,
            float[] x,
            float[] w,
            float[] b,
            float[] y,
            int tile,
            boolean flipped,
            TransformedWeights.Valid known) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        TilePlan plan = TilePlan.of(g, tile, Parallel.threads());
        int groupWeights = plan.components() * opg * cpg;
        float[] u = known != null ? known.u() : transformedWeights(g, w, tile, flipped, groupWeights);
        if (plan.chunks() > 1) {
            Parallel.forRange(plan.chunks(), 1, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    new Chunk(g, plan, x, u, b, y, c).run();
                }
            });
        } else {
            new Chunk(g, plan, x, u, b, y, 0).run();
        }
    }

    /** The transformed weights from {@link TransformedWeights#of} (cached, or computed now in parallel). */
    private static float[] transformedWeights(ConvGeometry g, float[] w, int tile, boolean flipped, int groupWeights) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        return TransformedWeights.of(w, weightCount(g), tile, flipped, g.groups() * groupWeights, into -> {
            Parallel.forRange(g.groups() * opg, Math.max(1, 4096 / cpg), (from, to) -> {
                // One call per run of output channels within a group, so the transform's buffer is allocated per
                // chunk.
                for (int i = from; i < to; ) {
                    int grp = i / opg;
                    int o0 = i % opg;
                    int o1 = Math.min(opg, o0 + (to - i));
                    int wOff = grp * opg * cpg * 9;
                    if (tile == 4) {
                        F4Weights.apply(w, wOff, opg, cpg, o0, o1, into, grp * groupWeights, flipped);
                    } else {
                        F2Weights.apply(w, wOff, opg, cpg, o0, o1, into, grp * groupWeights, flipped);
                    }
                    i += o1 - o0;
                }
            });
        });
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
            // One chunk whatever the thread count: its GEMMs may take the dot-product tail for their last columns
            // (a one-sample 14×14 layer has 49 tiles: 48 columns on the 4 × 3 block and one dot product, instead of
            // 32 + 16 + a 16-wide panel for one column).
            boolean fixedColumns = plan.sameForAnyThreadCount();
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
                        // Unless the chunking is the same on any thread count, the chunk's tile count depends on
                        // it, so the columns' bits must not depend on the column count.
                        Sgemm.multiplyColumnStableIf(
                                !fixedColumns,
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
