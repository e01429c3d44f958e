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
     * The same chains as {@link #sweep}, written straight into the output rows instead of a row-padded buffer that is
     * then compacted: output row {@code i} reads from {@code padded} at {@code i·sh·wp}, four vectors at a time. Rows at
     * least four vectors wide end on a block that overlaps the previous one (those outputs are computed twice, the same
     * bits both times), so nothing is written outside the row; narrower rows need the flat sweep.
     */
    static void sweepRows(
            ConvGeometry g, float[] padded, int wp, float[] w, int wOff, float bias, float[] y, int yOff, int[] offs) {
        int lanes = S.length();
        int outW = g.outW();
        int taps = g.kh() * g.kw();
        tapOffsets(g, wp, offs);
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        for (int i = 0; i < g.outH(); i++) {
            int src = i * g.sh() * wp;
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

    /** Fills {@code offs} with each tap's offset in a bordered plane of row pitch {@code wp}, row-major over the taps. */
    private static void tapOffsets(ConvGeometry g, int wp, int[] offs) {
        for (int p = 0; p < g.kh(); p++) {
            for (int q = 0; q < g.kw(); q++) {
                offs[p * g.kw() + q] = p * g.dh() * wp + q * g.dw();
            }
        }
    }
}
