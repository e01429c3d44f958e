package io.github.conv4j.kernel.im2col;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ImplicitIm2col}'s register block for vector units with 16 registers (AVX2): 4 output channels × 2 vectors of
 * consecutive output positions, 8 accumulators, 2 input vectors and up to 4 broadcast weights, so C2 keeps every
 * accumulator in a register on JDK 17 and 25 alike (the 6-channel block spills one there, see
 * {@link VectorImplicitIm2col#defaultBlockRows}). A row's last columns, fewer than two vectors, run one vector at a
 * time. Same chains as the other blocks: one fused multiply-add per tap in order, then the bias. Loaded only when
 * {@code Simd.available()}.
 */
final class VectorImplicitIm2colQuad {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    /** Output channels per register block. */
    static final int MR = 4;

    private VectorImplicitIm2colQuad() {}

    /**
     * Output rows {@code [i0, i1)} of one sample and group, all output channels; the parameters are those of {@link
     * VectorImplicitIm2col#rows}, with {@code wpad} packed in blocks of {@link #MR} channels.
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
        float[] edge = new float[MR * LANES];
        for (int i = i0; i < i1; i++) {
            int rowBase = i * rowStep;
            for (int ob = 0; ob < opgPad; ob += MR) {
                int w0 = wOff + ob * taps;
                int dst = yOff + ob * plane + i * outW;
                int j0 = 0;
                for (; j0 + 2 * LANES <= outW; j0 += 2 * LANES) {
                    pair(phases, tapOff, taps, wpad, w0, ob, opg, bias, biasOff, y, dst + j0, plane, rowBase + j0);
                }
                for (; j0 < outW; j0 += LANES) {
                    single(
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
                            dst + j0,
                            plane,
                            rowBase + j0,
                            Math.min(LANES, outW - j0),
                            edge);
                }
            }
        }
    }

    /**
     * 4 channels × 2 whole vectors read from {@code phases[in + tapOff[t]]} and written to {@code y[dst + r·plane]} for
     * block row {@code r}; rows past {@code opg} are dropped.
     */
    private static void pair(
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
            int dst,
            int plane,
            int in) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int t = 0, wt = w0; t < taps; t++, wt += MR) {
            int at = in + tapOff[t];
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
        }
        int rows = Math.min(MR, opg - ob);
        VectorImplicitIm2col.store(c00, c01, bias, biasOff + ob, y, dst);
        if (rows > 1) {
            VectorImplicitIm2col.store(c10, c11, bias, biasOff + ob + 1, y, dst + plane);
        }
        if (rows > 2) {
            VectorImplicitIm2col.store(c20, c21, bias, biasOff + ob + 2, y, dst + 2 * plane);
        }
        if (rows > 3) {
            VectorImplicitIm2col.store(c30, c31, bias, biasOff + ob + 3, y, dst + 3 * plane);
        }
    }

    /**
     * 4 channels × {@code count ≤ LANES} positions read from {@code phases[in + tapOff[t]]} (a whole vector: the
     * phase rows are bordered by two vectors) and written to {@code y[dst + r·plane]}; a partial vector through
     * {@code edge}.
     */
    private static void single(
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
            int dst,
            int plane,
            int in,
            int count,
            float[] edge) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        for (int t = 0, wt = w0; t < taps; t++, wt += MR) {
            FloatVector b0 = FloatVector.fromArray(S, phases, in + tapOff[t]);
            c0 = FloatVector.broadcast(S, wpad[wt]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, wpad[wt + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, wpad[wt + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, wpad[wt + 3]).fma(b0, c3);
        }
        c0.intoArray(edge, 0);
        c1.intoArray(edge, LANES);
        c2.intoArray(edge, 2 * LANES);
        c3.intoArray(edge, 3 * LANES);
        VectorImplicitIm2col.writeEdge(edge, Math.min(MR, opg - ob), bias, biasOff + ob, y, dst, plane, count);
    }
}
