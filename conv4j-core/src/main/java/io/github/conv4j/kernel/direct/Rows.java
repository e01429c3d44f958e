package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.simd.Simd;

/**
 * Row-level building blocks of the direct, depthwise and separable kernels: a 1-D correlation pass along a row and a
 * weighted sum of rows. Every output element is a chain of fused multiply-adds started from {@code bias} (or from the
 * value already in the output) in increasing tap order, whether the Vector API or the scalar path computes it, so
 * results are identical bit for bit across paths, tilings and thread counts.
 *
 * <p>Internal building blocks, public only so that sibling kernel packages can share them.
 *
 * <pre>{@code
 * // 1-D "same" correlation of a 10-wide row with a 3-tap kernel:
 * Rows.pass(x, 0, 10, new float[] {1, 2, 1}, 0, 3, 1, 1, true, 0f, y, 0, 10, true);
 * }</pre>
 */
public final class Rows {
    private Rows() {}

    /**
     * One stride-1 correlation pass along a row: for {@code j} in {@code [0, width)},
     * {@code y[yRow + j] = (first ? bias : y[yRow + j]) + Σ_q w[wOff + q]·x[xRow + j + q·dw − padLeft]}, where taps
     * whose input column falls outside {@code [0, inW)} are skipped (zero padding).
     *
     * @param x the input
     * @param xRow index of input column 0 of the row
     * @param inW input row length
     * @param w the taps
     * @param wOff index of tap 0
     * @param kw number of taps, at least 1
     * @param dw tap spacing (dilation), at least 1
     * @param padLeft zero columns before the input
     * @param first whether to start from {@code bias} rather than accumulate into {@code y}
     * @param bias the start value when {@code first}
     * @param y the output
     * @param yRow index of output column 0
     * @param width output columns to write
     * @param vector whether the Vector API may be used (ignored when {@link Simd#available()} is false)
     * @throws ArrayIndexOutOfBoundsException if a row does not fit its array
     */
    public static void pass(
            float[] x,
            int xRow,
            int inW,
            float[] w,
            int wOff,
            int kw,
            int dw,
            int padLeft,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int width,
            boolean vector) {
        int j0 = Math.min(padLeft, width);
        int j1 = Math.max(j0, Math.min(width, inW + padLeft - (kw - 1) * dw));
        int jv = j0;
        if (vector && Simd.available() && j1 - j0 >= VectorRows.LANES) {
            jv = VectorRows.pass(x, xRow - padLeft, w, wOff, kw, dw, first, bias, y, yRow, j0, j1);
        }
        scalarPass(x, xRow, inW, w, wOff, kw, dw, padLeft, first, bias, y, yRow, 0, j0);
        scalarPass(x, xRow, inW, w, wOff, kw, dw, padLeft, first, bias, y, yRow, jv, width);
    }

    /**
     * Two consecutive {@link #pass} calls, rows A then B (B accumulating), fused into one sweep where a fused
     * vector kernel exists (five taps); identical results either way.
     *
     * @param x the input
     * @param xRowA index of column 0 of the first input row
     * @param xRowB index of column 0 of the second input row
     * @param inW input row length
     * @param w the taps
     * @param wOffA first tap for row A
     * @param wOffB first tap for row B
     * @param kw taps per row
     * @param dw tap spacing
     * @param padLeft zero columns before the input
     * @param first whether row A starts from {@code bias}
     * @param bias the start value
     * @param y the output
     * @param yRow index of output column 0
     * @param width output columns
     * @param vector whether the Vector API may be used
     */
    public static void passTwo(
            float[] x,
            int xRowA,
            int xRowB,
            int inW,
            float[] w,
            int wOffA,
            int wOffB,
            int kw,
            int dw,
            int padLeft,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int width,
            boolean vector) {
        int j0 = Math.min(padLeft, width);
        int j1 = Math.max(j0, Math.min(width, inW + padLeft - (kw - 1) * dw));
        if (!(kw == 5 && vector && Simd.available() && j1 - j0 >= VectorRows.LANES)) {
            pass(x, xRowA, inW, w, wOffA, kw, dw, padLeft, first, bias, y, yRow, width, vector);
            pass(x, xRowB, inW, w, wOffB, kw, dw, padLeft, false, bias, y, yRow, width, vector);
            return;
        }
        int jv = VectorRows.pass5x2(
                x, xRowA - padLeft, xRowB - padLeft, w, wOffA, wOffB, dw, first, bias, y, yRow, j0, j1);
        scalarPass(x, xRowA, inW, w, wOffA, kw, dw, padLeft, first, bias, y, yRow, 0, j0);
        scalarPass(x, xRowA, inW, w, wOffA, kw, dw, padLeft, first, bias, y, yRow, jv, width);
        scalarPass(x, xRowB, inW, w, wOffB, kw, dw, padLeft, false, bias, y, yRow, 0, j0);
        scalarPass(x, xRowB, inW, w, wOffB, kw, dw, padLeft, false, bias, y, yRow, jv, width);
    }

