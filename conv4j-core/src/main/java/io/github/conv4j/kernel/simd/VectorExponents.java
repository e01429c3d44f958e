package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exponent scan of {@code io.github.conv4j.kernel.Magnitudes} on whole vectors: C2 did not vectorise the scalar
 * loop's integer maximum, which took 1.5 ms over the 1.6 M inputs of an N=8 64-channel 56×56 layer (a tenth of its
 * Winograd convolution). Loaded only when {@link Simd#available()}.
 */
public final class VectorExponents {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int EXPONENT_BITS = 0x7f800000;

    private VectorExponents() {}

    /**
     * The largest {@code bits & 0x7f800000} over the first {@code len} values (the biased exponent, still shifted).
     *
     * @param a the values
     * @param len how many leading values to scan
     * @return the largest masked exponent field, 0 for an empty prefix
     */
    public static int maxExponentField(float[] a, int len) {
        IntVector acc = IntVector.zero(I);
        int i = 0;
        for (int end = F.loopBound(len); i < end; i += F.length()) {
            IntVector bits = FloatVector.fromArray(F, a, i).reinterpretAsInts();
            acc = acc.max(bits.and(EXPONENT_BITS));
        }
        int max = acc.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, Float.floatToRawIntBits(a[i]) & EXPONENT_BITS);
        }
        return max;
    }
}
