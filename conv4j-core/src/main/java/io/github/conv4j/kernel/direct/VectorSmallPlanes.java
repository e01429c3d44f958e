package io.github.conv4j.kernel.direct;

import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API sweep of {@link SmallPlanes}: four vectors of consecutive positions stay in registers while every tap
 * is applied, so each position is loaded once per tap and stored once; the same fused multiply-add chain per output
 * as the scalar sweep.
 */
final class VectorSmallPlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Output rows at least this wide (four vectors) take {@link #sweepRows}. */
    static final int ROW_BLOCK = 4 * S.length();

    private VectorSmallPlanes() {}

    static void sweep(
            ConvGeometry g,
            float[] padded,
            int wp,
            float[] w,
            int wOff,
            float bias,
            float[] flat,
            int length,
            int[] offs) {
        int lanes = S.length();
        int taps = g.kh() * g.kw();
        tapOffsets(g, wp, offs);
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        int f = 0;
        for (; f + block <= length; f += block) {
            FloatVector a0 = b;
            FloatVector a1 = b;
            FloatVector a2 = b;
            FloatVector a3 = b;
            for (int t = 0; t < taps; t++) {
                FloatVector tap = FloatVector.broadcast(S, w[wOff + t]);
                int base = f + offs[t];
                a0 = tap.fma(FloatVector.fromArray(S, padded, base), a0);
                a1 = tap.fma(FloatVector.fromArray(S, padded, base + lanes), a1);
                a2 = tap.fma(FloatVector.fromArray(S, padded, base + 2 * lanes), a2);
                a3 = tap.fma(FloatVector.fromArray(S, padded, base + 3 * lanes), a3);
            }
            a0.intoArray(flat, f);
            a1.intoArray(flat, f + lanes);
            a2.intoArray(flat, f + 2 * lanes);
            a3.intoArray(flat, f + 3 * lanes);
        }
        for (; f + lanes <= length; f += lanes) {
            FloatVector a = b;
            for (int t = 0; t < taps; t++) {
                a = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, padded, f + offs[t]), a);
            }
            a.intoArray(flat, f);
        }
        for (; f < length; f++) {
            float a = bias;
            for (int t = 0; t < taps; t++) {
                a = Math.fma(w[wOff + t], padded[f + offs[t]], a);
            }
            flat[f] = a;
        }
    }

    /**
     * The same chains as {@link #sweep}, written straight into output rows {@code [from, to)} instead of a row-padded
     * buffer that is then compacted: output row {@code i} reads from {@code padded} at {@code (i − from)·sh·wp}, four
     * vectors at a time. Rows at least four vectors wide end on a block that overlaps the previous one (those outputs
     * are computed twice, the same bits both times), so nothing is written outside the row; narrower rows need the
     * flat sweep.
     */
    static void sweepRows(
            ConvGeometry g,
            float[] padded,
            int wp,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yOff,
            int[] offs,
            int from,
            int to) {
        int lanes = S.length();
        int outW = g.outW();
        int taps = g.kh() * g.kw();
        int step = g.sh() * wp;
        tapOffsets(g, wp, offs);
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        int i = from;
        if (g.sh() == g.dh()) {
            // Output rows i and i + 1 then read kH + 1 input rows between them instead of 2·kH: each loaded vector
            // feeds both rows' chains (6 loads per 9 multiply-adds of a 3×3 kernel instead of 9), each chain still in
            // its own order, bias then the taps row by row.
            for (; i + 1 < to; i += 2) {
                sweepRowPair(g, padded, wp, (i - from) * step, w, wOff, bias, y, yOff + i * outW, offs);
            }
        }
        for (; i < to; i++) {
            int src = (i - from) * step;
            int dst = yOff + i * outW;
            for (int j = 0; j < outW; j += block) {
                // The last block ends at the row's end, overlapping outputs already written with the same values.
                int at = Math.min(j, outW - block);
                FloatVector a0 = b;
                FloatVector a1 = b;
                FloatVector a2 = b;
                FloatVector a3 = b;
                for (int t = 0; t < taps; t++) {
                    FloatVector tap = FloatVector.broadcast(S, w[wOff + t]);
                    int base = src + at + offs[t];
                    a0 = tap.fma(FloatVector.fromArray(S, padded, base), a0);
                    a1 = tap.fma(FloatVector.fromArray(S, padded, base + lanes), a1);
                    a2 = tap.fma(FloatVector.fromArray(S, padded, base + 2 * lanes), a2);
                    a3 = tap.fma(FloatVector.fromArray(S, padded, base + 3 * lanes), a3);
                }
                a0.intoArray(y, dst + at);
                a1.intoArray(y, dst + at + lanes);
                a2.intoArray(y, dst + at + 2 * lanes);
                a3.intoArray(y, dst + at + 3 * lanes);
            }
        }
    }

    /**
     * Output rows {@code dst} and {@code dst + W_out}, whose input windows start at {@code src} and one kernel row
     * ({@code dh·wp}) further down: kernel row {@code p} of the lower row reads the input row of kernel row
     * {@code p + 1} of the upper one.
     */
    private static void sweepRowPair(
            ConvGeometry g,
            float[] padded,
            int wp,
            int src,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int dst,
            int[] offs) {
        int lanes = S.length();
        // Broadcast here, not passed in: a vector argument enters the loops' accumulators boxed, and C2 then boxes
        // every iteration's vectors too (measured 6× slower).
        FloatVector b = FloatVector.broadcast(S, bias);
        int outW = g.outW();
        int kh = g.kh();
        int kw = g.kw();
        int down = g.dh() * wp;
        int block = 4 * lanes;
        for (int j = 0; j < outW; j += block) {
            int at = Math.min(j, outW - block);
            FloatVector u0 = b;
            FloatVector u1 = b;
            FloatVector u2 = b;
            FloatVector u3 = b;
            FloatVector l0 = b;
            FloatVector l1 = b;
            FloatVector l2 = b;
            FloatVector l3 = b;
            for (int q = 0; q < kw; q++) {
                FloatVector tap = FloatVector.broadcast(S, w[wOff + q]);
                int base = src + at + offs[q];
                u0 = tap.fma(FloatVector.fromArray(S, padded, base), u0);
                u1 = tap.fma(FloatVector.fromArray(S, padded, base + lanes), u1);
                u2 = tap.fma(FloatVector.fromArray(S, padded, base + 2 * lanes), u2);
                u3 = tap.fma(FloatVector.fromArray(S, padded, base + 3 * lanes), u3);
            }
            for (int t = kw; t < kh * kw; t++) {
                FloatVector upper = FloatVector.broadcast(S, w[wOff + t]);
                FloatVector lower = FloatVector.broadcast(S, w[wOff + t - kw]);
                int base = src + at + offs[t];
                FloatVector v0 = FloatVector.fromArray(S, padded, base);
                FloatVector v1 = FloatVector.fromArray(S, padded, base + lanes);
                FloatVector v2 = FloatVector.fromArray(S, padded, base + 2 * lanes);
                FloatVector v3 = FloatVector.fromArray(S, padded, base + 3 * lanes);
                u0 = upper.fma(v0, u0);
                u1 = upper.fma(v1, u1);
                u2 = upper.fma(v2, u2);
                u3 = upper.fma(v3, u3);
                l0 = lower.fma(v0, l0);
                l1 = lower.fma(v1, l1);
                l2 = lower.fma(v2, l2);
                l3 = lower.fma(v3, l3);
            }
            for (int t = (kh - 1) * kw; t < kh * kw; t++) {
                FloatVector tap = FloatVector.broadcast(S, w[wOff + t]);
                int base = src + at + offs[t] + down;
                l0 = tap.fma(FloatVector.fromArray(S, padded, base), l0);
                l1 = tap.fma(FloatVector.fromArray(S, padded, base + lanes), l1);
                l2 = tap.fma(FloatVector.fromArray(S, padded, base + 2 * lanes), l2);
                l3 = tap.fma(FloatVector.fromArray(S, padded, base + 3 * lanes), l3);
            }
            u0.intoArray(y, dst + at);
            u1.intoArray(y, dst + at + lanes);
            u2.intoArray(y, dst + at + 2 * lanes);
            u3.intoArray(y, dst + at + 3 * lanes);
            l0.intoArray(y, dst + outW + at);
            l1.intoArray(y, dst + outW + at + lanes);
            l2.intoArray(y, dst + outW + at + 2 * lanes);
            l3.intoArray(y, dst + outW + at + 3 * lanes);
        }
    }

    /** Fills {@code offs} with each tap's offset in a bordered plane of row pitch {@code wp}, row-major over the taps. */
    private static void tapOffsets(ConvGeometry g, int wp, int[] offs) {
        for (int p = 0; p < g.kh(); p++) {
            for (int q = 0; q < g.kw(); q++) {
                offs[p * g.kw() + q] = p * g.dh() * wp + q * g.dw();
            }
        }
    }
}
