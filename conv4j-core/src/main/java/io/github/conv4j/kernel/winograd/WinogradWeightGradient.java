package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.Magnitudes;
import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The weight gradient of a 3×3, stride-1, undilated convolution with F(2×2, 3×3): differentiating
 * {@code Y = Aᵀ[(G w Gᵀ) ⊙ (Bᵀ d B)]A} gives {@code ∂w = Gᵀ[Σ_tiles (A ∂Y Aᵀ) ⊙ (Bᵀ d B)]G}, so the sum over every
 * 2×2 output tile of the batch is 16 GEMMs {@code U[ξ] += Z[ξ]·V[ξ]ᵀ} ({@code C_out × tiles} by
 * {@code tiles × C_in}, on the packed SIMD {@link Sgemm}) between the transformed output gradient
 * ({@link F2GradientTiles}) and the transformed input (the forward's {@link F2InputTiles}), then one 4×4 → 3×3 ({@link F2GradientUntransform})
 * transform per weight. 16 multiplies per tile and channel pair instead of the direct method's 36.
 *
 * <p><b>Determinism.</b> Tiles are walked in chunks of bands fixed by the problem alone (the plan for one thread); the
 * chunks are split into a fixed number of slices, each summed in order into its own partial U, and the partials are
 * added in slice order, so the sums and their order do not depend on the thread count (threads take whole slices, or
 * share the stages of a single slice). <b>Accuracy.</b> Like the forward F(2×2), the transforms add a few roundings per
 * product (their entries are ±1 and ½); {@code WinogradWeightGradientTest} measures the error against float64.
 * <b>Semantics.</b> NaN, infinities or huge values would be mixed over whole tiles, so such data are declined.
 *
 * <pre>{@code
 * if (!WinogradWeightGradient.compute(g, x, gy, gw)) {
 *     Im2colConv.weightGradient(g, x, gy, gw);
 * }
 * }</pre>
 */
public final class WinogradWeightGradient {
    /** As in {@link WinogradConv}: far below float's 128, so no transformed sum overflows where direct sums do not. */
    private static final int MAX_PRODUCT_EXPONENT = 96;

    /** Floats between the components' matrices, off 4 KiB strides (see {@link WinogradConv}). */
    private static final int SKEW = 32;

    /** Most partial sums of U the chunks are split into. */
    private static final int MAX_SLICES = 8;

    /** Bytes the partial sums of U may take together. */
    private static final long PARTIALS_BYTES = 32L << 20;

    private WinogradWeightGradient() {}

    /**
     * Tells whether the geometry is a 3×3, stride-1, undilated convolution.
     *
     * @param g the geometry
     * @return whether {@link #compute} can run it
     */
    public static boolean supports(ConvGeometry g) {
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1;
    }

    /**
     * {@code gw[o,c,p,q] = Σ_{n,i,j} x[n, c, i + p − top, j + q − left]·gy[n,o,i,j]}, unless the data are non-finite
     * or huge.
     *
     * @param g the geometry ({@link #supports} must hold)
     * @param x the forward input {@code (N, C_in, H, W)}
     * @param gy the output gradient {@code (N, C_out, H_out, W_out)}
     * @param gw the weight gradient {@code (C_out, C_in/G, 3, 3)}, overwritten
     * @return {@code true} if computed; {@code false} (gw untouched) if a value is NaN or infinite or
     *     {@code max|x|·max|gy| ≥ 2^96}, for which the caller must use a direct kernel
     * @throws IllegalArgumentException if {@code !supports(g)}
     */
    public static boolean compute(ConvGeometry g, float[] x, float[] gy, float[] gw) {
        if (!supports(g)) {
            throw new IllegalArgumentException("Winograd weight gradient cannot compute " + g.descriptor()
                    + ": it needs 3×3, stride 1, dilation 1");
        }
        int inputSize = g.n() * g.inC() * g.inH() * g.inW();
        int gradSize = g.n() * g.outC() * g.outH() * g.outW();
        if (!Magnitudes.productsBelow(x, inputSize, gy, gradSize, MAX_PRODUCT_EXPONENT)) {
            return false;
        }
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        // The plan for one thread: the chunks, hence the order of the sums, must not depend on the thread count.
        TilePlan plan = TilePlan.of(g, 2, 1);
        int uStride = componentStride(opg, cpg);
        int groupU = 16 * uStride;
        int uSize = g.groups() * groupU;
        int slices = slices(plan, uSize);
        float[] u = Workspace.floats(1, slices * uSize);
        Parallel.forRange(slices, 1, (s0, s1) -> {
            for (int slice = s0; slice < s1; slice++) {
                int c0 = (int) ((long) plan.chunks() * slice / slices);
                int c1 = (int) ((long) plan.chunks() * (slice + 1) / slices);
                accumulate(g, plan, x, gy, c0, c1, u, slice * uSize);
            }
        });
        if (slices > 1) {
            Parallel.forRange(uSize, 4096, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    float sum = u[i];
                    for (int slice = 1; slice < slices; slice++) {
                        sum += u[slice * uSize + i];
                    }
                    u[i] = sum;
                }
            });
        }
        Parallel.forRange(g.outC(), 1, (o0, o1) -> {
            float[] scratch = F2GradientUntransform.scratch();
            for (int o = o0; o < o1; o++) {
                int uOff = (o / opg) * groupU + (o % opg) * cpg;
                F2GradientUntransform.channels(u, uOff, uStride, cpg, gw, o * cpg * 9, scratch);
            }
        });
        return true;
    }

    /**
     * Distance between U's 16 component matrices ({@code C_out/G × C_in/G} each), skewed for the same reason as the
     * transformed inputs: the untransform reads one value of each, and for 512 → 512 channels 16 matrices exactly
     * 1 MiB apart fell into one cache set, so every read came from the third-level cache (a seventh of the backward pass
     * at one thread).
     */
    private static int componentStride(int opg, int cpg) {
        return opg * cpg + SKEW;
    }

    /**
     * How many partial sums the chunks are split into: up to {@link #MAX_SLICES}, so that threads can work on whole
     * chunks without handing every stage of every chunk around (which measured slower on 2 threads than on 1), within
     * {@link #PARTIALS_BYTES} of partial sums. A function of the problem alone, so the sums do not depend on the thread
     * count.
     */
    private static int slices(TilePlan plan, int uSize) {
        long fit = PARTIALS_BYTES / (4L * uSize);
        return (int) Math.max(1, Math.min(Math.min(MAX_SLICES, plan.chunks()), fit));
    }

    /**
     * Chunks {@code [c0, c1)} into {@code u[uAt ..]}, overwriting it: the transforms of each chunk, then its 16 GEMMs
     * adding to U.
     */
    private static void accumulate(
            ConvGeometry g, TilePlan plan, float[] x, float[] gy, int c0, int c1, float[] u, int uAt) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int ld = plan.rowStride();
        int vStride = cpg * ld + SKEW;
        int zStride = opg * ld + SKEW;
        int uStride = componentStride(opg, cpg);
        int groupU = 16 * uStride;
        float[] v = Workspace.floats(0, 16 * vStride);
        float[] z = Workspace.floats(2, 16 * zStride);
        int staging = Math.max(F2InputTiles.stagingSize(plan.tilesW()), F2GradientTiles.stagingSize(plan.tilesW()));
        for (int chunk = c0; chunk < c1; chunk++) {
            int band0 = chunk * plan.bandsPerChunk();
            int band1 = Math.min(plan.bands(), band0 + plan.bandsPerChunk());
            int tiles = (band1 - band0) * plan.tilesW();
            float beta = chunk == c0 ? 0f : 1f;
            for (int grp = 0; grp < g.groups(); grp++) {
                int group = grp;
                // Run on a pool thread, these loops are serial there (Parallel does not nest).
                Parallel.forRange(cpg + opg, 1, (i0, i1) -> {
                    float[] s = Workspace.floats(3, staging);
                    for (int i = i0; i < i1; i++) {
                        if (i < cpg) {
                            F2InputTiles.transform(g, plan, x, group * cpg + i, band0, band1, s, v, i * ld, vStride);
                        } else {
                            int o = i - cpg;
                            F2GradientTiles.transform(
                                    g, plan, gy, group * opg + o, band0, band1, s, z, o * ld, zStride);
                        }
                    }
                });
                int uOff = uAt + grp * groupU;
                Parallel.forRange(16, 1, (k0, k1) -> {
                    for (int k = k0; k < k1; k++) {
                        Sgemm.multiply(
                                false,
                                true,
                                opg,
                                cpg,
                                tiles,
                                1f,
                                z,
                                k * zStride,
                                ld,
                                v,
                                k * vStride,
                                ld,
                                beta,
                                u,
                                uOff + k * uStride,
                                cpg);
                    }
                });
            }
        }
    }
}
