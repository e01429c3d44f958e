package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

/**
 * One GEMM problem for the tests: shapes, transposes, scalars, offsets and padded leading dimensions, with seeded
 * random contents. Gaps of A and B (padding between rows, space before the offset) hold NaN, so reading them would
 * show up as NaN in C; gaps of C hold a sentinel that must survive.
 */
record GemmCase(
        boolean transA,
        boolean transB,
        int m,
        int n,
        int k,
        float alpha,
        float beta,
        int aOff,
        int aPad,
        int bOff,
        int bPad,
        int cOff,
        int cPad,
        long seed) {

    /** The float32 unit roundoff, 2^-24. */
    static final double U = Math.scalb(1.0, -24);

    static final float C_GAP = -12345.5f;

    static GemmCase dense(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, long seed) {
        return new GemmCase(transA, transB, m, n, k, alpha, beta, 0, 0, 0, 0, 0, 0, seed);
    }

    int lda() {
        return Math.max(1, (transA ? m : k) + aPad);
    }

    int ldb() {
        return Math.max(1, (transB ? k : n) + bPad);
    }

    int ldc() {
        return Math.max(1, n + cPad);
    }

    /** Matrices with their gaps; C starts as random values, or NaN garbage when beta is 0 (BLAS must ignore it). */
    Data data() {
        Random r = new Random(seed);
        float[] a = matrix(r, aOff, transA ? k : m, transA ? m : k, lda(), Float.NaN);
        float[] b = matrix(r, bOff, transB ? n : k, transB ? k : n, ldb(), Float.NaN);
        float[] c = matrix(r, cOff, m, n, ldc(), C_GAP);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc(), cOff + i * ldc() + n, Float.NaN);
            }
        }
        return new Data(a, b, c);
    }

    private static float[] matrix(Random r, int off, int rows, int cols, int ld, float gap) {
        int length = off + (rows == 0 ? 0 : (rows - 1) * ld + cols) + 3;
        float[] x = new float[length];
        Arrays.fill(x, gap);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[off + i * ld + j] = 2 * r.nextFloat() - 1;
            }
        }
        return x;
    }

    void runSgemm(Data d, float[] c) {
        Sgemm.multiply(transA, transB, m, n, k, alpha, d.a(), aOff, lda(), d.b(), bOff, ldb(), beta, c, cOff, ldc());
    }

    void runKernel(MicroKernel kernel, Data d, float[] c) {
        Sgemm.multiply(
                kernel, transA, transB, m, n, k, alpha, d.a(), aOff, lda(), d.b(), bOff, ldb(), beta, c, cOff, ldc());
    }

    void runPlan(MicroKernel kernel, GemmTuning.Plan plan, Data d, float[] c) {
        runPlan(kernel, GemmKernels.narrowPartner(kernel), plan, d, c);
    }

    /** Runs the driver with an explicit narrow partner for one-vector last panels ({@code null}: none). */
    void runPlan(MicroKernel kernel, MicroKernel narrow, GemmTuning.Plan plan, Data d, float[] c) {
        new GemmDriver(
                        kernel, narrow, null, plan, transA, transB, m, n, k, alpha, d.a(), aOff, lda(), d.b(), bOff,
                        ldb(), beta, c, cOff, ldc())
                .run();
    }

    float[] reference(Data d) {
        float[] c = d.c().clone();
        ReferenceGemm.multiply(
                transA, transB, m, n, k, alpha, d.a(), aOff, lda(), d.b(), bOff, ldb(), beta, c, cOff, ldc());
        return c;
    }

    /**
     * Asserts {@code |actual - reference| <= gamma(k + 3) * S} element by element, with
     * {@code S = |alpha| sum_p |op(A)(i,p)| |op(B)(p,j)| + |beta| |C0(i,j)|} (derivation in {@link ReferenceGemm}),
     * that non-finite results match the reference exactly, and that C's gaps are untouched.
     */
    void assertMatchesReference(Data d, float[] actual) {
        expectation(d).assertMatches(actual);
    }

    /** The reference result and the error bound of every element, computed once for checking several results. */
    Expectation expectation(Data d) {
        float[] expected = reference(d);
        double gamma = (k + 3) * U / (1 - (k + 3) * U);
        double[] bound = new double[expected.length];
        float[] a = d.a();
        float[] b = d.b();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc() + j;
                double s = 0;
                for (int p = 0; alpha != 0f && p < k; p++) {
                    double aip = transA ? a[aOff + p * lda() + i] : a[aOff + i * lda() + p];
                    double bpj = transB ? b[bOff + j * ldb() + p] : b[bOff + p * ldb() + j];
                    s += Math.abs(aip * bpj);
                }
                s = Math.abs(alpha) * s + (beta == 0f ? 0 : Math.abs(beta) * Math.abs(d.c()[ci]));
                bound[ci] = gamma * s;
            }
        }
        return new Expectation(this, d, expected, bound);
    }

    record Expectation(GemmCase cs, Data d, float[] expected, double[] bound) {
        void assertMatches(float[] actual) {
            for (int i = 0; i < cs.m; i++) {
                for (int j = 0; j < cs.n; j++) {
                    int ci = cs.cOff + i * cs.ldc() + j;
                    float want = expected[ci];
                    float got = actual[ci];
                    if (!Float.isFinite(want) || !Float.isFinite(got)) {
                        // Compared as canonical bits, so that NaN matches NaN.
                        assertThat(Float.floatToIntBits(got))
                                .as("C(%d,%d) = %s, reference %s, in %s", i, j, got, want, cs)
                                .isEqualTo(Float.floatToIntBits(want));
                    } else {
                        assertThat(Math.abs((double) got - want))
                                .as(
                                        "|C(%d,%d) - reference| = |%s - %s|, bound %s, in %s",
                                        i, j, got, want, bound[ci], cs)
                                .isLessThanOrEqualTo(bound[ci]);
                    }
                }
            }
            cs.assertGapsUntouched(d, actual);
        }
    }

    void assertGapsUntouched(Data d, float[] actual) {
        boolean[] inside = new boolean[actual.length];
        for (int i = 0; i < m; i++) {
            Arrays.fill(inside, cOff + i * ldc(), cOff + i * ldc() + n, true);
        }
        for (int x = 0; x < actual.length; x++) {
            if (!inside[x]) {
                assertThat(actual[x]).as("C gap element %d in %s", x, this).isEqualTo(d.c()[x]);
            }
        }
    }

    @Override
    public String toString() {
        return (transA ? "A^T" : "A") + (transB ? "B^T" : "B") + " " + m + "x" + n + "x" + k + " alpha=" + alpha
                + " beta=" + beta + " off=" + aOff + "/" + bOff + "/" + cOff + " pad=" + aPad + "/" + bPad + "/" + cPad;
    }

    record Data(float[] a, float[] b, float[] c) {}
}
