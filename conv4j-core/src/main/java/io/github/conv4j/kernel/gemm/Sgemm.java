package io.github.conv4j.kernel.gemm;

/**
 * Single-precision general matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on row-major {@code float[]}
 * matrices with offsets and leading dimensions (the BLAS {@code sgemm} contract, in row-major order).
 *
 * <p><b>Shapes.</b> op(A) is {@code m x k}, op(B) is {@code k x n}, C is {@code m x n}. Element (i, j) of a row-major
 * matrix {@code X} stored at offset {@code xOff} with leading dimension {@code ldx} is {@code x[xOff + i*ldx + j]}.
 * Without transposition A is stored {@code m x k} ({@code lda >= k}); with {@code transA}, A is stored
 * {@code k x m} ({@code lda >= m}) and op(A) = A<sup>T</sup>. Likewise B is stored {@code k x n} ({@code ldb >= n})
 * or, with {@code transB}, {@code n x k} ({@code ldb >= k}). {@code ldc >= n}. Leading dimensions are at least 1.
 *
 * <p><b>Semantics.</b> As BLAS: when {@code beta == 0}, C is not read (NaN or garbage there is overwritten); when
 * {@code alpha == 0} or {@code k == 0}, A and B are not read and C becomes {@code beta * C}; when {@code m == 0} or
 * {@code n == 0} nothing happens. Otherwise NaN and infinities propagate as in IEEE arithmetic. Elements of C outside
 * the m x n matrix (the gaps when {@code ldc > n}) are never touched.
 *
 * <p><b>Accuracy and determinism.</b> Each element is a float sum of its k products with one rounding per
 * multiply-add, in a fixed order (k in ascending blocks of at most 256; see {@code ReferenceGemm} for the error bound
 * the tests hold it to). Within a block the order is ascending, except in the last {@code n mod 16} columns when
 * there are at most 8 of them and A is not transposed: those are sixteen interleaved chains summed as a tree
 * ({@code ColumnTail}), which meets the same bound; {@link #multiplyColumnStable} keeps the ascending order there too,
 * for callers whose column splits vary. The result is bit-identical for every {@code Parallel} thread count, and
 * identical whether the Vector API kernel or the scalar fallback runs.
 *
 * <p><b>Speed.</b> Packed, cache-blocked, with a register-blocked {@code jdk.incubator.vector} FMA micro-kernel when
 * the JVM was started with {@code --add-modules=jdk.incubator.vector}, and a scalar kernel otherwise; tiles of C run in
 * parallel on {@link io.github.conv4j.kernel.parallel.Parallel}. Thread-safe; packing buffers are kept per thread.
 *
 * <pre>{@code
 * // C (2x2) = A (2x3) * B (3x2)
 * float[] a = {1, 2, 3, 4, 5, 6};
 * float[] b = {7, 8, 9, 10, 11, 12};
 * float[] c = new float[4];
 * Sgemm.multiply(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2); // c = {58, 64, 139, 154}
 * }</pre>
 */
public final class Sgemm {
    private Sgemm() {}

