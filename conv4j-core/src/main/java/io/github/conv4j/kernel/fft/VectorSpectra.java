package io.github.conv4j.kernel.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The spectrum product of {@link FftConv2d} with the Vector API: the sum over input channels runs innermost with
 * the accumulator in registers, so each channel costs four loads per bin instead of four loads and two
 * read-modify-writes of the accumulator. Only loaded when the incubator module is present (see {@link FftSimd}).
 */
final class VectorSpectra {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorSpectra() {}

    /**
     * {@code acc[s] = Σ_{c<channels} X[c·len + s]·conj(K[kOff + c·len + s])} for {@code s < len}, complex, split
     * re/im.
     */
    static void accumulate(
            float[] ar, float[] ai, float[] xr, float[] xi, float[] kr, float[] ki, int kOff, int len, int channels) {
        int bound = S.loopBound(len);
        for (int s = 0; s < bound; s += S.length()) {
            FloatVector re = FloatVector.zero(S);
            FloatVector imPlus = FloatVector.zero(S);
            FloatVector imMinus = FloatVector.zero(S);
            for (int c = 0; c < channels; c++) {
                int x = c * len + s;
                int k = kOff + c * len + s;
                FloatVector a = FloatVector.fromArray(S, xr, x);
                FloatVector b = FloatVector.fromArray(S, xi, x);
                FloatVector p = FloatVector.fromArray(S, kr, k);
                FloatVector q = FloatVector.fromArray(S, ki, k);
                re = a.fma(p, re);
                re = b.fma(q, re);
                imPlus = b.fma(p, imPlus);
                imMinus = a.fma(q, imMinus);
            }
            re.intoArray(ar, s);
            imPlus.sub(imMinus).intoArray(ai, s);
        }
        for (int s = bound; s < len; s++) {
            float re = 0;
            float im = 0;
            for (int c = 0; c < channels; c++) {
                int x = c * len + s;
                int k = kOff + c * len + s;
                re += xr[x] * kr[k] + xi[x] * ki[k];
                im += xi[x] * kr[k] - xr[x] * ki[k];
            }
            ar[s] = re;
            ai[s] = im;
        }
    }
}