    /**
     * Columns {@code [c0, c1)} of {@link #pass}, scalar, with the same operation order.
     *
     * @param x the input
     * @param xRow index of input column 0
     * @param inW input row length
     * @param w the taps
     * @param wOff index of tap 0
     * @param kw number of taps
     * @param dw tap spacing
     * @param padLeft zero columns before the input
     * @param first whether to start from {@code bias}
     * @param bias the start value
     * @param y the output
     * @param yRow index of output column 0
     * @param c0 first column
     * @param c1 end column (exclusive)
     */
    public static void scalarPass(
            float[] x,
            int xRow,
            int inW,
            float[] w,
            int wOff,
            int kw,
            int dw,
            int padLeft,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int c0,
            int c1) {
        for (int j = c0; j < c1; j++) {
            float acc = first ? bias : y[yRow + j];
            int s = j - padLeft;
            int qLo = s >= 0 ? 0 : (-s + dw - 1) / dw;
            int qHi = Math.min(kw - 1, Math.floorDiv(inW - 1 - s, dw));
            for (int q = qLo; q <= qHi; q++) {
                acc = Math.fma(x[xRow + s + q * dw], w[wOff + q], acc);
            }
            y[yRow + j] = acc;
        }
    }

    /**
     * A weighted sum of {@code n} rows: {@code y[yRow + j] = bias + Σ_r taps[r]·x[offs[r] + j]} for {@code j} in
     * {@code [c0, c1)}, terms added in increasing {@code r}.
     *
     * @param x the rows' array
     * @param offs index of column 0 of each row
     * @param taps the weight of each row
     * @param n rows to combine (0 writes {@code bias})
     * @param bias the start value
     * @param y the output
     * @param yRow index of output column 0
     * @param c0 first column
     * @param c1 end column (exclusive)
     * @param vector whether the Vector API may be used
     */
    public static void combine(
            float[] x,
            int[] offs,
            float[] taps,
            int n,
            float bias,
            float[] y,
            int yRow,
            int c0,
            int c1,
            boolean vector) {
        int jv = c0;
        if (vector && Simd.available() && c1 - c0 >= VectorRows.LANES) {
            jv = VectorRows.combine(x, offs, taps, n, bias, y, yRow, c0, c1);
        }
        for (int j = jv; j < c1; j++) {
            float acc = bias;
            for (int r = 0; r < n; r++) {
                acc = Math.fma(x[offs[r] + j], taps[r], acc);
            }
            y[yRow + j] = acc;
        }
    }