    /**
     * Computes {@code C = alpha * op(A) * op(B) + beta * C}; see the class description for shapes and semantics.
     *
     * @param transA whether op(A) = A<sup>T</sup> (A stored k x m) instead of A (stored m x k)
     * @param transB whether op(B) = B<sup>T</sup> (B stored n x k) instead of B (stored k x n)
     * @param m rows of op(A) and C, at least 0
     * @param n columns of op(B) and C, at least 0
     * @param k columns of op(A) and rows of op(B), at least 0
     * @param alpha factor on the product
     * @param a A's elements
     * @param aOff index of A's first element
     * @param lda distance between A's stored rows, at least max(1, stored row length)
     * @param b B's elements
     * @param bOff index of B's first element
     * @param ldb distance between B's stored rows, at least max(1, stored row length)
     * @param beta factor on C's old value; 0 means C is only written
     * @param c C's elements; must not share elements with A or B
     * @param cOff index of C's first element
     * @param ldc distance between C's rows, at least max(1, n)
     * @throws IllegalArgumentException if a size is negative, an array is null or too short for its matrix, a leading
     *     dimension is too small, or C overlaps A or B; nothing is written then
     */
    public static void multiply(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        multiplyColumnStableIf(false, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * As {@link #multiply(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[],
     * int, int) the general form}, but every column of C is summed in ascending order within each depth block, so its
     * bits do not depend on {@code n} (nor on where the column sits): for callers that cut the columns of one product
     * into pieces whose widths may vary, e.g. with the thread count, and must still give the same bits. Without the
     * dot-product tail the last {@code n mod 16} columns cost a whole vector of C per row.
     *
     * <p>Example: {@code Sgemm.multiplyColumnStable(false, false, m, 49, k, 1f, a, 0, k, b, 0, 49, 0f, c, 0, 49)}
     * gives column 48 the same bits as any product with more columns that contains it.
     *
     * @throws IllegalArgumentException as the general form
     */
    public static void multiplyColumnStable(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        multiplyColumnStableIf(true, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #multiplyColumnStable} when {@code stable}, else the general form: for callers that learn only at run time
     * whether the column counts of their products can vary (Winograd's chunks do with the thread count unless there is
     * one).
     *
     * @param stable whether every column must be summed in ascending order
     * @throws IllegalArgumentException as the general form
     */
    public static void multiplyColumnStableIf(
            boolean stable,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        MicroKernel kernel = GemmKernels.forShape(m, stable ? n : n - ColumnTail.columns(transA, n));
        multiply(kernel, !stable, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Computes {@code C = A * B} for dense row-major matrices starting at index 0: A is m x k, B is k x n, and C
     * (m x n) is overwritten.
     *
     * <p>Example: {@code Sgemm.multiply(2, 2, 3, a, b, c)} gives the product in the class example.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A and rows of B
     * @param a A, at least {@code m * k} elements
     * @param b B, at least {@code k * n} elements
     * @param c C, at least {@code m * n} elements; its old contents are ignored
     * @throws IllegalArgumentException as {@link #multiply(boolean, boolean, int, int, int, float, float[], int, int,
     *     float[], int, int, float, float[], int, int) the general form}
     */
    public static void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        multiply(false, false, m, n, k, 1f, a, 0, Math.max(1, k), b, 0, Math.max(1, n), 0f, c, 0, Math.max(1, n));
    }

    /**
     * The depth block the GEMM sums over at a time for a depth of {@code k} (at most 256, balanced): a product over
     * depth {@code k} equals, bit for bit, the products over its consecutive blocks of this length added into C one
     * after the other (the first with the caller's beta, the rest with beta 1), which lets a caller build its B one
     * block at a time.
     *
     * <p>Example: {@code Sgemm.depthBlock(2304)} is 256; {@code Sgemm.depthBlock(576)} is 192.
     *
     * @param k the depth, at least 0
     * @return the block length, at least 1 for {@code k > 0}
     */
    public static int depthBlock(int k) {
        return GemmTuning.depthBlock(k);
    }

    /**
     * Names the micro-kernel this JVM uses, for reports: e.g. {@code "vector 4x16"}, or {@code "scalar 4x4"} when
     * the JVM runs without {@code jdk.incubator.vector}. The system property {@code conv4j.gemm.kernel} (read once)
     * forces one of {@code 4x2, 6x2, 4x3, 6x1, 4x1} (rows x vectors) or {@code scalar}, for benchmarking.
     *
     * @return the kernel's name
     */
    public static String kernelName() {
        return GemmKernels.selected().name();
    }

    /** The general form with an explicit kernel, so tests can run every kernel in one JVM. */
    static void multiply(
            MicroKernel kernel,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        multiply(kernel, true, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** With {@code tailAllowed} false, no dot-product tail ({@link #multiplyColumnStable}). */
    private static void multiply(
            MicroKernel kernel,
            boolean tailAllowed,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int tailColumns = tailAllowed ? ColumnTail.columns(transA, n) : 0;
        ColumnTail tail = tailColumns == 0
                ? null
                : ColumnTail.prepare(ColumnTail.selectedKernel(), tailColumns, transB, n, k, b, bOff, ldb);
        if (tailColumns == n) {
            tail.all(m, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
            return;
        }
        int cols = n - tailColumns;
        GemmTuning.Plan plan = GemmTuning.plan(m, cols, k, kernel.mr(), kernel.nr());
        new GemmDriver(
                        kernel,
                        GemmKernels.narrowPartner(kernel),
                        tail,
                        plan,
                        transA,
                        transB,
                        m,
                        cols,
                        k,
                        alpha,
                        a,
                        aOff,
                        lda,
                        b,
                        bOff,
                        ldb,
                        beta,
                        c,
                        cOff,
                        ldc)
                .run();
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }
}
