package io.github.conv4j.kernel.im2col;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ImplicitIm2col}'s register block: 6 output channels × 2 vectors of consecutive output positions, 12
 * accumulators written out as locals (vectors must not escape, or C2 boxes them), the taps' weights broadcast inside
 * the tap loop as in the GEMM micro-kernel. Loaded only when {@code Simd.available()}.
 */
final class VectorImplicitIm2col {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector. */
    static final int LANES = S.length();

    /**
     * Whether the three-vector block runs: its 18 accumulators and 4 operands need the 32 vector registers that come
     * with 512-bit vectors (AVX-512); with 256-bit AVX2's 16 they would spill, so there the 2-vector block does the row.
     */
    private static final boolean WIDE = S.vectorBitSize() >= 512;

    /** Output channels per register block. */
    static final int MR = 6;

    private VectorImplicitIm2col() {}

    /**
     * The output channels per register block on this machine: this class's {@link #MR} with 32 vector registers
     * (512-bit vectors), {@link VectorImplicitIm2colQuad#MR} with AVX2's 16, where the 6 × 2 block's 12 accumulators,
     * 2 input vectors and the broadcasts C2 loads ahead do not fit: JDK 25 kept an accumulator on the stack, a store
     * and a reload in its chain at every tap (the stem N=1 at 7.2–9.9 ms, a quarter of the FMA peak, on a Zen 3).
     */
    static int defaultBlockRows() {
        return WIDE ? MR : VectorImplicitIm2colQuad.MR;
    }

    /**
     * Columns the next register block covers with {@code left} columns of the row to go: three vectors where they fit,
     * except that four vectors' worth go as two blocks of two, since a last single vector runs the narrow block (one
     * load and six broadcasts per six multiply-adds, about 70 % of the wide block's rate): 112 = 48 + 32 + 32, not 48 +
     * 48 + 16 (the narrow block took a fifth of the stem's time).
     */
    static int blockWidth(int left) {
        int vectors = (left + LANES - 1) / LANES;
        return WIDE && left >= 3 * LANES && vectors != 4 ? 3 * LANES : 2 * LANES;
    }

    /**
     * Whether rows of this width run as one sequence of vectors ({@link #flatRows}): with {@link #WIDE} registers and
     * whole vectors per row, so no vector straddles two rows.
     */
    static boolean flat(int outW) {
        return WIDE && outW % LANES == 0;
    }

    /** Output rows per group in {@link #flatRows}: three rows hold a multiple of three vectors whatever the width. */
    static final int FLAT_ROWS = 3;

    /**
     * Rows {@code [i0, i1)} as one sequence of vectors, three rows at a time, every block three vectors wide even
     * where its vectors lie in two rows: 112 columns are 7 vectors, which row by row run as 3 + 2 + 2 (the two-vector
     * block does 12 multiply-adds per 8 loads against 18 per 9 and took three fifths of the stem's time for four
     * sevenths of its columns). A group of fewer rows at the end leaves at most two vectors to the one-vector block.
     */
    private static void flatRows(
            float[] phases,
            int[] tapOff,
            int taps,
            float[] wpad,
            int wOff,
            int opg,
            int opgPad,
            float[] bias,
            int biasOff,
            float[] y,
            int yOff,
            int plane,
            int outW,
            int rowStep,
            int i0,
            int i1,
            float[] edge) {
        int perRow = outW / LANES;
        for (int g0 = i0; g0 < i1; g0 += FLAT_ROWS) {
            int v1 = Math.min(i1, g0 + FLAT_ROWS) * perRow;
            for (int ob = 0; ob < opgPad; ob += MR) {
                int w0 = wOff + ob * taps;
                int v = g0 * perRow;
                for (; v + 3 <= v1; v += 3) {
                    wide(
                            phases,
                            tapOff,
                            taps,
                            wpad,
                            w0,
                            ob,
                            opg,
                            bias,
                            biasOff,
                            y,
                            yOff,
                            plane,
                            flatInput(v, perRow, rowStep),
                            flatInput(v + 1, perRow, rowStep),
                            flatInput(v + 2, perRow, rowStep),
                            v * LANES,
                            (v + 1) * LANES,
                            (v + 2) * LANES);
                }
                for (; v < v1; v++) {
                    narrow(
                            phases,
                            tapOff,
                            taps,
                            wpad,
                            w0,
                            ob,
                            opg,
                            bias,
                            biasOff,
                            y,
                            yOff + v * LANES,
                            plane,
                            flatInput(v, perRow, rowStep),
                            LANES,
                            edge);
                }
            }
        }
    }

