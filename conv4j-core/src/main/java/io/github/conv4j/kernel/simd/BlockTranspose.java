package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes in 8 × 8 blocks held in registers (only loaded when {@link Simd#available()}): eight rows loaded, three
 * stages that each swap the off-diagonal blocks of 1, 2 and 4 lanes within pairs of rows (one rotation and one blend
 * per row of a pair), eight rows stored. 256-bit vectors on any machine: their permutes and blends move as many floats
 * per cycle as 512-bit ones where those run on 256-bit units, and eight rows fit AVX2's registers.
 *
 * <p>Only worth it where {@link Simd#blockTransposePays()}: on JDK 17 these rearranges measured three times slower
 * than a scalar loop.
 *
 * <pre>{@code
 * int done = Simd.blockTransposePays() ? BlockTranspose.rows(s, 0, cols, d, 0, rows, rows, cols) : 0;
 * // rows [done, rows) by a scalar loop
 * }</pre>
 */
public final class BlockTranspose {
    /** The block side. */
    public static final int SIDE = 8;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(S, l -> (l - 1) & 7);
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(S, l -> (l - 2) & 7);
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(S, l -> (l - 4) & 7);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(S, l -> (l + 1) & 7);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(S, l -> (l + 2) & 7);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(S, l -> (l + 4) & 7);
    private static final VectorMask<Float> BIT1 = VectorMask.fromLong(S, 0b10101010);
    private static final VectorMask<Float> BIT2 = VectorMask.fromLong(S, 0b11001100);
    private static final VectorMask<Float> BIT4 = VectorMask.fromLong(S, 0b11110000);

    private BlockTranspose() {}

    /** Whether the machine's preferred vectors are at least this class's 256 bits, so they run as instructions. */
    static boolean nativeWidth() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /**
     * {@code d[dOff + c·dStride + r] = s[sOff + r·sStride + c]} for source rows {@code r < done} and columns
     * {@code c < cols}, {@code done} the most whole blocks of the {@code rows}: whole blocks of columns in registers,
     * the columns after them one by one. The caller transposes rows {@code [done, rows)}.
     *
     * @return {@code done}, a multiple of {@link #SIDE}
     */
    public static int rows(float[] s, int sOff, int sStride, float[] d, int dOff, int dStride, int rows, int cols) {
        int done = rows / SIDE * SIDE;
        int wholeCols = cols / SIDE * SIDE;
        for (int r0 = 0; r0 < done; r0 += SIDE) {
            int sRow = sOff + r0 * sStride;
            for (int c0 = 0; c0 < wholeCols; c0 += SIDE) {
                block(s, sRow + c0, sStride, d, dOff + c0 * dStride + r0, dStride);
            }
            for (int c = wholeCols; c < cols; c++) {
                int dc = dOff + c * dStride + r0;
                for (int r = 0; r < SIDE; r++) {
                    d[dc + r] = s[sRow + r * sStride + c];
                }
            }
        }
        return done;
    }

    /** {@code d[dAt + c·dStride + r] = s[sAt + r·sStride + c]} for {@code r, c < 8}. */
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
