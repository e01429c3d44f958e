package io.github.conv4j.kernel.pool;

import io.github.conv4j.spec.PoolGeometry;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling with indices, vectorised and still exactly the reference's answer. The reference scans a window in
 * increasing flat index and keeps the last NaN, else the first strictly greater value. That equals one associative
 * rule on (value, index) pairs: a NaN beats a number and between NaNs the larger index wins; otherwise the larger
 * value wins and equal values (including {@code -0.0 == 0.0}) keep the smaller index. Being associative, the rule can
 * reduce each window's rows column by column and then along the row, like the index-free path. Padding takes value
 * {@code -∞} and index {@code Integer.MAX_VALUE}, so it loses every tie and a window with no input reads {@code -1}.
 */
final class VectorArgMaxPool {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = FS.withLanes(int.class);
    private static final int LANES = FS.length();
    private static final int PAD = Integer.MAX_VALUE;

    private VectorArgMaxPool() {}

    /** Output rows {@code [i0, i1)} of plane {@code pl}. */
    static void run(PoolGeometry g, float[] x, float[] y, int[] indices, int pl, int i0, int i1) {
        int inH = g.inH();
        int inW = g.inW();
        int kh = g.kh();
        int kw = g.kw();
        int sw = g.sw();
        int pw = g.pw();
        int dw = g.dw();
        int outH = g.outH();
        int outW = g.outW();
        int denseW = (outW - 1) * sw + 1;
        int paddedW = Math.max(denseW + (kw - 1) * dw, pw + inW);
        PoolWorkspace ws = PoolWorkspace.get();
        ws.ensure(paddedW, denseW, outW, kh);
        float[] pv = ws.padded;
        int[] pi = ws.paddedIdx;
        float[] dv = ws.dense;
        int[] di = ws.denseIdx;
        int[] rows = ws.offs;
        Arrays.fill(pv, 0, paddedW, Float.NEGATIVE_INFINITY);
        Arrays.fill(pi, 0, paddedW, PAD);
        IntVector iota = IntVector.zero(IS).addIndex(1);
        int xOff = pl * inH * inW;
        for (int i = i0; i < i1; i++) {
            int h0 = i * g.sh() - g.ph();
            int n = 0;
            for (int p = 0; p < kh; p++) {
                int ih = h0 + p * g.dh();
                if (ih >= 0 && ih < inH) {
                    rows[n++] = ih;
                }
            }
            if (n == 0) {
                Arrays.fill(pv, pw, pw + inW, Float.NEGATIVE_INFINITY);
                Arrays.fill(pi, pw, pw + inW, PAD);
            } else {
                columns(x, xOff, inW, rows, n, pv, pi, pw, iota);
            }
            window(pv, pi, kw, dw, dv, di, denseW);
            int o = (pl * outH + i) * outW;
            for (int j = 0; j < outW; j++) {
                int k = di[j * sw];
                y[o + j] = dv[j * sw];
                indices[o + j] = k == PAD ? -1 : k;
            }
        }
    }

    /** Rows in increasing order: a later row replaces the best so far if it is NaN or strictly greater. */
    private static void columns(
            float[] x, int xOff, int inW, int[] rows, int n, float[] pv, int[] pi, int pw, IntVector iota) {
        int end = inW - inW % LANES;
        for (int c = 0; c < end; c += LANES) {
            int r0 = rows[0] * inW;
            FloatVector av = FloatVector.fromArray(FS, x, xOff + r0 + c);
            IntVector ai = iota.add(r0 + c);
            for (int r = 1; r < n; r++) {
                int rr = rows[r] * inW;
                FloatVector bv = FloatVector.fromArray(FS, x, xOff + rr + c);
                VectorMask<Float> take = bv.test(VectorOperators.IS_NAN)
                        .or(av.test(VectorOperators.IS_NAN).not().and(bv.compare(VectorOperators.GT, av)));
                av = av.blend(bv, take);
                ai = ai.blend(iota.add(rr + c), take.cast(IS));
            }
            av.intoArray(pv, pw + c);
            ai.intoArray(pi, pw + c);
        }
        for (int c = end; c < inW; c++) {
            float best = x[xOff + rows[0] * inW + c];
            int arg = rows[0] * inW + c;
            for (int r = 1; r < n; r++) {
                float v = x[xOff + rows[r] * inW + c];
                if (Float.isNaN(v) || (!Float.isNaN(best) && v > best)) {
                    best = v;
                    arg = rows[r] * inW + c;
                }
            }
            pv[pw + c] = best;
            pi[pw + c] = arg;
        }
    }

    /** Along the row indices are not monotone, so ties and NaNs compare indices. */
    private static void window(float[] pv, int[] pi, int kw, int dw, float[] dv, int[] di, int len) {
        int end = len - len % LANES;
        for (int j = 0; j < end; j += LANES) {
            FloatVector av = FloatVector.fromArray(FS, pv, j);
            IntVector ai = IntVector.fromArray(IS, pi, j);
            for (int q = 1; q < kw; q++) {
                FloatVector bv = FloatVector.fromArray(FS, pv, j + q * dw);
                IntVector bi = IntVector.fromArray(IS, pi, j + q * dw);
                VectorMask<Float> aNaN = av.test(VectorOperators.IS_NAN);
                VectorMask<Float> bNaN = bv.test(VectorOperators.IS_NAN);
                VectorMask<Float> bLower = bi.compare(VectorOperators.LT, ai).cast(FS);
                VectorMask<Float> nanWins = bNaN.and(aNaN.not().or(bLower.not()));
                VectorMask<Float> numWins = aNaN.or(bNaN)
                        .not()
                        .and(bv.compare(VectorOperators.GT, av)
                                .or(bv.compare(VectorOperators.EQ, av).and(bLower)));
                VectorMask<Float> take = nanWins.or(numWins);
                av = av.blend(bv, take);
                ai = ai.blend(bi, take.cast(IS));
            }
            av.intoArray(dv, j);
            ai.intoArray(di, j);
        }
        for (int j = end; j < len; j++) {
            float best = pv[j];
            int arg = pi[j];
            for (int q = 1; q < kw; q++) {
                float v = pv[j + q * dw];
                int k = pi[j + q * dw];
                boolean take = Float.isNaN(v)
                        ? !Float.isNaN(best) || k > arg
                        : !Float.isNaN(best) && (v > best || (v == best && k < arg));
                if (take) {
                    best = v;
                    arg = k;
                }
            }
            dv[j] = best;
            di[j] = arg;
        }
    }
}
