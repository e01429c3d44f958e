package io.github.conv4j.kernel.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileFft}'s transpose on whole vectors: each vector of a destination row is one gather from as many source
 * rows (only loaded when {@link FftSimd#VECTOR}). The scalar transpose, blocked for L1, was 28 % of a 512×512 ⊛ 31×31
 * filter (two transposes of 65 × 128 complex values per 128 × 128 tile); with gathers that filter took 1.74 against
 * 2.01 ms (medians of five alternating processes, one thread, JDK 25; 1.69–1.82 against 1.94–1.97 ms on JDK 17).
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorTranspose() {}

    /** The gather offsets for a source stride: {@code lane · stride}. */
    static int[] map(int stride) {
        int[] map = new int[S.length()];
        for (int l = 0; l < map.length; l++) {
            map[l] = l * stride;
        }
        return map;
    }

    /**
     * As {@link TileFft#scalarTranspose} for source rows {@code [0, whole)}, {@code whole} the most whole vectors of
     * the {@code rows}; {@code map} is {@link #map}{@code (sStride)}. Returns {@code whole}.
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
            int cols,
            int[] map) {
        int lanes = S.length();
        int whole = rows / lanes * lanes;
        for (int k0 = 0; k0 < whole; k0 += lanes) {
            int src = sOff + k0 * sStride;
            int d = dOff + k0;
            for (int c = 0; c < cols; c++, d += dStride) {
                FloatVector.fromArray(S, sr, src + c, map, 0).intoArray(dr, d);
                FloatVector.fromArray(S, si, src + c, map, 0).intoArray(di, d);
            }
        }
        return whole;
    }
}
