package io.github.conv4j.kernel.pool;

import io.github.conv4j.kernel.simd.Simd;

/**
 * Row steps of separable pooling: reduce the window's input rows column by column, then reduce each window along
 * the row. Max uses {@code Math.max} (NaN wins), sums add in increasing row and column order; the Vector API and
 * scalar paths run the same operations in the same order.
 */
final class PoolRows {
    private PoolRows() {}

    /** {@code v[vOff + c] = op over r < n of x[offs[r] + c]}, {@code c < len}; {@code n ≥ 1}. */
    static void reduceRows(boolean max, float[] x, int[] offs, int n, float[] v, int vOff, int len, boolean vector) {
        int c0 = vector && Simd.available() ? VectorPoolRows.reduceRows(max, x, offs, n, v, vOff, len) : 0;
        for (int c = c0; c < len; c++) {
            float acc = x[offs[0] + c];
            for (int r = 1; r < n; r++) {
                float e = x[offs[r] + c];
                acc = max ? Math.max(acc, e) : acc + e;
            }
            v[vOff + c] = acc;
        }
    }

    /** {@code d[dOff + j] = op over q < kw of v[j + q·dw]}, {@code j < len}. */
    static void reduceWindow(boolean max, float[] v, int kw, int dw, float[] d, int dOff, int len, boolean vector) {
        int j0 = vector && Simd.available() ? VectorPoolRows.reduceWindow(max, v, kw, dw, d, dOff, len) : 0;
        for (int j = j0; j < len; j++) {
            float acc = v[j];
            for (int q = 1; q < kw; q++) {
                float e = v[j + q * dw];
                acc = max ? Math.max(acc, e) : acc + e;
            }
            d[dOff + j] = acc;
        }
    }

    /** {@code y[yOff + j] = s[j] / (div[j]·rowDiv)}, {@code j < len}; the product is an exact small integer. */
    static void divide(float[] s, float[] div, float rowDiv, float[] y, int yOff, int len, boolean vector) {
        int j0 = vector && Simd.available() ? VectorPoolRows.divide(s, div, rowDiv, y, yOff, len) : 0;
        for (int j = j0; j < len; j++) {
            y[yOff + j] = s[j] / (div[j] * rowDiv);
        }
    }
}
