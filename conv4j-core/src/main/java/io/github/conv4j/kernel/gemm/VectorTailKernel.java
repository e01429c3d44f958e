package io.github.conv4j.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TailKernel} on 16-float vectors (AVX-512): lane {@code l} of a row's accumulator is chain {@code l}. Six rows
 * at once share each load of the column: seven loads per six multiply-adds of sixteen depth steps each. Loaded
 * reflectively, only when the module is present and the preferred vectors hold 16 floats ({@link ColumnTail}).
 */
final class VectorTailKernel implements TailKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    /** Lane {@code l} takes lane {@code l ^ half}: the tree's levels pair each lane with the one {@code half} away. */
    private static final VectorShuffle<Float> PAIR_8 = pairs(8);

    private static final VectorShuffle<Float> PAIR_4 = pairs(4);
    private static final VectorShuffle<Float> PAIR_2 = pairs(2);
    private static final VectorShuffle<Float> PAIR_1 = pairs(1);

    @Override
    public void dot(int kc, int rows, float[] a, int aOff, int lda, float[] b, int bOff, float[] out) {
        if (rows == ROWS) {
            six(kc, a, aOff, lda, b, bOff, out);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            FloatVector s = FloatVector.zero(S);
            int full = kc - kc % CHAINS;
            int p = 0;
            for (; p < full; p += CHAINS) {
                s = FloatVector.fromArray(S, a, row + p).fma(FloatVector.fromArray(S, b, bOff + p), s);
            }
            if (p < kc) {
                VectorMask<Float> m = S.indexInRange(p, kc);
                s = FloatVector.fromArray(S, a, row + p, m).fma(FloatVector.fromArray(S, b, bOff + p, m), s);
            }
            out[i] = tree(s);
        }
    }

    private static void six(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] out) {
        int r1 = aOff + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        // A counted loop up to a precomputed bound: with the condition p + CHAINS <= kc, C2 kept a range check per load
        // in the loop (45 instructions per step instead of about 20).
        int full = kc - kc % CHAINS;
        int p = 0;
        for (; p < full; p += CHAINS) {
            FloatVector col = FloatVector.fromArray(S, b, bOff + p);
            s0 = FloatVector.fromArray(S, a, aOff + p).fma(col, s0);
            s1 = FloatVector.fromArray(S, a, r1 + p).fma(col, s1);
            s2 = FloatVector.fromArray(S, a, r2 + p).fma(col, s2);
            s3 = FloatVector.fromArray(S, a, r3 + p).fma(col, s3);
            s4 = FloatVector.fromArray(S, a, r4 + p).fma(col, s4);
            s5 = FloatVector.fromArray(S, a, r5 + p).fma(col, s5);
        }
        if (p < kc) {
            VectorMask<Float> m = S.indexInRange(p, kc);
            FloatVector col = FloatVector.fromArray(S, b, bOff + p, m);
            s0 = FloatVector.fromArray(S, a, aOff + p, m).fma(col, s0);
            s1 = FloatVector.fromArray(S, a, r1 + p, m).fma(col, s1);
            s2 = FloatVector.fromArray(S, a, r2 + p, m).fma(col, s2);
            s3 = FloatVector.fromArray(S, a, r3 + p, m).fma(col, s3);
            s4 = FloatVector.fromArray(S, a, r4 + p, m).fma(col, s4);
            s5 = FloatVector.fromArray(S, a, r5 + p, m).fma(col, s5);
        }
        out[0] = tree(s0);
        out[1] = tree(s1);
        out[2] = tree(s2);
        out[3] = tree(s3);
        out[4] = tree(s4);
        out[5] = tree(s5);
    }

    /**
     * The sixteen lanes summed as the contract's tree, all lanes at once: lane {@code l} adds lane {@code l + 8}, then
     * {@code l + 4}, {@code l + 2}, {@code l + 1}; lane 0 ends with the sum. Not {@code reduceLanes(ADD)}, whose order
     * is left to the implementation, nor a store and sixteen scalar loads (the loads wait for the vector store to
     * retire: the tail ran five times slower).
     */
    private static float tree(FloatVector s) {
        FloatVector t = s.add(s.rearrange(PAIR_8));
        t = t.add(t.rearrange(PAIR_4));
        t = t.add(t.rearrange(PAIR_2));
        t = t.add(t.rearrange(PAIR_1));
        return t.lane(0);
    }

    private static VectorShuffle<Float> pairs(int half) {
        int[] lanes = new int[S.length()];
        for (int l = 0; l < lanes.length; l++) {
            lanes[l] = l ^ half;
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }
}
