package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F4OutputTiles}' transform on whole vectors of consecutive tiles (loaded only when {@code Simd.available()}).
 * The last vector of a band reads past its last tile (into the next band or the rows' slack) and writes lanes of the
 * scratch slack that are never copied out.
 */
final class F4VectorOutputTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private F4VectorOutputTiles() {}

    static void transform(float[] m, int at, int mStride, int tiles, float[] s, int row, int out0) {
        int step = 4 * row;
        for (int t = 0; t < tiles; t += S.length()) {
            for (int i = 0; i < 6; i++) {
                int p = at + 6 * i * mStride + t;
                reduce(m, p, mStride, s, 4 * i * row + t, row);
            }
            for (int k = 0; k < 4; k++) {
                reduce(s, k * row + t, step, s, out0 + k * row + t, step);
            }
        }
    }

    /** {@code Aᵀ·(a[p], a[p + stride], …, a[p + 5·stride])} stored at {@code s[q + k·qStride]}, k = 0..3. */
    private static void reduce(float[] a, int p, int stride, float[] s, int q, int qStride) {
        FloatVector m0 = FloatVector.fromArray(S, a, p);
        FloatVector m1 = FloatVector.fromArray(S, a, p + stride);
        FloatVector m2 = FloatVector.fromArray(S, a, p + 2 * stride);
        FloatVector m3 = FloatVector.fromArray(S, a, p + 3 * stride);
        FloatVector m4 = FloatVector.fromArray(S, a, p + 4 * stride);
        FloatVector m5 = FloatVector.fromArray(S, a, p + 5 * stride);
        FloatVector s12 = m1.add(m2);
        FloatVector d12 = m1.sub(m2);
        FloatVector s34 = m3.add(m4);
        FloatVector d34 = m3.sub(m4);
        m0.add(s12).add(s34).intoArray(s, q);
        d12.add(d34.mul(2f)).intoArray(s, q + qStride);
        s12.add(s34.mul(4f)).intoArray(s, q + 2 * qStride);
        d12.add(d34.mul(8f)).add(m5).intoArray(s, q + 3 * qStride);
    }
}
