package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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

    /**
     * Whether {@link #splitShort} pays off on this JDK: on JDK 25 it made a 512-channel 7×7 Winograd layer (N = 8) 5 %
     * faster, on JDK 17, whose masked loads and stores compile to slower code, 12–40 % slower. Releases in between were
     * not measured and keep the scalar loop.
     */
    public static final boolean SHORT_ROWS_PAY = Runtime.version().feature() >= 25;

    /** {@link #EVEN} and {@link #ODD} wrapped into one vector: only the first half of the lanes is used. */
    private static final VectorShuffle<Float> EVEN_IN_ONE = VectorShuffle.iota(S, 0, 2, true);

    private static final VectorShuffle<Float> ODD_IN_ONE = VectorShuffle.iota(S, 1, 2, true);

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

    /**
     * Whether {@link #splitShort} takes a row of {@code width} columns after {@code left} zeros, {@code count} pairs.
     *
     * @param width the row's columns
     * @param left zero columns before it
     * @param count pairs to split
     * @return {@code true} when the padded row and both halves fit one vector each
     */
    public static boolean fitsShort(int width, int left, int count) {
        int lanes = S.length();
        return left >= 0 && left + width <= lanes && count <= lanes / 2;
    }

    /**
     * Whether {@link #splitShort}'s one vector from {@code rowAt − left} lies inside {@code src}. A masked load whose
     * window reaches past either end of the array checks its lanes one by one in Java: at the first and last rows of
     * an input that was 5 % of a 128-channel backward pass; such rows take the scalar split.
     *
     * @param src the row's array
     * @param rowAt the row's column 0
     * @param left zero columns before column 0
     * @return {@code true} when the whole window is inside
     */
    public static boolean windowInside(float[] src, int rowAt, int left) {
        return rowAt - left >= 0 && rowAt - left + S.length() <= src.length;
    }

    /**
     * The split of a short row with zero padding, one masked load, two rearranges and two masked stores: with
     * {@code d(c) = src[rowAt + c]} for {@code 0 <= c < width} and 0 elsewhere, {@code dst[evenAt + i] = d(2i − left)}
     * and {@code dst[oddAt + i] = d(2i − left + 1)} for {@code i < count}; nothing else is read or written. Requires
     * {@link #fitsShort}. The 7- and 14-wide rows of Winograd F(2×2)'s narrow layers took a float and two bounds checks
     * each.
     *
     * @param src the row's array
     * @param rowAt the row's column 0
     * @param width the row's columns
     * @param left zero columns before column 0
     * @param dst the destination of both halves
     * @param evenAt where the even positions go
     * @param oddAt where the odd positions go
     * @param count the number of pairs
     */
    public static void splitShort(
            float[] src, int rowAt, int width, int left, float[] dst, int evenAt, int oddAt, int count) {
        VectorMask<Float> inside = LaneMasks.between(S, left, left + width);
        FloatVector row = FloatVector.fromArray(S, src, rowAt - left, inside);
        VectorMask<Float> halves = S.indexInRange(0, count);
        row.rearrange(EVEN_IN_ONE).intoArray(dst, evenAt, halves);
        row.rearrange(ODD_IN_ONE).intoArray(dst, oddAt, halves);
    }
}
