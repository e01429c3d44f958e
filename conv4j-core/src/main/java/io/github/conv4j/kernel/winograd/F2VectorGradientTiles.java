package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F2GradientTiles}' transform on whole vectors of consecutive tiles (loaded only when {@code Simd.available()}).
 * The last vector of a band runs past its last tile: it reads the staging pad and writes into the next band's tiles
 * (which that band then overwrites) or the rows' pad, never outside the arrays.
 */
final class F2VectorGradientTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private F2VectorGradientTiles() {}

    static void transform(float[] s, int row, int tiles, float[] z, int at, int zStride) {
        for (int t = 0; t < tiles; t += S.length()) {
            FloatVector a = FloatVector.fromArray(S, s, t);
            FloatVector b = FloatVector.fromArray(S, s, row + t);
            FloatVector c = FloatVector.fromArray(S, s, 2 * row + t);
            FloatVector d = FloatVector.fromArray(S, s, 3 * row + t);
            int i = at + t;
            column(a, b, z, i, zStride);
            column(a.add(c), b.add(d), z, i + 4 * zStride, zStride);
            column(a.sub(c), b.sub(d), z, i + 8 * zStride, zStride);
            column(c.neg(), d.neg(), z, i + 12 * zStride, zStride);
        }
    }

    private static void column(FloatVector u, FloatVector v, float[] z, int i, int zStride) {
        u.intoArray(z, i);
        u.add(v).intoArray(z, i + zStride);
        u.sub(v).intoArray(z, i + 2 * zStride);
        v.neg().intoArray(z, i + 3 * zStride);
    }
}
