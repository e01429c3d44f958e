package io.github.conv4j.kernel.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileFft}'s transpose on whole vectors (only loaded when {@link FftSimd#VECTOR}). The scalar loop, blocked for
 * L1, was 28 % of a 512×512 ⊛ 31×31 filter (two transposes of 65 × 128 complex values per 128 × 128 tile).
 *
 * <p>On JDK 25, 8 × 8 blocks in registers: eight rows loaded, three stages that each swap the off-diagonal blocks of
 * 1, 2 and 4 lanes within pairs of rows (one rotation and one blend per row of a pair), eight rows stored; 256-bit
 * vectors on any machine, as their permutes and blends move as many floats per cycle as 512-bit ones where those run
 * on 256-bit units, and eight rows fit AVX2's registers. On JDK 17 those rearranges ran 3× slower than the scalar loop,
 * so there each destination vector is one gather from as many source rows. The filter, one thread, medians of
 * alternating processes: scalar 2.01 ms, gathers 1.67–1.74, blocks 1.39 (JDK 25); scalar 1.94–2.75, gathers 1.76–1.82,
 * blocks 4.7–5.4 (JDK 17).
 */
final class VectorTranspose {
    /** Whether the 8 × 8 blocks run (measured on JDK 25; JDK 17 gets the gathers). */
    static final boolean IN_REGISTERS = Runtime.version().feature() >= 25;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;

    /** Block side: the lanes of {@link #S}. */
    static final int BLOCK = 8;

    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(S, l -> (l - 1) & 7);
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(S, l -> (l - 2) & 7);
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(S, l -> (l - 4) & 7);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(S, l -> (l + 1) & 7);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(S, l -> (l + 2) & 7);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(S, l -> (l + 4) & 7);
    private static final VectorMask<Float> BIT1 = VectorMask.fromLong(S, 0b10101010);
    private static final VectorMask<Float> BIT2 = VectorMask.fromLong(S, 0b11001100);
    private static final VectorMask<Float> BIT4 = VectorMask.fromLong(S, 0b11110000);

    private VectorTranspose() {}

    /**
     * As {@link TileFft#scalarTranspose} for source rows {@code [0, whole)}, {@code whole} the most whole vectors of
     * the {@code rows}: by {@link #blockRows} or {@link #gatherRows} ({@link #IN_REGISTERS}). Returns {@code whole}.
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
        return IN_REGISTERS
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

    /**
     * {@link #rows} by 8 × 8 blocks in registers, the columns past the last whole block of these rows by the scalar
     * loop.
     */
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
        int whole = rows / BLOCK * BLOCK;
        int wholeCols = cols / BLOCK * BLOCK;
        for (int k0 = 0; k0 < whole; k0 += BLOCK) {
            for (int c0 = 0; c0 < wholeCols; c0 += BLOCK) {
                int s = sOff + k0 * sStride + c0;
                int d = dOff + c0 * dStride + k0;
                block(sr, s, sStride, dr, d, dStride);
                block(si, s, sStride, di, d, dStride);
            }
        }
        if (wholeCols < cols && whole > 0) {
            TileFft.scalarTranspose(
                    sr,
                    si,
                    sOff + wholeCols,
                    sStride,
                    dr,
                    di,
                    dOff + wholeCols * dStride,
                    dStride,
                    whole,
                    cols - wholeCols);
        }
        return whole;
    }

    /** {@code d[dAt + c·dStride + k] = s[sAt + k·sStride + c]} for {@code k, c < 8}. */
    private static void block(float[] s, int sAt, int sStride, float[] d, int dAt, int dStride) {
        FloatVector r0 = FloatVector.fromArray(S, s, sAt);
        FloatVector r1 = FloatVector.fromArray(S, s, sAt + sStride);
        FloatVector r2 = FloatVector.fromArray(S, s, sAt + 2 * sStride);
        FloatVector r3 = FloatVector.fromArray(S, s, sAt + 3 * sStride);
        FloatVector r4 = FloatVector.fromArray(S, s, sAt + 4 * sStride);
        FloatVector r5 = FloatVector.fromArray(S, s, sAt + 5 * sStride);
        FloatVector r6 = FloatVector.fromArray(S, s, sAt + 6 * sStride);
        FloatVector r7 = FloatVector.fromArray(S, s, sAt + 7 * sStride);
        // Stage 1: within pairs (0,1), (2,3), (4,5), (6,7), swap lane 2j+1 of the first with lane 2j of the second.
        FloatVector t0 = r0.blend(r1.rearrange(DOWN1), BIT1);
        FloatVector t1 = r0.rearrange(UP1).blend(r1, BIT1);
        FloatVector t2 = r2.blend(r3.rearrange(DOWN1), BIT1);
        FloatVector t3 = r2.rearrange(UP1).blend(r3, BIT1);
        FloatVector t4 = r4.blend(r5.rearrange(DOWN1), BIT1);
        FloatVector t5 = r4.rearrange(UP1).blend(r5, BIT1);
        FloatVector t6 = r6.blend(r7.rearrange(DOWN1), BIT1);
        FloatVector t7 = r6.rearrange(UP1).blend(r7, BIT1);
        // Stage 2: pairs (0,2), (1,3), (4,6), (5,7), blocks of two lanes.
        r0 = t0.blend(t2.rearrange(DOWN2), BIT2);
        r2 = t0.rearrange(UP2).blend(t2, BIT2);
        r1 = t1.blend(t3.rearrange(DOWN2), BIT2);
        r3 = t1.rearrange(UP2).blend(t3, BIT2);
        r4 = t4.blend(t6.rearrange(DOWN2), BIT2);
        r6 = t4.rearrange(UP2).blend(t6, BIT2);
        r5 = t5.blend(t7.rearrange(DOWN2), BIT2);
        r7 = t5.rearrange(UP2).blend(t7, BIT2);
        // Stage 3: pairs (0,4), (1,5), (2,6), (3,7), blocks of four lanes.
        r0.blend(r4.rearrange(DOWN4), BIT4).intoArray(d, dAt);
        r0.rearrange(UP4).blend(r4, BIT4).intoArray(d, dAt + 4 * dStride);
        r1.blend(r5.rearrange(DOWN4), BIT4).intoArray(d, dAt + dStride);
        r1.rearrange(UP4).blend(r5, BIT4).intoArray(d, dAt + 5 * dStride);
        r2.blend(r6.rearrange(DOWN4), BIT4).intoArray(d, dAt + 2 * dStride);
        r2.rearrange(UP4).blend(r6, BIT4).intoArray(d, dAt + 6 * dStride);
        r3.blend(r7.rearrange(DOWN4), BIT4).intoArray(d, dAt + 3 * dStride);
        r3.rearrange(UP4).blend(r7, BIT4).intoArray(d, dAt + 7 * dStride);
    }
}
