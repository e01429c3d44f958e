package io.github.conv4j.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel of 6 rows x 2 vectors of {@link FloatVector#SPECIES_PREFERRED} (6 x 16 floats with AVX2,
 * 6 x 32 with AVX-512): 12 accumulators + 2 B vectors + 1 broadcast = 15 registers, the fewest loads per FMA of
 * these shapes. The fastest with AVX-512's 32 registers; with AVX2's 16, JDK 17's C2 spills it to half speed.
 *
 * <p>Follows the {@link MicroKernel} contract. The accumulators are plain locals written out in full (no arrays, no
 * helper taking vectors) and A is broadcast inside the k-loop: both keep C2 from boxing vectors, which costs an order
 * of magnitude. Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorKernel6x2 implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    /** What C reads as where it is not read ({@code beta == 0}): one row of {@code -0.0f}. */
    private static final float[] MINUS_ZEROS = MicroKernel.minusZeros(NR);

    @Override
    public String name() {
        return "vector 6x" + NR;
    }

    @Override
    public void multiply(
            int kc,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            float alpha,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
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
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
        }
        // After the loop, so that they take none of its registers. C is read only when beta != 0; with beta == 0,
        // C = alpha·acc by multiplies of its own, or by adding -0.0 (which keeps every value) where ONE_UPDATE holds.
        boolean overwrite = beta == 0f;
        float[] src = overwrite ? MINUS_ZEROS : c;
        int sOff = overwrite ? 0 : cOff;
        int sld = overwrite ? 0 : ldc;
        float scale = overwrite ? 1f : beta;
        FloatVector alphaV = FloatVector.broadcast(S, alpha);
        if (overwrite && !GemmTuning.ONE_UPDATE) {
            c00.mul(alphaV).intoArray(c, cOff);
            c01.mul(alphaV).intoArray(c, cOff + L);
            c10.mul(alphaV).intoArray(c, cOff + ldc);
            c11.mul(alphaV).intoArray(c, cOff + ldc + L);
            c20.mul(alphaV).intoArray(c, cOff + 2 * ldc);
            c21.mul(alphaV).intoArray(c, cOff + 2 * ldc + L);
            c30.mul(alphaV).intoArray(c, cOff + 3 * ldc);
            c31.mul(alphaV).intoArray(c, cOff + 3 * ldc + L);
            c40.mul(alphaV).intoArray(c, cOff + 4 * ldc);
            c41.mul(alphaV).intoArray(c, cOff + 4 * ldc + L);
            c50.mul(alphaV).intoArray(c, cOff + 5 * ldc);
            c51.mul(alphaV).intoArray(c, cOff + 5 * ldc + L);
            return;
        }
        FloatVector betaV = FloatVector.broadcast(S, scale);
        c00.fma(alphaV, FloatVector.fromArray(S, src, sOff).mul(betaV)).intoArray(c, cOff);
        c01.fma(alphaV, FloatVector.fromArray(S, src, sOff + L).mul(betaV)).intoArray(c, cOff + L);
        c10.fma(alphaV, FloatVector.fromArray(S, src, sOff + sld).mul(betaV)).intoArray(c, cOff + ldc);
        c11.fma(alphaV, FloatVector.fromArray(S, src, sOff + sld + L).mul(betaV))
                .intoArray(c, cOff + ldc + L);
        c20.fma(alphaV, FloatVector.fromArray(S, src, sOff + 2 * sld).mul(betaV))
                .intoArray(c, cOff + 2 * ldc);
        c21.fma(alphaV, FloatVector.fromArray(S, src, sOff + 2 * sld + L).mul(betaV))
                .intoArray(c, cOff + 2 * ldc + L);
        c30.fma(alphaV, FloatVector.fromArray(S, src, sOff + 3 * sld).mul(betaV))
                .intoArray(c, cOff + 3 * ldc);
        c31.fma(alphaV, FloatVector.fromArray(S, src, sOff + 3 * sld + L).mul(betaV))
                .intoArray(c, cOff + 3 * ldc + L);
        c40.fma(alphaV, FloatVector.fromArray(S, src, sOff + 4 * sld).mul(betaV))
                .intoArray(c, cOff + 4 * ldc);
        c41.fma(alphaV, FloatVector.fromArray(S, src, sOff + 4 * sld + L).mul(betaV))
                .intoArray(c, cOff + 4 * ldc + L);
        c50.fma(alphaV, FloatVector.fromArray(S, src, sOff + 5 * sld).mul(betaV))
                .intoArray(c, cOff + 5 * ldc);
        c51.fma(alphaV, FloatVector.fromArray(S, src, sOff + 5 * sld + L).mul(betaV))
                .intoArray(c, cOff + 5 * ldc + L);
    }
}
