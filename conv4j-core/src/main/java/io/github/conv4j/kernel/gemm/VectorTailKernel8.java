package io.github.conv4j.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TailKernel} on 8-float vectors (AVX2): a row's sixteen chains are two vectors, chains 0–7 in {@code lo} and
 * 8–15 in {@code hi}, so the first level of the tree is {@code lo + hi} and the rest pairs lanes inside one vector.
 * Two rows at once share each load of the column: with three, C1 gave up on the method (out of virtual registers),
 * which then ran at tier 2 with the Vector API's Java fallbacks whenever C2 had not compiled it first (2 threads: 2–3×
 * slower layers). On a Zen 3 the scalar kernel this replaces took a third of the N=1 512-channel 7×7 layer for its 49th
 * column. Loaded reflectively, only when the module is present and the preferred vectors hold 8 floats
 * ({@link ColumnTail}).
 */
final class VectorTailKernel8 implements TailKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    /** Lane {@code l} takes lane {@code l ^ half}: the tree's levels below 8 pair lanes {@code half} apart. */
    private static final VectorShuffle<Float> PAIR_4 = pairs(4);

    private static final VectorShuffle<Float> PAIR_2 = pairs(2);
    private static final VectorShuffle<Float> PAIR_1 = pairs(1);

    @Override
    public void dot(int kc, int rows, float[] a, int aOff, int lda, float[] b, int bOff, float[] out) {
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
            two(kc, a, aOff + i * lda, lda, b, bOff, out, i);
        }
        for (; i < rows; i++) {
            int row = aOff + i * lda;
            FloatVector lo = FloatVector.zero(S);
            FloatVector hi = lo;
            int full = kc - kc % CHAINS;
            int p = 0;
            for (; p < full; p += CHAINS) {
                lo = FloatVector.fromArray(S, a, row + p).fma(FloatVector.fromArray(S, b, bOff + p), lo);
                hi = FloatVector.fromArray(S, a, row + p + L).fma(FloatVector.fromArray(S, b, bOff + p + L), hi);
            }
            if (p < kc) {
                VectorMask<Float> mLo = S.indexInRange(p, kc);
                VectorMask<Float> mHi = S.indexInRange(p + L, kc);
                lo = FloatVector.fromArray(S, a, row + p, mLo).fma(FloatVector.fromArray(S, b, bOff + p, mLo), lo);
                hi = FloatVector.fromArray(S, a, row + p + L, mHi)
                        .fma(FloatVector.fromArray(S, b, bOff + p + L, mHi), hi);
            }
            out[i] = tree(lo, hi);
        }
    }

    /** Rows {@code row0} and {@code row0 + lda} into {@code out[at]} and {@code out[at + 1]}. */
    private static void two(int kc, float[] a, int row0, int lda, float[] b, int bOff, float[] out, int at) {
        int row1 = row0 + lda;
        FloatVector lo0 = FloatVector.zero(S);
        FloatVector hi0 = lo0;
        FloatVector lo1 = lo0;
        FloatVector hi1 = lo0;
        // A counted loop up to a precomputed bound keeps C2 from range-checking each load (see VectorTailKernel).
        int full = kc - kc % CHAINS;
        int p = 0;
        for (; p < full; p += CHAINS) {
            FloatVector colLo = FloatVector.fromArray(S, b, bOff + p);
            FloatVector colHi = FloatVector.fromArray(S, b, bOff + p + L);
            lo0 = FloatVector.fromArray(S, a, row0 + p).fma(colLo, lo0);
            hi0 = FloatVector.fromArray(S, a, row0 + p + L).fma(colHi, hi0);
            lo1 = FloatVector.fromArray(S, a, row1 + p).fma(colLo, lo1);
            hi1 = FloatVector.fromArray(S, a, row1 + p + L).fma(colHi, hi1);
        }
        if (p < kc) {
            VectorMask<Float> mLo = S.indexInRange(p, kc);
            VectorMask<Float> mHi = S.indexInRange(p + L, kc);
            FloatVector colLo = FloatVector.fromArray(S, b, bOff + p, mLo);
            FloatVector colHi = FloatVector.fromArray(S, b, bOff + p + L, mHi);
            lo0 = FloatVector.fromArray(S, a, row0 + p, mLo).fma(colLo, lo0);
            hi0 = FloatVector.fromArray(S, a, row0 + p + L, mHi).fma(colHi, hi0);
            lo1 = FloatVector.fromArray(S, a, row1 + p, mLo).fma(colLo, lo1);
            hi1 = FloatVector.fromArray(S, a, row1 + p + L, mHi).fma(colHi, hi1);
        }
        out[at] = tree(lo0, hi0);
        out[at + 1] = tree(lo1, hi1);
    }

    /**
     * The sixteen chains summed as the contract's tree: {@code lo + hi} is the level that adds lane {@code l + 8} to
     * lane {@code l}; then lanes {@code l + 4}, {@code l + 2}, {@code l + 1} inside one vector. Lane 0 ends with the
     * sum.
     */
    private static float tree(FloatVector lo, FloatVector hi) {
        FloatVector t = lo.add(hi);
        t = t.add(t.rearrange(PAIR_4));
        t = t.add(t.rearrange(PAIR_2));
        t = t.add(t.rearrange(PAIR_1));
        return t.lane(0);
    }

    private static VectorShuffle<Float> pairs(int half) {
        int[] lanes = new int[L];
        for (int l = 0; l < L; l++) {
            lanes[l] = l ^ half;
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }
}
