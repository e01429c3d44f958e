package io.github.conv4j.kernel.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileFft#transpose} by gathers, for JDKs where {@code BlockTranspose}'s rearranges do not pay (JDK 17): each
 * vector of a destination row gathers one column of as many source rows. Only loaded when {@link FftSimd#VECTOR}.
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Whether the gathers run as instructions: x86 has them from AVX2 (256-bit vectors) on; narrower vectors (SSE,
     * NEON) would gather in Java, slower than the scalar loop.
     */
    static final boolean PAYS = S.vectorBitSize() >= 256;

    private VectorTranspose() {}

    /**
     * As {@link TileFft#scalarTranspose} for source rows {@code [0, done)}, {@code done} the most whole vectors of the
     * {@code rows}; returns {@code done}.
     */
    static int gatherRows(float[] s, int sOff, int sStride, float[] d, int dOff, int dStride, int rows, int cols) {
        int lanes = S.length();
        int[] map = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            map[l] = l * sStride;
        }
        int done = rows / lanes * lanes;
        for (int k0 = 0; k0 < done; k0 += lanes) {
            int src = sOff + k0 * sStride;
            int at = dOff + k0;
            for (int c = 0; c < cols; c++, at += dStride) {
                FloatVector.fromArray(S, s, src + c, map, 0).intoArray(d, at);
            }
        }
        return done;
    }
}
