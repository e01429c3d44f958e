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

    private VectorImplicitIm2col() {}

    /**
     * Output rows {@code [i0, i1)} of one sample and group, all output channels.
     *
     * @param phases the staged input phases
     * @param tapOff each tap's offset in {@code phases} for output (0, 0)
     * @param taps number of taps, {@code C_in/G · kH · kW}
     * @param wpad the weights, per group {@code (C_out/G) × taps} with zero rows up to {@code opgPad}
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
        float[] edge = new float[ImplicitIm2col.MR * 2 * LANES];
        for (int i = i0; i < i1; i++) {
            int rowBase = i * rowStep;
            for (int ob = 0; ob < opgPad; ob += ImplicitIm2col.MR) {
                int w0 = wOff + ob * taps;
                int w1 = w0 + taps;
                int w2 = w1 + taps;
                int w3 = w2 + taps;
                int w4 = w3 + taps;
                int w5 = w4 + taps;
                for (int j0 = 0; j0 < outW; j0 += 2 * LANES) {
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
                    for (int t = 0; t < taps; t++) {
                        int at = base + tapOff[t];
                        FloatVector b0 = FloatVector.fromArray(S, phases, at);
                        FloatVector b1 = FloatVector.fromArray(S, phases, at + LANES);
                        FloatVector a = FloatVector.broadcast(S, wpad[w0 + t]);
                        c00 = a.fma(b0, c00);
                        c01 = a.fma(b1, c01);
                        a = FloatVector.broadcast(S, wpad[w1 + t]);
                        c10 = a.fma(b0, c10);
                        c11 = a.fma(b1, c11);
                        a = FloatVector.broadcast(S, wpad[w2 + t]);
                        c20 = a.fma(b0, c20);
                        c21 = a.fma(b1, c21);
                        a = FloatVector.broadcast(S, wpad[w3 + t]);
                        c30 = a.fma(b0, c30);
                        c31 = a.fma(b1, c31);
                        a = FloatVector.broadcast(S, wpad[w4 + t]);
                        c40 = a.fma(b0, c40);
                        c41 = a.fma(b1, c41);
                        a = FloatVector.broadcast(S, wpad[w5 + t]);
                        c50 = a.fma(b0, c50);
                        c51 = a.fma(b1, c51);
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
                    for (int r = 0; r < ImplicitIm2col.MR && ob + r < opg; r++) {
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
}
