package io.github.conv4j.kernel.gemm;

/**
 * The readable oracle for {@link Sgemm}: the same contract (shapes, offsets, leading dimensions, transposes, BLAS
 * handling of {@code alpha == 0}, {@code k == 0} and {@code beta == 0}), computed with a naive triple loop that
 * accumulates in {@code double} and rounds to float once per element.
 *
 * <p><b>Error bound.</b> Let {@code u = 2^-24} (float32 unit roundoff), {@code gamma(j) = j*u / (1 - j*u)}, and for
 * element (i, j) let {@code S = |alpha| * sum_p |op(A)(i,p)| * |op(B)(p,j)| + |beta| * |C(i,j)|}. Sgemm rounds each
 * product term at most k + 1 times on its way into C (at most {@code ceil(k/blocks)} multiply-adds inside its depth
 * block plus one per block merged into C, and {@code ceil(k/b) + b <= k + 1} for {@code 1 <= b <= k}), so by the
 * standard analysis of a recursive sum (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.1)
 * {@code |sgemm - exact| <= gamma(k + 1) * S}. This method's double arithmetic (k + 2 roundings of 2^-53) and its one
 * final rounding to float keep it within {@code u * S + (k + 2) * 2^-53 * S (1 + u) < 2u * S} of the exact value.
 * Hence {@code |sgemm - reference| <= gamma(k + 1) * S + 2u * S <= gamma(k + 3) * S}, barring overflow and
 * underflow; the tests check exactly that.
 *
 * <p>Example: {@code ReferenceGemm.multiply(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2)} with the
 * matrices of the {@link Sgemm} example gives {@code {58, 64, 139, 154}}.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {}

    /**
     * Computes {@code C = alpha * op(A) * op(B) + beta * C} slowly and accurately; parameters, shapes and exceptions
     * are those of {@link Sgemm#multiply(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int,
     * float, float[], int, int)}.
     *
     * @param transA whether op(A) = A<sup>T</sup> (A stored k x m)
     * @param transB whether op(B) = B<sup>T</sup> (B stored n x k)
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A) and rows of op(B)
     * @param alpha factor on the product
     * @param a A's elements
     * @param aOff index of A's first element
     * @param lda distance between A's stored rows
     * @param b B's elements
     * @param bOff index of B's first element
     * @param ldb distance between B's stored rows
     * @param beta factor on C's old value; 0 means C is only written
     * @param c C's elements
     * @param cOff index of C's first element
     * @param ldc distance between C's rows
     * @throws IllegalArgumentException for the same invalid arguments as Sgemm
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
        GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        boolean readAb = alpha != 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; readAb && p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) aip * bpj;
                }
                int ci = cOff + i * ldc + j;
                double old = beta == 0f ? 0 : (double) beta * c[ci];
                c[ci] = (float) ((double) alpha * sum + old);
            }
        }
    }
}
