package io.github.conv4j.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel of 4 rows x 1 vector of {@link FloatVector#SPECIES_PREFERRED}: the narrow partner of
 * {@link VectorKernel4x2} and {@link VectorKernel4x3} for panels of C at most one vector wide (see
 * {@link VectorKernel6x1}).
 *
 * <p>Follows the {@link MicroKernel} contract, so its results are bit-identical to the wide kernel's on the same
 * columns. Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorKernel4x1 implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int MR = 4;
    private static final int NR = S.length();

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
        return "vector 4x" + NR;
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
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + p * NR);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(b0, c3);
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
            c0.mul(alphaV).intoArray(c, cOff);
            c1.mul(alphaV).intoArray(c, cOff + ldc);
            c2.mul(alphaV).intoArray(c, cOff + 2 * ldc);
            c3.mul(alphaV).intoArray(c, cOff + 3 * ldc);
            return;
        }
        FloatVector betaV = FloatVector.broadcast(S, scale);
        c0.fma(alphaV, FloatVector.fromArray(S, src, sOff).mul(betaV)).intoArray(c, cOff);
        c1.fma(alphaV, FloatVector.fromArray(S, src, sOff + sld).mul(betaV)).intoArray(c, cOff + ldc);
        c2.fma(alphaV, FloatVector.fromArray(S, src, sOff + 2 * sld).mul(betaV)).intoArray(c, cOff + 2 * ldc);
        c3.fma(alphaV, FloatVector.fromArray(S, src, sOff + 3 * sld).mul(betaV)).intoArray(c, cOff + 3 * ldc);
    }
}
