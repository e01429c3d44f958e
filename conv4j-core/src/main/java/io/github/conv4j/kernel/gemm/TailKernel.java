package io.github.conv4j.kernel.gemm;

/**
 * Dot products for the last few columns of C ({@link ColumnTail}): a block of up to {@link #ROWS} rows of A against
 * one column of op(B), both contiguous along the depth, summed as {@link #CHAINS} interleaved chains.
 *
 * <p>Contract, which every implementation follows exactly so that all give bit-identical results: for row
 * {@code i < rows}, chain {@code l < CHAINS} starts at {@code +0.0f} and takes {@code s_l = fma(a[aOff + i*lda + p],
 * b[bOff + p], s_l)} for {@code p = l, l + CHAINS, …} below {@code kc} rounded up to a multiple of {@code CHAINS}, with
 * both factors taken as 0 for {@code p >= kc}; then the chains are summed as a tree: {@code s_l += s_(l + h)} for
 * {@code l < h}, for {@code h = 8, 4, 2, 1} in turn, and {@code out[i] = s_0}. Stateless and shared between threads.
 */
interface TailKernel {
    /** Interleaved chains per dot product: one 16-float vector, so AVX-512 runs each step in one instruction. */
    int CHAINS = 16;

    /** The most rows per call. */
    int ROWS = 6;

    /**
     * Computes {@code rows} dot products of length {@code kc}.
     *
     * @param kc the depth, at least 1
     * @param rows rows of A, 1 to {@link #ROWS}
     * @param a A's elements, row {@code i} from {@code aOff + i * lda}
     * @param aOff the first row's first element
     * @param lda distance between A's rows
     * @param b the column of op(B), {@code kc} floats from {@code bOff}
     * @param bOff the column's first element
     * @param out receives the {@code rows} sums from index 0
     */
    void dot(int kc, int rows, float[] a, int aOff, int lda, float[] b, int bOff, float[] out);
}