    /**
     * Two consecutive weighted sums that share rows, as two {@link #combine} calls would give them bit for bit:
     * {@code y0} combines rows {@code offs[0..n)} and {@code y1} rows {@code offs[1..n]} ({@code n + 1} offsets), both
     * with {@code taps[0..n)}. Each shared row is loaded once for both sums (a 5-row vertical pass of a separable
     * filter reads 6 rows per two output rows instead of 10).
     *
     * @param x the rows' array
     * @param offs index of column 0 of each of the {@code n + 1} rows
     * @param taps the weight of each row of one sum
     * @param n rows per sum, at least 1
     * @param bias the start value
     * @param y0 the first sum's output, from {@code c0}
     * @param y1 the second sum's output, from {@code c0}
     * @param c0 first column
     * @param c1 end column (exclusive)
     * @param vector whether the Vector API may be used
     */
    public static void combineTwo(
            float[] x,
            int[] offs,
            float[] taps,
            int n,
            float bias,
            float[] y0,
            float[] y1,
            int c0,
            int c1,
            boolean vector) {
        int jv = c0;
        if (n == 5 && vector && Simd.available() && c1 - c0 >= VectorRows.LANES) {
            jv = VectorRows.combineTwo5(x, offs, taps, bias, y0, y1, c0, c1);
        }
        for (int j = jv; j < c1; j++) {
            float a0 = bias;
            float a1 = bias;
            for (int r = 0; r < n; r++) {
                a0 = Math.fma(x[offs[r] + j], taps[r], a0);
                a1 = Math.fma(x[offs[r + 1] + j], taps[r], a1);
            }
            y0[j] = a0;
            y1[j] = a1;
        }
    }

    /**
     * {@link #combineTwo} for four sums over {@code n + 3} consecutive rows: sum {@code k} takes rows
     * {@code k .. k + n − 1} with the same taps, so each row loaded serves up to four sums (8 loads for four outputs of
     * a 5-row sum instead of 12 in two pairs). Each sum keeps its own chain, bias then the rows in order: the same
     * bits as {@link #combine} on each window.
     *
     * @param x the rows' array
     * @param offs index of column 0 of each of the {@code n + 3} rows
     * @param taps the weight of each row of one sum
     * @param n rows per sum, at least 1
     * @param bias the start value
     * @param y0 the first sum's output, from {@code c0}
     * @param y1 the second sum's output
     * @param y2 the third sum's output
     * @param y3 the fourth sum's output
     * @param c0 first column
     * @param c1 end column (exclusive)
     * @param vector whether the Vector API may be used
     */
    public static void combineFour(
            float[] x,
            int[] offs,
            float[] taps,
            int n,
            float bias,
            float[] y0,
            float[] y1,
            float[] y2,
            float[] y3,
            int c0,
            int c1,
            boolean vector) {
        int jv = c0;
        if (n == 5 && vector && Simd.available() && c1 - c0 >= VectorRows.LANES) {
            jv = VectorRows.combineFour5(x, offs, taps, bias, y0, y1, y2, y3, c0, c1);
        }
        for (int j = jv; j < c1; j++) {
            float a0 = bias;
            float a1 = bias;
            float a2 = bias;
            float a3 = bias;
            for (int r = 0; r < n; r++) {
                a0 = Math.fma(x[offs[r] + j], taps[r], a0);
                a1 = Math.fma(x[offs[r + 1] + j], taps[r], a1);
                a2 = Math.fma(x[offs[r + 2] + j], taps[r], a2);
                a3 = Math.fma(x[offs[r + 3] + j], taps[r], a3);
            }
            y0[j] = a0;
            y1[j] = a1;
            y2[j] = a2;
            y3[j] = a3;
        }
    }

    /**
     * Keeps every {@code step}-th element: {@code y[yRow + j] = dense[j·step]} for {@code j < outW}; how strided
     * outputs are taken from a stride-1 row.
     *
     * @param dense the stride-1 row, from index 0
     * @param step the stride
     * @param y the output
     * @param yRow index of output column 0
     * @param outW output columns
     */
    public static void decimate(float[] dense, int step, float[] y, int yRow, int outW) {
        for (int j = 0; j < outW; j++) {
            y[yRow + j] = dense[j * step];
        }
    }
}
