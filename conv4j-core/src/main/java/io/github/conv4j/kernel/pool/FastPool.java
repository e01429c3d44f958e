package io.github.conv4j.kernel.pool;

import io.github.conv4j.kernel.direct.RowBlocks;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.PoolGeometry;
import java.util.Arrays;

/**
 * Max and average pooling of {@code planes} independent {@code inH × inW} float planes, with the semantics of
 * {@code ReferencePool}: implicit padding that never wins a max and counts (or not) in an average, ceil mode through
 * the geometry's output size, dilation for max, {@code countIncludePad} and {@code divisorOverride}.
 *
 * <p>Arrays are flat: {@code x} is {@code planes × inH × inW}, {@code y} is {@code planes × outH × outW}, written from
 * index 0; indices are {@code h·inW + w} within the plane.
 *
 * <p>Without indices, a window is reduced separably: its rows column by column into a padded row (vectorised), then
 * along the row (vectorised at stride 1, strided outputs taken from that row). The max is then
 * {@code Math.max}-based: a NaN in the window gives NaN, and the value equals the reference's except that when the
 * maximum is zero its sign may differ ({@code -0.0} and {@code 0.0} compare equal). Averages sum the window's rows,
 * then its columns, in float: within {@code (kH·kW + 1)·2⁻²⁴·Σ|x| / divisor} of the exact mean. With indices, max
 * pooling returns exactly the reference's values and indices (the last NaN of a window wins, otherwise the first
 * maximum in row-major window order), vectorised through an associative form of that rule (see
 * {@code VectorArgMaxPool}) or element by element on the scalar path.
 *
 * <pre>{@code
 * PoolGeometry g = PoolGeometry.of("maxPool2d", new int[] {8, 64, 112, 112},
 *         Pool2dOptions.of(3).stride(2).padding(1), true);
 * float[] y = new float[g.planes() * g.outH() * g.outW()];
 * FastPool.maxPool(g, x, y, null);
 * }</pre>
 */
public final class FastPool {
    private FastPool() {}

    /**
     * Whether this kernel can run the problem.
     *
     * @param g the geometry
     * @return always {@code true}: every valid pooling geometry is supported (common ones vectorised)
     */
    public static boolean supports(PoolGeometry g) {
        return g.outH() >= 1 && g.outW() >= 1;
    }

    /**
     * Max pooling.
     *
     * @param g the geometry
     * @param x the input, at least {@code planes·inH·inW} floats
     * @param y the output, at least {@code planes·outH·outW} floats, overwritten
     * @param indices the argmax of every output (same length as {@code y}), or {@code null} to skip them (faster)
     * @throws IllegalArgumentException if an array is too short
     */
    public static void maxPool(PoolGeometry g, float[] x, float[] y, int[] indices) {
        maxPool(g, x, y, indices, true);
    }

    /**
     * Average pooling (dilation, if the geometry has any, is ignored as in the reference).
     *
     * @param g the geometry
     * @param x the input, at least {@code planes·inH·inW} floats
     * @param y the output, at least {@code planes·outH·outW} floats, overwritten
     * @throws IllegalArgumentException if an array is too short
     */
    public static void avgPool(PoolGeometry g, float[] x, float[] y) {
        avgPool(g, x, y, true);
    }

    static void maxPool(PoolGeometry g, float[] x, float[] y, int[] indices, boolean vector) {
        check(g, x, y);
        if (indices != null) {
            if (indices.length < y.length && indices.length < (long) g.planes() * g.outH() * g.outW()) {
                throw new IllegalArgumentException("FastPool: indices too short: " + indices.length);
            }
            boolean simd = vector && Simd.available();
            RowBlocks blocks = RowBlocks.of(g.planes(), g.outH(), g.outW());
            Parallel.forRange(blocks.count(), blocks.grain(), (from, to) -> {
                for (int task = from; task < to; task++) {
                    int pl = blocks.plane(task);
                    if (simd) {
                        VectorArgMaxPool.run(g, x, y, indices, pl, blocks.firstRow(task), blocks.endRow(task));
                    } else {
                        ExactMaxPool.run(g, x, y, indices, pl, blocks.firstRow(task), blocks.endRow(task));
                    }
                }
            });
            return;
        }
        separable(g, x, y, true, vector);
    }

