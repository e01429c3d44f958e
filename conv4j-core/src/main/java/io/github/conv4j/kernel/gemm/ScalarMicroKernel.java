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
            int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR;
            int bi = bOff + p * NR;
            float b0 = b[bi];
            float b1 = b[bi + 1];
            float b2 = b[bi + 2];
            float b3 = b[bi + 3];
            float a0 = a[ai];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            float a1 = a[ai + 1];
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            float a2 = a[ai + 2];
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            float a3 = a[ai + 3];
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
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