    /** Offset in the phases of vector {@code v} of the flattened rows, for tap offset 0. */
    private static int flatInput(int v, int perRow, int rowStep) {
        return (v / perRow) * rowStep + (v % perRow) * LANES;
    }

    /**
     * Output rows {@code [i0, i1)} of one sample and group, all output channels.
     *
     * @param phases the staged input phases
     * @param tapOff each tap's offset in {@code phases} for output (0, 0)
     * @param taps number of taps, {@code C_in/G · kH · kW}
     * @param wpad the weights, per group {@code opgPad / 6} blocks of {@code taps × 6} (tap-major, zero rows past
     *     {@code opg})
     * @param wOff index of the group's first weight in {@code wpad}
     * @param opg output channels of the group
     * @param opgPad {@code opg} rounded up to 6
     * @param bias the bias or {@code null}
     * @param biasOff index of the group's first bias
     * @param y the output
     * @param yOff index of the group's first output
     * @param outH output height
     * @param outW output width
     * @param rowStep offset in {@code phases} from one output row to the next
     * @param i0 first row
     * @param i1 end row
     */
    static void rows(
            float[] phases,
            int[] tapOff,
            int taps,
            float[] wpad,
            int wOff,
            int opg,
            int opgPad,
            float[] bias,
            int biasOff,
            float[] y,
            int yOff,
            int outH,
            int outW,
            int rowStep,
            int i0,
            int i1) {
        int plane = outH * outW;
        float[] edge = new float[MR * 2 * LANES];
        if (flat(outW)) {
            flatRows(
                    phases, tapOff, taps, wpad, wOff, opg, opgPad, bias, biasOff, y, yOff, plane, outW, rowStep, i0, i1,
                    edge);
            return;
        }
        for (int i = i0; i < i1; i++) {
            int rowBase = i * rowStep;
            for (int ob = 0; ob < opgPad; ob += MR) {
                int w0 = wOff + ob * taps;
                for (int j0 = 0; j0 < outW; j0 += blockWidth(outW - j0)) {
                    if (blockWidth(outW - j0) == 3 * LANES) {
                        int in = rowBase + j0;
                        int out = i * outW + j0;
                        wide(
                                phases,
                                tapOff,
                                taps,
                                wpad,
                                w0,
                                ob,
                                opg,
                                bias,
                                biasOff,
                                y,
                                yOff,
                                plane,
                                in,
                                in + LANES,
                                in + 2 * LANES,
                                out,
                                out + LANES,
                                out + 2 * LANES);
                        continue;
                    }
                    if (outW - j0 <= LANES) {
                        // A last vector's width: half the block's multiply-adds (112 = 3·32 + 16 columns).
                        narrow(
                                phases,
                                tapOff,
                                taps,
                                wpad,
                                w0,
                                ob,
                                opg,
                                bias,
                                biasOff,
                                y,
                                yOff + i * outW + j0,
                                plane,
                                rowBase + j0,
                                outW - j0,
                                edge);
                        continue;
                    }
                    FloatVector c00 = FloatVector.zero(S);
                    FloatVector c01 = FloatVector.zero(S);
                    FloatVector c10 = FloatVector.zero(S);
                    FloatVector c11 = FloatVector.zero(S);
                    FloatVector c20 = FloatVector.zero(S);
                    FloatVector c21 = FloatVector.zero(S);
                    FloatVector c30 = FloatVector.zero(S);
                    FloatVector c31 = FloatVector.zero(S);
                    FloatVector c40 = FloatVector.zero(S);
                    FloatVector c41 = FloatVector.zero(S);
                    FloatVector c50 = FloatVector.zero(S);
                    FloatVector c51 = FloatVector.zero(S);
                    int base = rowBase + j0;
                    for (int t = 0, wt = w0; t < taps; t++, wt += MR) {
                        int at = base + tapOff[t];
                        FloatVector b0 = FloatVector.fromArray(S, phases, at);
                        FloatVector b1 = FloatVector.fromArray(S, phases, at + LANES);
                        FloatVector a = FloatVector.broadcast(S, wpad[wt]);
                        c00 = a.fma(b0, c00);
                        c01 = a.fma(b1, c01);
                        a = FloatVector.broadcast(S, wpad[wt + 1]);
                        c10 = a.fma(b0, c10);
                        c11 = a.fma(b1, c11);
                        a = FloatVector.broadcast(S, wpad[wt + 2]);
                        c20 = a.fma(b0, c20);
                        c21 = a.fma(b1, c21);
                        a = FloatVector.broadcast(S, wpad[wt + 3]);
                        c30 = a.fma(b0, c30);
                        c31 = a.fma(b1, c31);
                        a = FloatVector.broadcast(S, wpad[wt + 4]);
                        c40 = a.fma(b0, c40);
                        c41 = a.fma(b1, c41);
                        a = FloatVector.broadcast(S, wpad[wt + 5]);
                        c50 = a.fma(b0, c50);
                        c51 = a.fma(b1, c51);
                    }
                    if (outW - j0 >= 2 * LANES && ob + MR <= opg) {
                        // A whole block: straight to the output rows.
                        int dst = yOff + ob * plane + i * outW + j0;
                        store(c00, c01, bias, biasOff + ob, y, dst);
                        store(c10, c11, bias, biasOff + ob + 1, y, dst + plane);
                        store(c20, c21, bias, biasOff + ob + 2, y, dst + 2 * plane);
                        store(c30, c31, bias, biasOff + ob + 3, y, dst + 3 * plane);
                        store(c40, c41, bias, biasOff + ob + 4, y, dst + 4 * plane);
                        store(c50, c51, bias, biasOff + ob + 5, y, dst + 5 * plane);
                        continue;
                    }
                    c00.intoArray(edge, 0);
                    c01.intoArray(edge, LANES);
                    c10.intoArray(edge, 2 * LANES);
                    c11.intoArray(edge, 3 * LANES);
                    c20.intoArray(edge, 4 * LANES);
                    c21.intoArray(edge, 5 * LANES);
                    c30.intoArray(edge, 6 * LANES);
                    c31.intoArray(edge, 7 * LANES);
                    c40.intoArray(edge, 8 * LANES);
                    c41.intoArray(edge, 9 * LANES);
                    c50.intoArray(edge, 10 * LANES);
                    c51.intoArray(edge, 11 * LANES);
                    int count = Math.min(2 * LANES, outW - j0);
                    for (int r = 0; r < MR && ob + r < opg; r++) {
                        int o = ob + r;
                        int dst = yOff + o * plane + i * outW + j0;
                        float bv = bias == null ? 0f : bias[biasOff + o];
                        int src = r * 2 * LANES;
                        if (bias == null) {
                            System.arraycopy(edge, src, y, dst, count);
                        } else {
                            for (int j = 0; j < count; j++) {
                                y[dst + j] = edge[src + j] + bv;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The register block three vectors wide (6 × 48 on 16 lanes): 9 loads per 18 multiply-adds per tap against 8 per
     * 12 for two vectors; only with {@link #WIDE} registers. Vector {@code k} is read from {@code phases[ink +
     * tapOff[t]]} and written to {@code y[yOff + o·plane + outk]}: consecutive in one row, or split over two rows by
     * {@link #flatRows}.
     */
    private static void wide(
            float[] phases,
            int[] tapOff,
            int taps,
            float[] wpad,
            int w0,
            int ob,
            int opg,
            float[] bias,
            int biasOff,
            float[] y,
            int yOff,
            int plane,
            int in0,
            int in1,
            int in2,
            int out0,
            int out1,
            int out2) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c52 = FloatVector.zero(S);
        for (int t = 0, wt = w0; t < taps; t++, wt += MR) {
            int off = tapOff[t];
            FloatVector b0 = FloatVector.fromArray(S, phases, in0 + off);
            FloatVector b1 = FloatVector.fromArray(S, phases, in1 + off);
            FloatVector b2 = FloatVector.fromArray(S, phases, in2 + off);
            FloatVector a = FloatVector.broadcast(S, wpad[wt]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(S, wpad[wt + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(S, wpad[wt + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(S, wpad[wt + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(S, wpad[wt + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(S, wpad[wt + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
        }
        int dst = yOff + ob * plane;
        int rows = Math.min(MR, opg - ob);
        store(c00, c01, c02, bias, biasOff + ob, y, dst + out0, dst + out1, dst + out2);
        if (rows > 1) {
            dst += plane;
            store(c10, c11, c12, bias, biasOff + ob + 1, y, dst + out0, dst + out1, dst + out2);
        }
        if (rows > 2) {
            dst += plane;
            store(c20, c21, c22, bias, biasOff + ob + 2, y, dst + out0, dst + out1, dst + out2);
        }
        if (rows > 3) {
            dst += plane;
            store(c30, c31, c32, bias, biasOff + ob + 3, y, dst + out0, dst + out1, dst + out2);
        }
        if (rows > 4) {
            dst += plane;
            store(c40, c41, c42, bias, biasOff + ob + 4, y, dst + out0, dst + out1, dst + out2);
        }
        if (rows > 5) {
            dst += plane;
            store(c50, c51, c52, bias, biasOff + ob + 5, y, dst + out0, dst + out1, dst + out2);
        }
    }

    /** Three vectors of one output channel at their own places, plus the channel's bias if there is one. */
    private static void store(
            FloatVector v0, FloatVector v1, FloatVector v2, float[] bias, int o, float[] y, int d0, int d1, int d2) {
        if (bias != null) {
            FloatVector bv = FloatVector.broadcast(S, bias[o]);
            v0 = v0.add(bv);
            v1 = v1.add(bv);
            v2 = v2.add(bv);
        }
        v0.intoArray(y, d0);
        v1.intoArray(y, d1);
        v2.intoArray(y, d2);
    }

    /**
     * The register block one vector wide: 6 output channels × {@code count ≤ LANES} positions, read from
     * {@code phases[base + tapOff[t]]} and written to {@code y[dst + o·plane]} for block row {@code o}.
     */
    private static void narrow(
            float[] phases,
            int[] tapOff,
            int taps,
            float[] wpad,
            int w0,
            int ob,
            int opg,
            float[] bias,
            int biasOff,
            float[] y,
            int dst0,
            int plane,
            int base,
            int count,
            float[] edge) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        for (int t = 0, wt = w0; t < taps; t++, wt += MR) {
            FloatVector b0 = FloatVector.fromArray(S, phases, base + tapOff[t]);
            c0 = FloatVector.broadcast(S, wpad[wt]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, wpad[wt + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, wpad[wt + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, wpad[wt + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, wpad[wt + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, wpad[wt + 5]).fma(b0, c5);
        }
        c0.intoArray(edge, 0);
        c1.intoArray(edge, LANES);
        c2.intoArray(edge, 2 * LANES);
        c3.intoArray(edge, 3 * LANES);
        c4.intoArray(edge, 4 * LANES);
        c5.intoArray(edge, 5 * LANES);
        writeEdge(edge, Math.min(MR, opg - ob), bias, biasOff + ob, y, dst0 + ob * plane, plane, count);
    }

    /**
     * The first {@code count} positions of one-vector rows {@code edge[r·LANES ..]} for block rows {@code r < rows}
     * to {@code y[dst + r·plane ..]}, plus bias {@code biasOff + r} if there is one; also {@link
     * VectorImplicitIm2colQuad}'s.
     */
    static void writeEdge(float[] edge, int rows, float[] bias, int biasOff, float[] y, int dst, int plane, int count) {
        for (int r = 0; r < rows; r++) {
            int row = dst + r * plane;
            float bv = bias == null ? 0f : bias[biasOff + r];
            for (int j = 0; j < count; j++) {
                y[row + j] = bias == null ? edge[r * LANES + j] : edge[r * LANES + j] + bv;
            }
        }
    }

    /**
     * Two vectors of one output row, plus the channel's bias if there is one (an unbiased −0 stays −0); also the
     * store of {@link VectorImplicitIm2colQuad}.
     */
    static void store(FloatVector lo, FloatVector hi, float[] bias, int o, float[] y, int dst) {
        if (bias != null) {
            FloatVector bv = FloatVector.broadcast(S, bias[o]);
            lo = lo.add(bv);
            hi = hi.add(bv);
        }
        lo.intoArray(y, dst);
        hi.intoArray(y, dst + LANES);
    }
}
