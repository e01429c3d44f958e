package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F2GradientUntransform} on whole vectors of consecutive channels (loaded only when {@code Simd.available()}):
 * each lane evaluates the scalar expressions in their order. The 9 results per channel are interleaved in ∂w, so they
 * go through a small scratch block and are copied out channel by channel (9 vector stores and a copy that stays in L1,
 * against 9 scattered stores per channel).
 */
final class F2VectorGradientUntransform {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private F2VectorGradientUntransform() {}

    /**
     * As {@link F2GradientUntransform#channels} for the first whole vectors of channels, the results through
     * {@code block} (at least {@code 9 · L} floats); returns how many it did.
     */
    static int channels(float[] u, int at, int stride, int count, float[] gw, int out, float[] block) {
        int whole = count / L * L;
        if (whole == 0) {
            return 0;
        }
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        for (int c = 0; c < whole; c += L) {
            int a = at + c;
            // Rows 0, 1, 2 of Gᵀ U, columns 0..3.
            FloatVector u1 = FloatVector.fromArray(S, u, a + 4 * stride);
            FloatVector u2 = FloatVector.fromArray(S, u, a + 8 * stride);
            FloatVector sum = half.mul(u1.add(u2));
            FloatVector t00 = FloatVector.fromArray(S, u, a).add(sum);
            FloatVector t10 = half.mul(u1.sub(u2));
            FloatVector t20 = sum.add(FloatVector.fromArray(S, u, a + 12 * stride));
            u1 = FloatVector.fromArray(S, u, a + 5 * stride);
            u2 = FloatVector.fromArray(S, u, a + 9 * stride);
            sum = half.mul(u1.add(u2));
            FloatVector t01 = FloatVector.fromArray(S, u, a + stride).add(sum);
            FloatVector t11 = half.mul(u1.sub(u2));
            FloatVector t21 = sum.add(FloatVector.fromArray(S, u, a + 13 * stride));
            u1 = FloatVector.fromArray(S, u, a + 6 * stride);
            u2 = FloatVector.fromArray(S, u, a + 10 * stride);
            sum = half.mul(u1.add(u2));
            FloatVector t02 = FloatVector.fromArray(S, u, a + 2 * stride).add(sum);
            FloatVector t12 = half.mul(u1.sub(u2));
            FloatVector t22 = sum.add(FloatVector.fromArray(S, u, a + 14 * stride));
            u1 = FloatVector.fromArray(S, u, a + 7 * stride);
            u2 = FloatVector.fromArray(S, u, a + 11 * stride);
            sum = half.mul(u1.add(u2));
            FloatVector t03 = FloatVector.fromArray(S, u, a + 3 * stride).add(sum);
            FloatVector t13 = half.mul(u1.sub(u2));
            FloatVector t23 = sum.add(FloatVector.fromArray(S, u, a + 15 * stride));
            row(t00, t01, t02, t03, half, block, 0);
            row(t10, t11, t12, t13, half, block, 3 * L);
            row(t20, t21, t22, t23, half, block, 6 * L);
            int dst = out + 9 * c;
            for (int lane = 0; lane < L; lane++, dst += 9) {
                for (int k = 0; k < 9; k++) {
                    gw[dst + k] = block[k * L + lane];
                }
            }
        }
        return whole;
    }

    /** Row i of {@code (Gᵀ U) G} from row i of {@code Gᵀ U}: its three results at {@code block[at + k·L]}. */
    private static void row(
            FloatVector t0, FloatVector t1, FloatVector t2, FloatVector t3, FloatVector half, float[] block, int at) {
        FloatVector sum = half.mul(t1.add(t2));
        t0.add(sum).intoArray(block, at);
        half.mul(t1.sub(t2)).intoArray(block, at + L);
        sum.add(t3).intoArray(block, at + 2 * L);
    }
}
