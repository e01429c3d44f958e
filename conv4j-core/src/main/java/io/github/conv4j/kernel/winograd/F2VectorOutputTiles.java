package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F2OutputTiles}' transform on whole vectors of consecutive tiles (loaded only when {@code Simd.available()}).
 * The last vector of a band reads past its last tile (into the next band or the rows' slack) and writes lanes of
 * the staging slack that are never copied out.
 */
final class F2VectorOutputTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private F2VectorOutputTiles() {}

    static void transform(float[] m, int at, int mStride, int tiles, float[] s, int row) {
        for (int t = 0; t < tiles; t += S.length()) {
            int i = at + t;
            FloatVector m4 = FloatVector.fromArray(S, m, i + 4 * mStride);
            FloatVector m8 = FloatVector.fromArray(S, m, i + 8 * mStride);
            FloatVector a0 = FloatVector.fromArray(S, m, i).add(m4).add(m8);
            FloatVector c0 = m4.sub(m8).sub(FloatVector.fromArray(S, m, i + 12 * mStride));
            FloatVector m5 = FloatVector.fromArray(S, m, i + 5 * mStride);
            FloatVector m9 = FloatVector.fromArray(S, m, i + 9 * mStride);
            FloatVector a1 = FloatVector.fromArray(S, m, i + mStride).add(m5).add(m9);
            FloatVector c1 = m5.sub(m9).sub(FloatVector.fromArray(S, m, i + 13 * mStride));
            FloatVector m6 = FloatVector.fromArray(S, m, i + 6 * mStride);
            FloatVector m10 = FloatVector.fromArray(S, m, i + 10 * mStride);
            FloatVector a2 =
                    FloatVector.fromArray(S, m, i + 2 * mStride).add(m6).add(m10);
            FloatVector c2 = m6.sub(m10).sub(FloatVector.fromArray(S, m, i + 14 * mStride));
            FloatVector m7 = FloatVector.fromArray(S, m, i + 7 * mStride);
            FloatVector m11 = FloatVector.fromArray(S, m, i + 11 * mStride);
            FloatVector a3 =
                    FloatVector.fromArray(S, m, i + 3 * mStride).add(m7).add(m11);
            FloatVector c3 = m7.sub(m11).sub(FloatVector.fromArray(S, m, i + 15 * mStride));
            a0.add(a1).add(a2).intoArray(s, t);
            a1.sub(a2).sub(a3).intoArray(s, row + t);
            c0.add(c1).add(c2).intoArray(s, 2 * row + t);
            c1.sub(c2).sub(c3).intoArray(s, 3 * row + t);
        }
    }
}
