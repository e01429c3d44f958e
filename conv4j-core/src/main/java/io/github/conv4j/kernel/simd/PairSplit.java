package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Splits consecutive pairs of a row into two rows, even positions to one and odd to the other, on whole vectors: the
 * stride-2 de-interleave of Winograd F(2×2)'s input tiles and of a stride-2 convolution's input phases (the ResNet
 * stem). Two vector loads and two two-vector rearranges per vector of pairs, where a scalar loop moves one float at a
 * time. Loaded only when {@link Simd#available()}.
 *
 * <p>Example: {@code PairSplit.split(x, 0, s, 0, 64, 32)} puts {@code x[0], x[2], …, x[62]} in {@code s[0..32)} and
 * {@code x[1], x[3], …, x[63]} in {@code s[64..96)}.
 */
public final class PairSplit {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static final VectorShuffle<Float> EVEN = VectorShuffle.iota(S, 0, 2, false);

    private static final VectorShuffle<Float> ODD = VectorShuffle.iota(S, 1, 2, false);

    private PairSplit() {}

    /**
     * {@code dst[evenAt + i] = src[from + 2i]} and {@code dst[oddAt + i] = src[from + 2i + 1]} for {@code i < count},
     * whole vectors only; reads nothing past {@code src[from + 2·count − 1]}.
     *
     * @param src the interleaved row
     * @param from its first element
     * @param dst the destination of both halves
     * @param evenAt where the even positions go
     * @param oddAt where the odd positions go
     * @param count the number of pairs
     * @return how many of the {@code count} pairs were split: all of them, or none when {@code count} is shorter than
     *     a vector; the caller does the rest
     */
    public static int split(float[] src, int from, float[] dst, int evenAt, int oddAt, int count) {
        int lanes = S.length();
        int done = 0;
        for (; done + lanes <= count; done += lanes) {
            FloatVector lo = FloatVector.fromArray(S, src, from + 2 * done);
            FloatVector hi = FloatVector.fromArray(S, src, from + 2 * done + lanes);
            lo.rearrange(EVEN, hi).intoArray(dst, evenAt + done);
            lo.rearrange(ODD, hi).intoArray(dst, oddAt + done);
        }
        if (done < count && count >= lanes) {
            // The last vector overlaps the previous one: copying a value twice is harmless.
            int at = count - lanes;
            FloatVector lo = FloatVector.fromArray(S, src, from + 2 * at);
            FloatVector hi = FloatVector.fromArray(S, src, from + 2 * at + lanes);
            lo.rearrange(EVEN, hi).intoArray(dst, evenAt + at);
            lo.rearrange(ODD, hi).intoArray(dst, oddAt + at);
            done = count;
        }
        return done;
    }
}
