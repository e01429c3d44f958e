package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.simd.LaneMasks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link PhasePlanes}: splitting a row into its even and odd columns, two vectors in, one
 * vector out to each phase, by two-vector rearranges. A scalar loop with stride-2 reads moved about one float per
 * cycle and cost more than the sweep itself.
 */
final class VectorPhasePlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Lane i takes lane 2i of the pair of vectors (indices past the first vector select from the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);

    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    private VectorPhasePlanes() {}

    /**
     * {@code dst[evenAt + k] = x[src + 2k]} and {@code dst[oddAt + k] = x[src + 2k + 1]} for the row's {@code n} floats,
     * two vectors at a time; returns the first column not copied (the caller copies the rest). The last pair of
     * vectors may be partial: its lanes past the row are blended to zero, so each store writes zeros past its phase
     * row's last value, at most one vector minus one float of them (the caller leaves room after each phase plane, and
     * writes the rows of a phase plane in order, so the zeros land on cells written later or on padding). A pair
     * that would read past the end of {@code x} is left to the caller.
     */
    static int split(float[] x, int src, int n, float[] dst, int evenAt, int oddAt) {
        int lanes = S.length();
        FloatVector zero = FloatVector.zero(S);
        int c = 0;
        for (; c < n && src + c + 2 * lanes <= x.length; c += 2 * lanes) {
            FloatVector lo = zero.blend(FloatVector.fromArray(S, x, src + c), LaneMasks.below(S, n - c));
            FloatVector hi =
                    zero.blend(FloatVector.fromArray(S, x, src + c + lanes), LaneMasks.below(S, n - c - lanes));
            lo.rearrange(EVEN, hi).intoArray(dst, evenAt + c / 2);
            lo.rearrange(ODD, hi).intoArray(dst, oddAt + c / 2);
        }
        return Math.min(c, n);
    }
}
