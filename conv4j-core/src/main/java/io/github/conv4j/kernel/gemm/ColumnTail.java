package io.github.conv4j.kernel.gemm;

import io.github.conv4j.kernel.parallel.Parallel;

/**
 * The last {@code n mod 16} columns of C, when there are at most {@link GemmTuning#TAIL_MAX_COLUMNS} of them and A is
 * not transposed, computed as dot products along the depth ({@link TailKernel}) instead of by the register-blocked
 * kernels, which would compute a whole vector of C per row for them: a 7×7 output plane has 49 columns, and its last
 * one cost as much as the sixteen before it. Here a column costs about {@code 1/16} of a vector column. The driver
 * runs the tail in the tile holding the last columns, for each depth block right after the tile's own columns, while
 * that block of A is still in the caches ({@link #rows}).
 *
 * <p>The tail's columns are fixed by {@code n} alone (never by the thread count, the tiling or the kernel), and each is
 * summed per depth block of {@link GemmTuning#depthBlock} in the tail kernel's order, then added into C with the same
 * update as the micro-kernels ({@code alpha * x} for the first block when {@code beta == 0}, else
 * {@code fma(x, alpha, beta' * c)}).
 *
 * @param kernel the dot-product kernel
 * @param first the tail's first column of C
 * @param count the tail's columns
 * @param cols the columns of op(B), each contiguous along the depth
 * @param colsOff column {@code first}'s first element in {@code cols}
 * @param colStride distance between consecutive columns in {@code cols}
 */
record ColumnTail(TailKernel kernel, int first, int count, float[] cols, int colsOff, int colStride) {
    /** Per thread: the tail's columns of op(B) packed along the depth (calling thread), one block's sums (workers). */
    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[0]);

    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[TailKernel.ROWS]);

    /** Columns of C at the end the tail computes for this problem; 0 when the register-blocked kernels take them all. */
    static int columns(boolean transA, int n) {
        int tail = n % TailKernel.CHAINS;
        return !transA && tail <= GemmTuning.TAIL_MAX_COLUMNS ? tail : 0;
    }

    /**
     * The tail of a problem whose last {@code count} columns ({@link #columns}, at least 1) it computes: with op(B)
     * transposed its columns are B's rows, read in place; otherwise they are packed here, on the calling thread, into
     * a buffer kept for the thread (so the tail must be used before this thread prepares another).
     */
    static ColumnTail prepare(
            TailKernel kernel, int count, boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        int first = n - count;
        if (transB) {
            return new ColumnTail(kernel, first, count, b, bOff + first * ldb, ldb);
        }
        float[] cols = PACKED.get();
        if (cols.length < count * k) {
            cols = new float[count * k];
            PACKED.set(cols);
        }
        for (int j = 0; j < count; j++) {
            for (int p = 0; p < k; p++) {
                cols[j * k + p] = b[bOff + p * ldb + first + j];
            }
        }
        return new ColumnTail(kernel, first, count, cols, 0, k);
    }

    /** The tail kernel this JVM uses: 16-float vectors when the preferred species has them, else the scalar one. */
    static TailKernel selectedKernel() {
        return Selected.KERNEL;
    }

    /**
     * Adds depth block {@code [p0, p0 + depth)} of rows {@code [i0, i0 + rows)} of the tail's columns into C, with
     * {@code blockBeta} the beta of that block (the caller's for the first block, 1 after). A is read in place.
     */
    void rows(
            int i0,
            int rows,
            int p0,
            int depth,
            float alpha,
            float blockBeta,
            float[] a,
            int aOff,
            int lda,
            float[] c,
            int cOff,
            int ldc) {
        float[] sums = SUMS.get();
        for (int r = 0; r < rows; r += TailKernel.ROWS) {
            int mb = Math.min(TailKernel.ROWS, rows - r);
            int aAt = aOff + (i0 + r) * lda + p0;
            // Columns inner: the rows' block of A (six rows of one depth block) stays in L1 for all of them.
            for (int j = 0; j < count; j++) {
                kernel.dot(depth, mb, a, aAt, lda, cols, colsOff + j * colStride + p0, sums);
                int ci = cOff + (i0 + r) * ldc + first + j;
                for (int i = 0; i < mb; i++) {
                    int at = ci + i * ldc;
                    c[at] = blockBeta == 0f ? alpha * sums[i] : Math.fma(sums[i], alpha, blockBeta * c[at]);
                }
            }
        }
    }

    /** The whole problem when every column is in the tail: row blocks in parallel, each over all depth blocks. */
    void all(int m, int k, float alpha, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        int kc = GemmTuning.depthBlock(k);
        int blocks = GemmTuning.ceilDiv(m, TailKernel.ROWS);
        long fmasPerBlock = (long) TailKernel.ROWS * count * k;
        int grain = (int) Math.max(1, GemmTuning.MIN_CHUNK_FMAS / fmasPerBlock);
        Parallel.forRange(blocks, grain, (from, to) -> {
            int i0 = from * TailKernel.ROWS;
            int rows = Math.min(m, to * TailKernel.ROWS) - i0;
            for (int p0 = 0; p0 < k; p0 += kc) {
                int depth = Math.min(kc, k - p0);
                rows(i0, rows, p0, depth, alpha, p0 == 0 ? beta : 1f, a, aOff, lda, c, cOff, ldc);
            }
        });
    }

    /**
     * Holder: the choice (and the reflective load of a vector kernel) happens on first use. Sixteen-float vectors run
     * {@link VectorTailKernel}, eight-float ones {@link VectorTailKernel8}; without the module, the scalar kernel.
     */
    private static final class Selected {
        static final TailKernel KERNEL = choose(GemmKernels.vectorLanes());

        private static TailKernel choose(int lanes) {
            if (lanes == TailKernel.CHAINS) {
                return vectorKernel("VectorTailKernel");
            }
            if (lanes == TailKernel.CHAINS / 2) {
                return vectorKernel("VectorTailKernel8");
            }
            return new ScalarTailKernel();
        }
    }

    /**
     * The vector tail kernel class {@code simpleName} of this package; the caller has checked that the module is
     * present.
     */
    static TailKernel vectorKernel(String simpleName) {
        try {
            return Class.forName(ColumnTail.class.getPackageName() + "." + simpleName)
                    .asSubclass(TailKernel.class)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + simpleName, e);
        }
    }
}
