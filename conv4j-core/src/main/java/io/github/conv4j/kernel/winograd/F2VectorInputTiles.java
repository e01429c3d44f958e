package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F2InputTiles}' transform on whole vectors of consecutive tiles (loaded only when {@code Simd.available()}).
 * The last vector of a band runs past its last tile: it reads the staging slack and writes into the next band's
 * columns (which that band then overwrites) or the rows' slack, never outside the arrays.
 */
final class F2VectorInputTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private F2VectorInputTiles() {}

    static void transform(float[] s, int row, int tilesW, float[] v, int at, int vStride) {
        int r1 = row;
        int r2 = 2 * row;
        int r3 = 3 * row;
        int odd = 4 * row;
        for (int t = 0; t < tilesW; t += S.length()) {
            FloatVector e0 = FloatVector.fromArray(S, s, t);
            FloatVector e1 = FloatVector.fromArray(S, s, t + 1);
            FloatVector o0 = FloatVector.fromArray(S, s, odd + t);
            FloatVector o1 = FloatVector.fromArray(S, s, odd + t + 1);
            FloatVector p00 = e0.sub(e1);
            FloatVector p01 = o0.add(e1);
            FloatVector p02 = e1.sub(o0);
            FloatVector p03 = o0.sub(o1);
            e0 = FloatVector.fromArray(S, s, r1 + t);
            e1 = FloatVector.fromArray(S, s, r1 + t + 1);
            o0 = FloatVector.fromArray(S, s, odd + r1 + t);
            o1 = FloatVector.fromArray(S, s, odd + r1 + t + 1);
            FloatVector p10 = e0.sub(e1);
            FloatVector p11 = o0.add(e1);
            FloatVector p12 = e1.sub(o0);
            FloatVector p13 = o0.sub(o1);
            e0 = FloatVector.fromArray(S, s, r2 + t);
            e1 = FloatVector.fromArray(S, s, r2 + t + 1);
            o0 = FloatVector.fromArray(S, s, odd + r2 + t);
            o1 = FloatVector.fromArray(S, s, odd + r2 + t + 1);
            FloatVector p20 = e0.sub(e1);
            FloatVector p21 = o0.add(e1);
            FloatVector p22 = e1.sub(o0);
            FloatVector p23 = o0.sub(o1);
            e0 = FloatVector.fromArray(S, s, r3 + t);
            e1 = FloatVector.fromArray(S, s, r3 + t + 1);
            o0 = FloatVector.fromArray(S, s, odd + r3 + t);
            o1 = FloatVector.fromArray(S, s, odd + r3 + t + 1);
            FloatVector p30 = e0.sub(e1);
            FloatVector p31 = o0.add(e1);
            FloatVector p32 = e1.sub(o0);
            FloatVector p33 = o0.sub(o1);
            int o = at + t;
            p00.sub(p20).intoArray(v, o);
            p01.sub(p21).intoArray(v, o + vStride);
            p02.sub(p22).intoArray(v, o + 2 * vStride);
            p03.sub(p23).intoArray(v, o + 3 * vStride);
            p10.add(p20).intoArray(v, o + 4 * vStride);
            p11.add(p21).intoArray(v, o + 5 * vStride);
            p12.add(p22).intoArray(v, o + 6 * vStride);
            p13.add(p23).intoArray(v, o + 7 * vStride);
            p20.sub(p10).intoArray(v, o + 8 * vStride);
            p21.sub(p11).intoArray(v, o + 9 * vStride);
            p22.sub(p12).intoArray(v, o + 10 * vStride);
            p23.sub(p13).intoArray(v, o + 11 * vStride);
            p10.sub(p30).intoArray(v, o + 12 * vStride);
            p11.sub(p31).intoArray(v, o + 13 * vStride);
            p12.sub(p32).intoArray(v, o + 14 * vStride);
            p13.sub(p33).intoArray(v, o + 15 * vStride);
        }
    }
}
