package io.github.conv4j.kernel.gemm;

/**
 * The micro-kernel used when {@code jdk.incubator.vector} is not in the boot layer. It follows the same arithmetic
 * contract as the vector kernels ({@link Math#fma} in the same order), so results do not depend on whether the module
 * was added; 4 x 4 keeps the 16 accumulators in registers.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 4;

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
        return "scalar 4x4";
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
        int a1 = aOff + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            float b0 = b[bi];
            float b1 = b[bi + 1];
            float b2 = b[bi + 2];
            float b3 = b[bi + 3];
            float x0 = a[aOff + p];
            c00 = Math.fma(x0, b0, c00);
            c01 = Math.fma(x0, b1, c01);
            c02 = Math.fma(x0, b2, c02);
            c03 = Math.fma(x0, b3, c03);
            float x1 = a[a1 + p];
            c10 = Math.fma(x1, b0, c10);
            c11 = Math.fma(x1, b1, c11);
            c12 = Math.fma(x1, b2, c12);
            c13 = Math.fma(x1, b3, c13);
            float x2 = a[a2 + p];
            c20 = Math.fma(x2, b0, c20);
            c21 = Math.fma(x2, b1, c21);
            c22 = Math.fma(x2, b2, c22);
            c23 = Math.fma(x2, b3, c23);
            float x3 = a[a3 + p];
            c30 = Math.fma(x3, b0, c30);
            c31 = Math.fma(x3, b1, c31);
            c32 = Math.fma(x3, b2, c32);
            c33 = Math.fma(x3, b3, c33);
        }
        update(c, cOff, alpha, beta, c00, c01, c02, c03);
        update(c, cOff + ldc, alpha, beta, c10, c11, c12, c13);
        update(c, cOff + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        update(c, cOff + 3 * ldc, alpha, beta, c30, c31, c32, c33);
    }

    private static void update(float[] c, int ci, float alpha, float beta, float x0, float x1, float x2, float x3) {
        if (beta == 0f) {
            c[ci] = alpha * x0;
            c[ci + 1] = alpha * x1;
            c[ci + 2] = alpha * x2;
            c[ci + 3] = alpha * x3;
        } else {
            c[ci] = Math.fma(x0, alpha, beta * c[ci]);
            c[ci + 1] = Math.fma(x1, alpha, beta * c[ci + 1]);
            c[ci + 2] = Math.fma(x2, alpha, beta * c[ci + 2]);
            c[ci + 3] = Math.fma(x3, alpha, beta * c[ci + 3]);
        }
    }
}
