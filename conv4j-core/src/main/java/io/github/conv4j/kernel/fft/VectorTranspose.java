package io.github.conv4j.kernel.fft;

import io.github.conv4j.kernel.simd.BlockTranspose;
import io.github.conv4j.kernel.simd.Simd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileFft}'s transpose on whole vectors (only loaded when {@link FftSimd#VECTOR}). The scalar loop, blocked for
 * L1, was 28 % of a 512×512 ⊛ 31×31 filter (two transposes of 65 × 128 complex values per 128 × 128 tile).
 *
 * <p>On JDK 25, 8 × 8 blocks in registers ({@link BlockTranspose}). On JDK 17 those rearranges ran 3× slower than the
 * scalar loop, so there each destination vector is one gather from as many source rows. The filter, one thread, medians of
 * alternating processes: scalar 2.01 ms, gathers 1.67–1.74, blocks 1.39 (JDK 25); scalar 1.94–2.75, gathers 1.76–1.82,
 * blocks 4.7–5.4 (JDK 17).
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;

    private VectorTranspose() {}

    /**
     * As {@link TileFft#scalarTranspose} for source rows {@code [0, whole)}, {@code whole} the most whole vectors of
     * the {@code rows}: by {@link #blockRows} or {@link #gatherRows} ({@link Simd#blockTransposePays()}). Returns {@code whole}.
     */
    static int rows(
            float[] sr,
            float[] si,
            int sOff,
            int sStride,
            float[] dr,
            float[] di,
            int dOff,
            int dStride,
            int rows,
            int cols) {
        return Simd.blockTransposePays()
                ? blockRows(sr, si, sOff, sStride, dr, di, dOff, dStride, rows, cols)
                : gatherRows(sr, si, sOff, sStride, dr, di, dOff, dStride, rows, cols);
    }

    /**
     * {@link #rows} by gathers: each vector of a destination row gathers one column of as many source rows.
     */
    static int gatherRows(
            float[] sr,
            float[] si,
            int sOff,
            int sStride,
            float[] dr,
            float[] di,
            int dOff,
            int dStride,
            int rows,
            int cols) {
        int lanes = WIDE.length();
        int[] map = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            map[l] = l * sStride;
        }
        int whole = rows / lanes * lanes;
        for (int k0 = 0; k0 < whole; k0 += lanes) {
            int src = sOff + k0 * sStride;
            int d = dOff + k0;
            for (int c = 0; c < cols; c++, d += dStride) {
                FloatVector.fromArray(WIDE, sr, src + c, map, 0).intoArray(dr, d);
                FloatVector.fromArray(WIDE, si, src + c, map, 0).intoArray(di, d);
            }
        }
        return whole;
    }

    /** {@link #rows} by {@link BlockTranspose}'s 8 × 8 blocks in registers, re and im. */
    static int blockRows(
            float[] sr,
            float[] si,
            int sOff,
            int sStride,
            float[] dr,
            float[] di,
            int dOff,
            int dStride,
            int rows,
            int cols) {
        BlockTranspose.rows(sr, sOff, sStride, dr, dOff, dStride, rows, cols);
        return BlockTranspose.rows(si, sOff, sStride, di, dOff, dStride, rows, cols);
    }
}
