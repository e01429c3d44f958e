package io.github.conv4j.nn;

/**
 * A small dense Cholesky solver for symmetric positive-definite systems (the normal equations of
 * {@link KernelFit}); the core has no dependencies, and the systems have at most a few hundred unknowns.
 */
final class Cholesky {
    private Cholesky() {}

    /**
     * Factors {@code A = L·Lᵀ}, reading only the lower triangle of {@code a}.
     *
     * @param a row-major {@code n×n}, lower triangle filled
     * @param n the size
     * @param op the operation named in errors
     * @return {@code L}, row-major lower triangular
     * @throws IllegalArgumentException if {@code A} is not (numerically) positive definite
     */
    static double[] factor(double[] a, int n, String op) {
        double[] l = new double[n * n];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, a[i * n + i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    // A pivot this small relative to the largest diagonal entry means the patches do not determine
                    // the kernel: a rank-deficient design matrix.
                    if (!(s > 1e-12 * maxDiag)) {
                        throw new IllegalArgumentException(op + ": the input does not determine the kernel (the"
                                + " least-squares system is singular at unknown " + i + "); use a more varied"
                                + " input or ridge > 0");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return l;
    }

    /** Solves {@code L·Lᵀ·x = b} in place. */
    static void solve(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }
}
