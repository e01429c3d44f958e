package io.github.conv4j.kernel.gemm;

/**
 * The register-blocked inner kernel of the blocked GEMM: one {@code mr() x nr()} block of C from packed panels.
 *
 * <p>Contract, which every implementation must follow exactly so that all kernels give bit-identical results: for
 * each {@code i < mr()}, {@code j < nr()}, the accumulator starts at {@code +0.0f} and takes
 * {@code acc = fma(a[aOff + p*mr() + i], b[bOff + p*nr() + j], acc)} for {@code p = 0 .. kc-1} in that order; then
 * {@code c[cOff + i*ldc + j]} becomes {@code alpha * acc} when {@code beta == 0} (C is not read, so NaN there is
 * overwritten) and {@code fma(acc, alpha, beta * c)} otherwise. Implementations keep all state in locals; they are
 * stateless and shared between threads.
 */
interface MicroKernel {
    /** Rows of C per call (the height of a packed A panel). */
    int mr();

    /** Columns of C per call (the width of a packed B panel). */
    int nr();

    /** A short name for reports and benchmark notes, e.g. {@code "vector 4x16"}. */
    String name();

    void multiply(
            int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc);
}
