package io.github.conv4j.kernel.direct;

import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API sweep of {@link SmallPlanes}: four vectors of consecutive positions stay in registers while every tap
 * is applied, so each position is loaded once per tap and stored once; the same fused multiply-add chain per output
 * as the scalar sweep.
 */
final class VectorSmallPlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorSmallPlanes() {}

    static void sweep(
            ConvGeometry g,
            float[] padded,
            int wp,
            float[] w,
            int wOff,
            float bias,
            float[] flat,
            int length,
            int[] offs) {
        int lanes = S.length();
        int taps = g.kh() * g.kw();
        for (int p = 0; p < g.kh(); p++) {
            for (int q = 0; q < g.kw(); q++) {
                offs[p * g.kw() + q] = p * g.dh() * wp + q * g.dw();
            }
        }
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        int f = 0;
        for (; f + block <= length; f += block) {
            FloatVector a0 = b;
            FloatVector a1 = b;
            FloatVector a2 = b;
            FloatVector a3 = b;
            for (int t = 0; t < taps; t++) {
                FloatVector tap = FloatVector.broadcast(S, w[wOff + t]);
                int base = f + offs[t];
                a0 = tap.fma(FloatVector.fromArray(S, padded, base), a0);
                a1 = tap.fma(FloatVector.fromArray(S, padded, base + lanes), a1);
                a2 = tap.fma(FloatVector.fromArray(S, padded, base + 2 * lanes), a2);
                a3 = tap.fma(FloatVector.fromArray(S, padded, base + 3 * lanes), a3);
            }
            a0.intoArray(flat, f);
            a1.intoArray(flat, f + lanes);
            a2.intoArray(flat, f + 2 * lanes);
            a3.intoArray(flat, f + 3 * lanes);
        }
        for (; f + lanes <= length; f += lanes) {
            FloatVector a = b;
            for (int t = 0; t < taps; t++) {
                a = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, padded, f + offs[t]), a);
            }
            a.intoArray(flat, f);
        }
        for (; f < length; f++) {
            float a = bias;
            for (int t = 0; t < taps; t++) {
                a = Math.fma(w[wOff + t], padded[f + offs[t]], a);
            }
            flat[f] = a;
        }
    }
}
