package io.github.conv4j.kernel.winograd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Interleaves two rows into one on whole vectors ({@link DilationPhases}' scatter for dilation 2 along the width; loaded
 * only when {@code Simd.available()}); the inverse split is {@link io.github.conv4j.kernel.simd.PairSplit#split}.
 */
final class VectorInterleave {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Lanes {@code a0 b0 a1 b1 …} of the first halves of two vectors (indices past the first select the second). */
    private static final VectorShuffle<Float> LOW = zip(0);

    /** The same for the second halves. */
    private static final VectorShuffle<Float> HIGH = zip(S.length() / 2);

    private VectorInterleave() {}

    private static VectorShuffle<Float> zip(int from) {
        int lanes = S.length();
        int[] index = new int[lanes];
        for (int i = 0; i < lanes; i++) {
            index[i] = (i % 2 == 0 ? 0 : lanes) + from + i / 2;
        }
        return VectorShuffle.fromArray(S, index, 0);
    }

    /**
     * Writes {@code y[at + 2i] = a[aAt + i]} and {@code y[at + 2i + 1] = b[bAt + i]}, whole vectors only.
     *
     * @return how many of the {@code count} pairs were written: all of them, or none when {@code count} is shorter
     *     than a vector; the caller does the rest
     */
    static int interleave(float[] a, int aAt, float[] b, int bAt, float[] y, int at, int count) {
        int lanes = S.length();
        if (count < lanes) {
            return 0;
        }
        for (int done = 0; ; done += lanes) {
            // The last vector overlaps the previous one: writing a value twice is harmless.
            int i = Math.min(done, count - lanes);
            FloatVector va = FloatVector.fromArray(S, a, aAt + i);
            FloatVector vb = FloatVector.fromArray(S, b, bAt + i);
            va.rearrange(LOW, vb).intoArray(y, at + 2 * i);
            va.rearrange(HIGH, vb).intoArray(y, at + 2 * i + lanes);
            if (i == count - lanes) {
                return count;
            }
        }
    }
}
