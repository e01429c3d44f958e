package io.github.conv4j.kernel.separable;

/**
 * Exact rank-1 test and factorisation of float kernels: {@code K[p][q] = col[p]·row[q]}.
 *
 * <p>The pivot is the largest-magnitude tap {@code K[p0][q0]}; {@code col[p] = K[p][q0]} and
 * {@code row[q] = K[p0][q] / K[p0][q0]} (so {@code row[q0] = 1}). The kernel is accepted when every tap satisfies
 * {@code |K[p][q] − col[p]·row[q]| ≤ TOLERANCE·max|K|} (computed in double), i.e. the kernel is rank-1 up to a few
 * float roundings of its largest tap. Kernels built as an outer product in float (Gaussian, box, Sobel) pass;
 * genuinely rank-2 kernels, and kernels with NaN or infinite taps, do not. An all-zero kernel factors as zeros.
 *
 * <pre>{@code
 * float[][] f = RankOne.factor(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, 0, 3, 3);
 * // pivot 4: f[0] = {2, 4, 2} (column), f[1] = {0.5, 1, 0.5} (row)
 * }</pre>
 */
public final class RankOne {
    /** Relative tolerance of the rank-1 test, {@code 2⁻²⁰} (16 float ulps of the largest tap). */
    public static final double TOLERANCE = 0x1p-20;

    private RankOne() {}

    /**
     * Factors one {@code kh×kw} kernel.
     *
     * @param w the weight array
     * @param wOff index of the kernel's first tap (row-major)
     * @param kh kernel rows
     * @param kw kernel columns
     * @return {@code {col (kh values), row (kw values)}}, or {@code null} if the kernel is not rank-1
     */
    public static float[][] factor(float[] w, int wOff, int kh, int kw) {
        int pivot = -1;
        float maxAbs = 0;
        for (int i = 0; i < kh * kw; i++) {
            float a = Math.abs(w[wOff + i]);
            if (!Float.isFinite(a)) {
                return null;
            }
            if (a > maxAbs) {
                maxAbs = a;
                pivot = i;
            }
        }
        float[] col = new float[kh];
        float[] row = new float[kw];
        if (pivot < 0) {
            return new float[][] {col, row};
        }
        int p0 = pivot / kw;
        int q0 = pivot % kw;
        float piv = w[wOff + pivot];
        for (int p = 0; p < kh; p++) {
            col[p] = w[wOff + p * kw + q0];
        }
        for (int q = 0; q < kw; q++) {
            row[q] = w[wOff + p0 * kw + q] / piv;
        }
        double tol = TOLERANCE * maxAbs;
        for (int p = 0; p < kh; p++) {
            for (int q = 0; q < kw; q++) {
                if (Math.abs(w[wOff + p * kw + q] - (double) col[p] * row[q]) > tol) {
                    return null;
                }
            }
        }
        return new float[][] {col, row};
    }
}
