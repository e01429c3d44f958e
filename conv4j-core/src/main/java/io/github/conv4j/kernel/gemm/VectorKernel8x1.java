package io.github.conv4j.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel of 8 rows x 1 vector of {@link FloatVector#SPECIES_PREFERRED} (8 x 8 floats with AVX2,
 * 8 x 16 with AVX-512): 8 accumulators, 1 B vector and 8 broadcasts per step: more loads per FMA than 4 x 2 vectors, narrower B panels.
 *
 * <p>Follows the {@link MicroKernel} contract. The accumulators are plain locals written out in full (no arrays, no
 * helper taking vectors) and A is broadcast inside the k-loop: both keep C2 from boxing vectors, which costs an order
 * of magnitude. Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorKernel8x1 implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 1 * L;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "vector 8x" + NR;
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
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            FloatVector x4 = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            FloatVector x5 = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
            FloatVector x6 = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60);
            FloatVector x7 = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70);
        }
        FloatVector alphaV = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(alphaV).intoArray(c, cOff);
            c10.mul(alphaV).intoArray(c, cOff + ldc);
            c20.mul(alphaV).intoArray(c, cOff + 2 * ldc);
            c30.mul(alphaV).intoArray(c, cOff + 3 * ldc);
            c40.mul(alphaV).intoArray(c, cOff + 4 * ldc);
            c50.mul(alphaV).intoArray(c, cOff + 5 * ldc);
            c60.mul(alphaV).intoArray(c, cOff + 6 * ldc);
            c70.mul(alphaV).intoArray(c, cOff + 7 * ldc);
        } else {
            FloatVector betaV = FloatVector.broadcast(S, beta);
            c00.fma(alphaV, FloatVector.fromArray(S, c, cOff).mul(betaV)).intoArray(c, cOff);
            c10.fma(alphaV, FloatVector.fromArray(S, c, cOff + ldc).mul(betaV)).intoArray(c, cOff + ldc);
            c20.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc).mul(betaV))
                    .intoArray(c, cOff + 2 * ldc);
            c30.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc).mul(betaV))
                    .intoArray(c, cOff + 3 * ldc);
            c40.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc).mul(betaV))
                    .intoArray(c, cOff + 4 * ldc);
            c50.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc).mul(betaV))
                    .intoArray(c, cOff + 5 * ldc);
            c60.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc).mul(betaV))
                    .intoArray(c, cOff + 6 * ldc);
            c70.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc).mul(betaV))
                    .intoArray(c, cOff + 7 * ldc);
        }
    }
}
