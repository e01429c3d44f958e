package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.LaneMasks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link F4InputTiles}' staging and transform on whole vectors of consecutive tiles (loaded only when
 * {@code Simd.available()}). The last vector of a band runs past its last tile: it reads the staging slack and writes
 * into the next band's columns (which that band then overwrites) or the rows' slack, never outside the arrays.
 */
final class F4VectorInputTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Even and odd lanes of two concatenated vectors (indices past the first vector select from the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.iota(S, 0, 2, false);

    private static final VectorShuffle<Float> ODD = VectorShuffle.iota(S, 1, 2, false);

    private F4VectorInputTiles() {}

    /**
     * Splits {@code 4·count} consecutive input values from {@code x[col]} into four phases
     * ({@code s[at + k·row + i] = x[col + 4i + k]}), by two rounds of even/odd splits.
     *
     * @return how many of the {@code count} tiles were staged: all of them, or none when {@code count} is shorter than
     *     a vector; the caller does the rest
     */
    static int stage(float[] x, int col, float[] s, int at, int row, int count) {
        int lanes = S.length();
        if (count < lanes) {
            return 0;
        }
        for (int done = 0; done < count; done += lanes) {
            // The last vector may overlap the previous one: copying a value twice is harmless.
            int t = Math.min(done, count - lanes);
            int c = col + 4 * t;
            FloatVector v0 = FloatVector.fromArray(S, x, c);
            FloatVector v1 = FloatVector.fromArray(S, x, c + lanes);
            FloatVector v2 = FloatVector.fromArray(S, x, c + 2 * lanes);
            FloatVector v3 = FloatVector.fromArray(S, x, c + 3 * lanes);
            FloatVector even01 = v0.rearrange(EVEN, v1);
            FloatVector odd01 = v0.rearrange(ODD, v1);
            FloatVector even23 = v2.rearrange(EVEN, v3);
            FloatVector odd23 = v2.rearrange(ODD, v3);
            even01.rearrange(EVEN, even23).intoArray(s, at + t);
            odd01.rearrange(EVEN, odd23).intoArray(s, at + row + t);
            even01.rearrange(ODD, even23).intoArray(s, at + 2 * row + t);
            odd01.rearrange(ODD, odd23).intoArray(s, at + 3 * row + t);
        }
        return count;
    }

    /** Whether {@link #stageShort} takes {@code count} tiles: each phase fits one vector. */
    static boolean fitsShort(int count) {
        return count <= S.length();
    }

    /**
     * Whether {@link #stageShort}'s four vectors from {@code rowAt − left} lie inside {@code x}: a masked load whose
     * window reaches past either end of the array checks its lanes one by one in Java (at the first and last rows of
     * an input, 5 % of a 128-channel backward pass), so such rows take the scalar staging.
     */
    static boolean windowsInside(float[] x, int rowAt, int left) {
        return rowAt - left >= 0 && rowAt - left + 4 * S.length() <= x.length;
    }

    /**
     * {@link #stage} for a whole short row with zero padding, in one go: with {@code d(c) = x[rowAt + c]} for
     * {@code 0 <= c < width} and 0 elsewhere, {@code s[at + k·row + i] = d(4i + k − left)} for {@code i < count}; four
     * masked loads, six two-vector rearranges and four masked stores, where the 28- and 56-wide rows of F(4×4)'s layers
     * went a float (and, at the ends, two bounds checks) at a time. Requires {@link #fitsShort}.
     */
    static void stageShort(float[] x, int rowAt, int width, int left, float[] s, int at, int row, int count) {
        int lanes = S.length();
        int c = rowAt - left;
        // Lane l of vector k holds column k·lanes + l − left.
        FloatVector v0 = FloatVector.fromArray(S, x, c, LaneMasks.between(S, left, left + width));
        FloatVector v1 =
                FloatVector.fromArray(S, x, c + lanes, LaneMasks.between(S, left - lanes, left + width - lanes));
        FloatVector v2 = FloatVector.fromArray(
                S, x, c + 2 * lanes, LaneMasks.between(S, left - 2 * lanes, left + width - 2 * lanes));
        FloatVector v3 = FloatVector.fromArray(
                S, x, c + 3 * lanes, LaneMasks.between(S, left - 3 * lanes, left + width - 3 * lanes));
        FloatVector even01 = v0.rearrange(EVEN, v1);
        FloatVector odd01 = v0.rearrange(ODD, v1);
        FloatVector even23 = v2.rearrange(EVEN, v3);
        FloatVector odd23 = v2.rearrange(ODD, v3);
        VectorMask<Float> tiles = S.indexInRange(0, count);
        even01.rearrange(EVEN, even23).intoArray(s, at, tiles);
        odd01.rearrange(EVEN, odd23).intoArray(s, at + row, tiles);
        even01.rearrange(ODD, even23).intoArray(s, at + 2 * row, tiles);
        odd01.rearrange(ODD, odd23).intoArray(s, at + 3 * row, tiles);
    }

    static void transform(float[] s, int row, int tilesW, float[] v, int at, int vStride) {
        int step = 6 * vStride;
        for (int t = 0; t < tilesW; t += S.length()) {
            int o = at + t;
            for (int i = 0; i < 6; i++) {
                int p = 4 * i * row + t;
                FloatVector d0 = FloatVector.fromArray(S, s, p);
                FloatVector d1 = FloatVector.fromArray(S, s, p + row);
                FloatVector d2 = FloatVector.fromArray(S, s, p + 2 * row);
                FloatVector d3 = FloatVector.fromArray(S, s, p + 3 * row);
                FloatVector d4 = FloatVector.fromArray(S, s, p + 1);
                FloatVector d5 = FloatVector.fromArray(S, s, p + row + 1);
                rows(d0, d1, d2, d3, d4, d5, v, o + 6 * i * vStride, vStride);
            }
            for (int j = 0; j < 6; j++) {
                int c = o + j * vStride;
                FloatVector d0 = FloatVector.fromArray(S, v, c);
                FloatVector d1 = FloatVector.fromArray(S, v, c + step);
                FloatVector d2 = FloatVector.fromArray(S, v, c + 2 * step);
                FloatVector d3 = FloatVector.fromArray(S, v, c + 3 * step);
                FloatVector d4 = FloatVector.fromArray(S, v, c + 4 * step);
                FloatVector d5 = FloatVector.fromArray(S, v, c + 5 * step);
                rows(d0, d1, d2, d3, d4, d5, v, c, step);
            }
        }
    }

    /** {@code Bᵀ·(d0..d5)} stored at {@code v[at + k·step]}, in {@link F4InputTiles}' order of operations. */
    private static void rows(
            FloatVector d0,
            FloatVector d1,
            FloatVector d2,
            FloatVector d3,
            FloatVector d4,
            FloatVector d5,
            float[] v,
            int at,
            int step) {
        FloatVector d42 = d4.sub(d2);
        FloatVector d31 = d3.sub(d1);
        d0.sub(d2).mul(4f).add(d42).intoArray(v, at);
        d3.add(d4).sub(d1.add(d2).mul(4f)).intoArray(v, at + step);
        d4.sub(d3).add(d1.sub(d2).mul(4f)).intoArray(v, at + 2 * step);
        d42.add(d31.mul(2f)).intoArray(v, at + 3 * step);
        d42.sub(d31.mul(2f)).intoArray(v, at + 4 * step);
        d1.sub(d3).mul(4f).add(d5.sub(d3)).intoArray(v, at + 5 * step);
    }
}
