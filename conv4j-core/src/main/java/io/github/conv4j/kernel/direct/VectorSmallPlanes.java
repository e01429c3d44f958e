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

    /**
     * Whether there are 32 vector registers (512-bit vectors: AVX-512) rather than 16 (AVX2), which decides how wide a
     * block of rows can be without spilling.
     */
    private static final boolean WIDE = S.vectorBitSize() >= 512;

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
        SmallPlanes.tapOffsets(g, wp, offs);
        int f = 0;
        if (g.kh() == 3 && g.kw() == 3 && g.dh() == 1) {
            f = sweepQuads3x3(padded, wp, g.dw(), w, wOff, bias, flat, length / wp);
        }
        sweepTaps(g.kh() * g.kw(), padded, offs, w, wOff, bias, flat, f, length);
    }

    /**
     * {@code flat[f] = bias + Σ_t w[wOff + t]·src[f + offs[t]]} for {@code f} in {@code [from, length)}, one fused
     * multiply-add chain per position in the order of the taps (the scalar twin is {@link SmallPlanes#scalarSweep}).
     * Any layout whose taps are fixed offsets from the output position: a bordered plane, or the phase planes of a
     * strided convolution ({@link PhasePlanes}).
     */
    static void sweepTaps(
            int taps, float[] src, int[] offs, float[] w, int wOff, float bias, float[] flat, int from, int length) {
        int lanes = S.length();
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        int f = from;
        for (; f + block <= length; f += block) {
            FloatVector a0 = b;
            FloatVector a1 = b;
            FloatVector a2 = b;
            FloatVector a3 = b;
            for (int t = 0; t < taps; t++) {
                FloatVector tap = FloatVector.broadcast(S, w[wOff + t]);
                int base = f + offs[t];
                a0 = tap.fma(FloatVector.fromArray(S, src, base), a0);
                a1 = tap.fma(FloatVector.fromArray(S, src, base + lanes), a1);
                a2 = tap.fma(FloatVector.fromArray(S, src, base + 2 * lanes), a2);
                a3 = tap.fma(FloatVector.fromArray(S, src, base + 3 * lanes), a3);
            }
            a0.intoArray(flat, f);
            a1.intoArray(flat, f + lanes);
            a2.intoArray(flat, f + 2 * lanes);
            a3.intoArray(flat, f + 3 * lanes);
        }
        for (; f + lanes <= length; f += lanes) {
            FloatVector a = b;
            for (int t = 0; t < taps; t++) {
                a = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, src, f + offs[t]), a);
            }
            a.intoArray(flat, f);
        }
        for (; f < length; f++) {
            float a = bias;
            for (int t = 0; t < taps; t++) {
                a = Math.fma(w[wOff + t], src[f + offs[t]], a);
            }
            flat[f] = a;
        }
    }

    /**
     * {@link #sweep} for a 3×3 kernel without vertical dilation, four rows of the flat buffer at a time: they read six
     * input rows between them, so with the nine taps in registers each output vector costs 4.5 loads instead of 9
     * (the unaligned loads bound these sweeps). Covers each row with vectors at {@code j = 0, lanes, …}, the last one
     * ending at the row's end, or past it (into the next row, recomputing its first outputs with the same bits) when
     * the row is shorter than a vector. Each output keeps its chain: bias, then the taps row by row.
     *
     * @param rows the flat buffer's rows ({@code length / wp})
     * @return the first flat position not written: the rows after the last whole group of four start there
     */
    private static int sweepQuads3x3(
            float[] padded, int wp, int dw, float[] w, int wOff, float bias, float[] flat, int rows) {
        int lanes = S.length();
        FloatVector w00 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            for (int j = 0; j < wp; j += lanes) {
                int f = i * wp + Math.max(0, Math.min(j, wp - lanes));
                FloatVector u0 = b;
                FloatVector u1 = b;
                FloatVector u2 = b;
                FloatVector u3 = b;
                FloatVector v;
                v = FloatVector.fromArray(S, padded, f);
                u0 = v.fma(w00, u0);
                v = FloatVector.fromArray(S, padded, f + dw);
                u0 = v.fma(w01, u0);
                v = FloatVector.fromArray(S, padded, f + 2 * dw);
                u0 = v.fma(w02, u0);
                int r1 = f + wp;
                v = FloatVector.fromArray(S, padded, r1);
                u0 = v.fma(w10, u0);
                u1 = v.fma(w00, u1);
                v = FloatVector.fromArray(S, padded, r1 + dw);
                u0 = v.fma(w11, u0);
                u1 = v.fma(w01, u1);
                v = FloatVector.fromArray(S, padded, r1 + 2 * dw);
                u0 = v.fma(w12, u0);
                u1 = v.fma(w02, u1);
                int r2 = f + 2 * wp;
                v = FloatVector.fromArray(S, padded, r2);
                u0 = v.fma(w20, u0);
                u1 = v.fma(w10, u1);
                u2 = v.fma(w00, u2);
                v = FloatVector.fromArray(S, padded, r2 + dw);
                u0 = v.fma(w21, u0);
                u1 = v.fma(w11, u1);
                u2 = v.fma(w01, u2);
                v = FloatVector.fromArray(S, padded, r2 + 2 * dw);
                u0 = v.fma(w22, u0);
                u1 = v.fma(w12, u1);
                u2 = v.fma(w02, u2);
                int r3 = f + 3 * wp;
                v = FloatVector.fromArray(S, padded, r3);
                u1 = v.fma(w20, u1);
                u2 = v.fma(w10, u2);
                u3 = v.fma(w00, u3);
                v = FloatVector.fromArray(S, padded, r3 + dw);
                u1 = v.fma(w21, u1);
                u2 = v.fma(w11, u2);
                u3 = v.fma(w01, u3);
                v = FloatVector.fromArray(S, padded, r3 + 2 * dw);
                u1 = v.fma(w22, u1);
                u2 = v.fma(w12, u2);
                u3 = v.fma(w02, u3);
                int r4 = f + 4 * wp;
                v = FloatVector.fromArray(S, padded, r4);
                u2 = v.fma(w20, u2);
                u3 = v.fma(w10, u3);
                v = FloatVector.fromArray(S, padded, r4 + dw);
                u2 = v.fma(w21, u2);
                u3 = v.fma(w11, u3);
                v = FloatVector.fromArray(S, padded, r4 + 2 * dw);
                u2 = v.fma(w22, u2);
                u3 = v.fma(w12, u3);
                int r5 = f + 5 * wp;
                v = FloatVector.fromArray(S, padded, r5);
                u3 = v.fma(w20, u3);
                v = FloatVector.fromArray(S, padded, r5 + dw);
                u3 = v.fma(w21, u3);
                v = FloatVector.fromArray(S, padded, r5 + 2 * dw);
                u3 = v.fma(w22, u3);
                u0.intoArray(flat, f);
                u1.intoArray(flat, f + wp);
                u2.intoArray(flat, f + 2 * wp);
                u3.intoArray(flat, f + 3 * wp);
            }
        }
        return i * wp;
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
        SmallPlanes.tapOffsets(g, wp, offs);
        FloatVector b = FloatVector.broadcast(S, bias);
        int block = 4 * lanes;
        int i = from;
        if (g.sh() == g.dh() && g.kh() == 3 && g.kw() == 3 && outW >= 2 * lanes) {
            i = sweepRowQuads3x3(g, padded, wp, w, wOff, bias, y, yOff, from, to);
        }
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
     * Four output rows of a 3×3 kernel at once (vertical stride equal to the dilation, so they read six input rows
     * between them), two vectors wide, the nine taps in registers: 4.5 loads per output vector instead of the row pair's
     * 6, which is what these sweeps are bound by (the loads are unaligned, and a 64-byte load across two cache lines
     * costs two). Each output keeps its chain: bias, then the taps row by row. Returns the first row not written.
     */
    private static int sweepRowQuads3x3(
            ConvGeometry g,
            float[] padded,
            int wp,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yOff,
            int from,
            int to) {
        int lanes = S.length();
        int outW = g.outW();
        int step = g.sh() * wp;
        int down = g.dh() * wp;
        int dw = g.dw();
        int block = 2 * lanes;
        FloatVector w00 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        int i = from;
        for (; i + 3 < to; i += 4) {
            int src = (i - from) * step;
            int dst = yOff + i * outW;
            for (int j = 0; j < outW; j += block) {
                int at = Math.min(j, outW - block);
                FloatVector u0a = b;
                FloatVector u0b = b;
                FloatVector u1a = b;
                FloatVector u1b = b;
                FloatVector u2a = b;
                FloatVector u2b = b;
                FloatVector u3a = b;
                FloatVector u3b = b;
                FloatVector va;
                FloatVector vb;
                int r0 = src + at;
                va = FloatVector.fromArray(S, padded, r0);
                vb = FloatVector.fromArray(S, padded, r0 + lanes);
                u0a = va.fma(w00, u0a);
                u0b = vb.fma(w00, u0b);
                va = FloatVector.fromArray(S, padded, r0 + dw);
                vb = FloatVector.fromArray(S, padded, r0 + dw + lanes);
                u0a = va.fma(w01, u0a);
                u0b = vb.fma(w01, u0b);
                va = FloatVector.fromArray(S, padded, r0 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r0 + 2 * dw + lanes);
                u0a = va.fma(w02, u0a);
                u0b = vb.fma(w02, u0b);
                int r1 = src + at + 1 * down;
                va = FloatVector.fromArray(S, padded, r1);
                vb = FloatVector.fromArray(S, padded, r1 + lanes);
                u0a = va.fma(w10, u0a);
                u0b = vb.fma(w10, u0b);
                u1a = va.fma(w00, u1a);
                u1b = vb.fma(w00, u1b);
                va = FloatVector.fromArray(S, padded, r1 + dw);
                vb = FloatVector.fromArray(S, padded, r1 + dw + lanes);
                u0a = va.fma(w11, u0a);
                u0b = vb.fma(w11, u0b);
                u1a = va.fma(w01, u1a);
                u1b = vb.fma(w01, u1b);
                va = FloatVector.fromArray(S, padded, r1 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r1 + 2 * dw + lanes);
                u0a = va.fma(w12, u0a);
                u0b = vb.fma(w12, u0b);
                u1a = va.fma(w02, u1a);
                u1b = vb.fma(w02, u1b);
                int r2 = src + at + 2 * down;
                va = FloatVector.fromArray(S, padded, r2);
                vb = FloatVector.fromArray(S, padded, r2 + lanes);
                u0a = va.fma(w20, u0a);
                u0b = vb.fma(w20, u0b);
                u1a = va.fma(w10, u1a);
                u1b = vb.fma(w10, u1b);
                u2a = va.fma(w00, u2a);
                u2b = vb.fma(w00, u2b);
                va = FloatVector.fromArray(S, padded, r2 + dw);
                vb = FloatVector.fromArray(S, padded, r2 + dw + lanes);
                u0a = va.fma(w21, u0a);
                u0b = vb.fma(w21, u0b);
                u1a = va.fma(w11, u1a);
                u1b = vb.fma(w11, u1b);
                u2a = va.fma(w01, u2a);
                u2b = vb.fma(w01, u2b);
                va = FloatVector.fromArray(S, padded, r2 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r2 + 2 * dw + lanes);
                u0a = va.fma(w22, u0a);
                u0b = vb.fma(w22, u0b);
                u1a = va.fma(w12, u1a);
                u1b = vb.fma(w12, u1b);
                u2a = va.fma(w02, u2a);
                u2b = vb.fma(w02, u2b);
                int r3 = src + at + 3 * down;
                va = FloatVector.fromArray(S, padded, r3);
                vb = FloatVector.fromArray(S, padded, r3 + lanes);
                u1a = va.fma(w20, u1a);
                u1b = vb.fma(w20, u1b);
                u2a = va.fma(w10, u2a);
                u2b = vb.fma(w10, u2b);
                u3a = va.fma(w00, u3a);
                u3b = vb.fma(w00, u3b);
                va = FloatVector.fromArray(S, padded, r3 + dw);
                vb = FloatVector.fromArray(S, padded, r3 + dw + lanes);
                u1a = va.fma(w21, u1a);
                u1b = vb.fma(w21, u1b);
                u2a = va.fma(w11, u2a);
                u2b = vb.fma(w11, u2b);
                u3a = va.fma(w01, u3a);
                u3b = vb.fma(w01, u3b);
                va = FloatVector.fromArray(S, padded, r3 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r3 + 2 * dw + lanes);
                u1a = va.fma(w22, u1a);
                u1b = vb.fma(w22, u1b);
                u2a = va.fma(w12, u2a);
                u2b = vb.fma(w12, u2b);
                u3a = va.fma(w02, u3a);
                u3b = vb.fma(w02, u3b);
                int r4 = src + at + 4 * down;
                va = FloatVector.fromArray(S, padded, r4);
                vb = FloatVector.fromArray(S, padded, r4 + lanes);
                u2a = va.fma(w20, u2a);
                u2b = vb.fma(w20, u2b);
                u3a = va.fma(w10, u3a);
                u3b = vb.fma(w10, u3b);
                va = FloatVector.fromArray(S, padded, r4 + dw);
                vb = FloatVector.fromArray(S, padded, r4 + dw + lanes);
                u2a = va.fma(w21, u2a);
                u2b = vb.fma(w21, u2b);
                u3a = va.fma(w11, u3a);
                u3b = vb.fma(w11, u3b);
                va = FloatVector.fromArray(S, padded, r4 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r4 + 2 * dw + lanes);
                u2a = va.fma(w22, u2a);
                u2b = vb.fma(w22, u2b);
                u3a = va.fma(w12, u3a);
                u3b = vb.fma(w12, u3b);
                int r5 = src + at + 5 * down;
                va = FloatVector.fromArray(S, padded, r5);
                vb = FloatVector.fromArray(S, padded, r5 + lanes);
                u3a = va.fma(w20, u3a);
                u3b = vb.fma(w20, u3b);
                va = FloatVector.fromArray(S, padded, r5 + dw);
                vb = FloatVector.fromArray(S, padded, r5 + dw + lanes);
                u3a = va.fma(w21, u3a);
                u3b = vb.fma(w21, u3b);
                va = FloatVector.fromArray(S, padded, r5 + 2 * dw);
                vb = FloatVector.fromArray(S, padded, r5 + 2 * dw + lanes);
                u3a = va.fma(w22, u3a);
                u3b = vb.fma(w22, u3b);
                u0a.intoArray(y, dst + at);
                u0b.intoArray(y, dst + at + lanes);
                u1a.intoArray(y, dst + 1 * outW + at);
                u1b.intoArray(y, dst + 1 * outW + at + lanes);
                u2a.intoArray(y, dst + 2 * outW + at);
                u2b.intoArray(y, dst + 2 * outW + at + lanes);
                u3a.intoArray(y, dst + 3 * outW + at);
                u3b.intoArray(y, dst + 3 * outW + at + lanes);
            }
        }
        return i;
    }

    /**
     * A whole output plane of a 3×3 kernel (vertical stride equal to the dilation) straight into {@code y},
     * one vector wide, for rows of one to four vectors with 16 vector registers (AVX2), where the flat sweep's
     * compaction into the output took as long as the sweep: four rows at a time as in {@link #sweepRowQuads3x3}
     * (4 accumulators + 9 taps + 1 loaded vector), then one row at a time; a row's last vector ends at its end,
     * overlapping the one before (the same bits). Each output keeps its chain: bias, then the taps row by row.
     * {@code padded} holds the plane's bordered input rows, {@code wp} apart.
     */
    /**
     * Whether {@link #sweepRows3x3Narrow} takes this plane: a 3×3 kernel, vertical stride equal to the dilation, no
     * horizontal stride, rows of one to four vectors, 16 vector registers.
     */
    static boolean narrowRows3x3(ConvGeometry g) {
        return !WIDE
                && g.kh() == 3
                && g.kw() == 3
                && g.sh() == g.dh()
                && g.sw() == 1
                && g.outW() >= S.length()
                && g.outW() < ROW_BLOCK;
    }

    static void sweepRows3x3Narrow(
            ConvGeometry g, float[] padded, int wp, float[] w, int wOff, float bias, float[] y, int yOff) {
        int lanes = S.length();
        int outW = g.outW();
        int step = g.sh() * wp;
        int down = g.dh() * wp;
        int dw = g.dw();
        int block = lanes;
        FloatVector w00 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        int outH = g.outH();
        int i = 0;
        for (; i + 3 < outH; i += 4) {
            int src = i * step;
            int dst = yOff + i * outW;
            for (int j = 0; j < outW; j += block) {
                int at = Math.min(j, outW - block);
                FloatVector u0 = b;
                FloatVector u1 = b;
                FloatVector u2 = b;
                FloatVector u3 = b;
                FloatVector v;
                int r0 = src + at;
                v = FloatVector.fromArray(S, padded, r0);
                u0 = v.fma(w00, u0);
                v = FloatVector.fromArray(S, padded, r0 + dw);
                u0 = v.fma(w01, u0);
                v = FloatVector.fromArray(S, padded, r0 + 2 * dw);
                u0 = v.fma(w02, u0);
                int r1 = src + at + 1 * down;
                v = FloatVector.fromArray(S, padded, r1);
                u0 = v.fma(w10, u0);
                u1 = v.fma(w00, u1);
                v = FloatVector.fromArray(S, padded, r1 + dw);
                u0 = v.fma(w11, u0);
                u1 = v.fma(w01, u1);
                v = FloatVector.fromArray(S, padded, r1 + 2 * dw);
                u0 = v.fma(w12, u0);
                u1 = v.fma(w02, u1);
                int r2 = src + at + 2 * down;
                v = FloatVector.fromArray(S, padded, r2);
                u0 = v.fma(w20, u0);
                u1 = v.fma(w10, u1);
                u2 = v.fma(w00, u2);
                v = FloatVector.fromArray(S, padded, r2 + dw);
                u0 = v.fma(w21, u0);
                u1 = v.fma(w11, u1);
                u2 = v.fma(w01, u2);
                v = FloatVector.fromArray(S, padded, r2 + 2 * dw);
                u0 = v.fma(w22, u0);
                u1 = v.fma(w12, u1);
                u2 = v.fma(w02, u2);
                int r3 = src + at + 3 * down;
                v = FloatVector.fromArray(S, padded, r3);
                u1 = v.fma(w20, u1);
                u2 = v.fma(w10, u2);
                u3 = v.fma(w00, u3);
                v = FloatVector.fromArray(S, padded, r3 + dw);
                u1 = v.fma(w21, u1);
                u2 = v.fma(w11, u2);
                u3 = v.fma(w01, u3);
                v = FloatVector.fromArray(S, padded, r3 + 2 * dw);
                u1 = v.fma(w22, u1);
                u2 = v.fma(w12, u2);
                u3 = v.fma(w02, u3);
                int r4 = src + at + 4 * down;
                v = FloatVector.fromArray(S, padded, r4);
                u2 = v.fma(w20, u2);
                u3 = v.fma(w10, u3);
                v = FloatVector.fromArray(S, padded, r4 + dw);
                u2 = v.fma(w21, u2);
                u3 = v.fma(w11, u3);
                v = FloatVector.fromArray(S, padded, r4 + 2 * dw);
                u2 = v.fma(w22, u2);
                u3 = v.fma(w12, u3);
                int r5 = src + at + 5 * down;
                v = FloatVector.fromArray(S, padded, r5);
                u3 = v.fma(w20, u3);
                v = FloatVector.fromArray(S, padded, r5 + dw);
                u3 = v.fma(w21, u3);
                v = FloatVector.fromArray(S, padded, r5 + 2 * dw);
                u3 = v.fma(w22, u3);
                u0.intoArray(y, dst + at);
                u1.intoArray(y, dst + 1 * outW + at);
                u2.intoArray(y, dst + 2 * outW + at);
                u3.intoArray(y, dst + 3 * outW + at);
            }
        }
        for (; i < outH; i++) {
            int src = i * step;
            int dst = yOff + i * outW;
            for (int j = 0; j < outW; j += block) {
                int at = Math.min(j, outW - block);
                int r0 = src + at;
                int r1 = r0 + down;
                int r2 = r1 + down;
                FloatVector u = FloatVector.fromArray(S, padded, r0).fma(w00, b);
                u = FloatVector.fromArray(S, padded, r0 + dw).fma(w01, u);
                u = FloatVector.fromArray(S, padded, r0 + 2 * dw).fma(w02, u);
                u = FloatVector.fromArray(S, padded, r1).fma(w10, u);
                u = FloatVector.fromArray(S, padded, r1 + dw).fma(w11, u);
                u = FloatVector.fromArray(S, padded, r1 + 2 * dw).fma(w12, u);
                u = FloatVector.fromArray(S, padded, r2).fma(w20, u);
                u = FloatVector.fromArray(S, padded, r2 + dw).fma(w21, u);
                u = FloatVector.fromArray(S, padded, r2 + 2 * dw).fma(w22, u);
                u.intoArray(y, dst + at);
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
}