    static void avgPool(PoolGeometry g, float[] x, float[] y, boolean vector) {
        check(g, x, y);
        separable(g, x, y, false, vector);
    }

    private static void separable(PoolGeometry g, float[] x, float[] y, boolean max, boolean vector) {
        RowBlocks blocks = RowBlocks.of(g.planes(), g.outH(), g.outW());
        // Rows are independent, so any split over threads gives the same bits.
        Parallel.forRange(
                blocks.count(), blocks.grain(), (from, to) -> separableRows(g, x, y, max, vector, blocks, from, to));
    }

    private static void separableRows(
            PoolGeometry g, float[] x, float[] y, boolean max, boolean vector, RowBlocks blocks, int from, int to) {
        int inH = g.inH();
        int inW = g.inW();
        int kh = g.kh();
        int kw = g.kw();
        int sh = g.sh();
        int sw = g.sw();
        int ph = g.ph();
        int pw = g.pw();
        int dh = max ? g.dh() : 1;
        int dw = max ? g.dw() : 1;
        int outH = g.outH();
        int outW = g.outW();
        int denseW = (outW - 1) * sw + 1;
        int paddedW = Math.max(denseW + (kw - 1) * dw, pw + inW);
        PoolWorkspace ws = PoolWorkspace.get();
        ws.ensure(paddedW, denseW, outW, kh);
        float[] v = ws.padded;
        float[] d = ws.dense;
        float[] s = ws.compact;
        float[] colDiv = ws.colDiv;
        int[] offs = ws.offs;
        float fill = max ? Float.NEGATIVE_INFINITY : 0f;
        Arrays.fill(v, 0, pw, fill);
        Arrays.fill(v, pw + inW, paddedW, fill);
        if (!max) {
            for (int j = 0; j < outW; j++) {
                colDiv[j] = g.divisorOverride() != 0 ? g.divisorOverride() : extent(g, j * sw - pw, kw, inW, pw);
            }
        }
        int inPlane = inH * inW;
        int outPlane = outH * outW;
        for (int task = from; task < to; task++) {
            int pl = blocks.plane(task);
            int xOff = pl * inPlane;
            for (int i = blocks.firstRow(task); i < blocks.endRow(task); i++) {
                int h0 = i * sh - ph;
                int n = 0;
                for (int p = 0; p < kh; p++) {
                    int ih = h0 + p * dh;
                    if (ih >= 0 && ih < inH) {
                        offs[n++] = xOff + ih * inW;
                    }
                }
                if (n == 0) {
                    Arrays.fill(v, pw, pw + inW, fill);
                } else {
                    PoolRows.reduceRows(max, x, offs, n, v, pw, inW, vector);
                }
                int yRow = pl * outPlane + i * outW;
                if (sw == 1) {
                    PoolRows.reduceWindow(max, v, kw, dw, max ? y : s, max ? yRow : 0, denseW, vector);
                } else {
                    PoolRows.reduceWindow(max, v, kw, dw, d, 0, denseW, vector);
                    float[] dst = max ? y : s;
                    int off = max ? yRow : 0;
                    for (int j = 0; j < outW; j++) {
                        dst[off + j] = d[j * sw];
                    }
                }
                if (!max) {
                    float rowDiv = g.divisorOverride() != 0 ? 1f : extent(g, h0, kh, inH, ph);
                    PoolRows.divide(s, colDiv, rowDiv, y, yRow, outW, vector);
                }
            }
        }
    }

    /** Window extent along one axis for the average's divisor: PyTorch's rule, clipped to padded or real input. */
    private static int extent(PoolGeometry g, int start, int k, int in, int pad) {
        int end = Math.min(start + k, in + pad);
        if (g.countIncludePad()) {
            return end - start;
        }
        return Math.min(end, in) - Math.max(start, 0);
    }

    private static void check(PoolGeometry g, float[] x, float[] y) {
        long in = (long) g.planes() * g.inH() * g.inW();
        long out = (long) g.planes() * g.outH() * g.outW();
        if (x.length < in || y.length < out) {
            throw new IllegalArgumentException(
                    "FastPool: x has " + x.length + " (needs " + in + "), y has " + y.length + " (needs " + out + ")");
        }
    }
}
