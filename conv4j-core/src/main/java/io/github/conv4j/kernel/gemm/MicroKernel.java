package io.github.conv4j.kernel.gemm;

/**
 * The register-blocked inner kernel of the blocked GEMM: one {@code mr() x nr()} block of C from an A block and a
 * packed B panel.
 *
 * <p>A is read as {@code mr()} rows of {@code kc} floats, row i starting at {@code aOff + i * lda}: either the
 * caller's own row-major A (no packing needed) or a packed copy. B is a packed panel, {@code nr()} floats per depth
 * step p starting at {@code bOff + p * nr()}.
 *
 * <p>Contract, which every implementation must follow exactly so that all kernels give bit-identical results: for
 * each {@code i < mr()}, {@code j < nr()}, the accumulator starts at {@code +0.0f} and takes
 * {@code acc = fma(a[aOff + i*lda + p], b[bOff + p*nr() + j], acc)} for {@code p = 0 .. kc-1} in that order; then
 * {@code c[cOff + i*ldc + j]} becomes {@code alpha * acc} when {@code beta == 0} (C is not read, so NaN there is
 * overwritten) and {@code fma(acc, alpha, beta * c)} otherwise. Implementations keep all state in locals; they are
 * stateless and shared between threads.
 */
interface MicroKernel {
    /** Rows of C per call. */
    int mr();

    /** Columns of C per call (the width of a packed B panel). */
    int nr();

    /** A short name for reports and benchmark notes, e.g. {@code "vector 4x16"}. */
    String name();

    /**
     * One block of C as the class contract says. The vector kernels can run {@code beta == 0} as an addition of
     * {@code -0.0} instead of a branch of its own ({@link GemmTuning#ONE_UPDATE}, JDK 17).
     */
    void multiply(
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
            int ldc);

    /**
     * A row of {@code n} negative zeros: what the vector kernels read instead of C when {@code beta == 0} and
     * {@link GemmTuning#ONE_UPDATE} holds (adding {@code -0.0} keeps every float, {@code -0.0} included).
     *
     * @param n the row's length (the kernel's {@link #nr()})
     * @return a new array of {@code n} floats {@code -0.0f}
     */
    static float[] minusZeros(int n) {
        float[] z = new float[n];
        java.util.Arrays.fill(z, -0f);
        return z;
    }
}
