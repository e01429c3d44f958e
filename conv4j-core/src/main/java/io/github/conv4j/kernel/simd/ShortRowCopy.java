package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies rows narrower than a vector (the 14- and 7-wide planes of deep layers) from a strided source into a packed
 * destination with one whole-vector store per row. Such rows are too short for the JIT's own loop vectorisation, so a
 * plain loop copied them a float at a time (a quarter of a one-sample 256→256 14×14 layer's im2col), and
 * {@code System.arraycopy} pays a call per row. Loaded only when {@link Simd#available()}.
 *
 * <p>Example: {@code ShortRowCopy.rows(padded, src, 16, cols, dst, 14, 14)} copies a 14×14 window of a plane padded
 * to width 16.
 */
public final class ShortRowCopy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats the source array must hold past the last row read, for the whole-vector loads. */
    public static final int SLACK = S.length();

    private ShortRowCopy() {}

    /**
     * {@code cols[dst + i·width + j] = src[from + i·step + j]} for {@code i < rows}, {@code j < width}. Each vector store
     * also writes the first lanes of the next row, which that row's store then overwrites; rows whose store would reach
     * past the last row are copied exactly. {@code src} must hold {@link #SLACK} floats past
     * {@code from + (rows − 1)·step + width}. Nothing outside {@code cols[dst, dst + rows·width)} is written.
     *
     * @param src the source
     * @param from the first row's first element in {@code src}
     * @param step the distance between source rows
     * @param cols the destination
     * @param dst the first row's first element in {@code cols}
     * @param width the row length
     * @param rows the number of rows
     */
    public static void rows(float[] src, int from, int step, float[] cols, int dst, int width, int rows) {
        int lanes = S.length();
        int end = dst + rows * width;
        int i = 0;
        if (width <= lanes) {
            for (; i < rows && dst + i * width + lanes <= end; i++) {
                FloatVector.fromArray(S, src, from + i * step).intoArray(cols, dst + i * width);
            }
        }
        for (; i < rows; i++) {
            System.arraycopy(src, from + i * step, cols, dst + i * width, width);
        }
    }

    /**
     * {@code dst[to + i·dstStep + j] = src[from + i·srcStep + j]} for {@code i < rows}, {@code j < width}, with
     * {@code width} at most one vector: one masked load and one masked store per row, so nothing else in {@code dst}
     * is written (the zero borders around a plane's rows stay intact). Rows whose whole-vector window would pass the
     * end of either array are copied with {@code System.arraycopy}.
     *
     * @param src the source
     * @param from the first row's first element in {@code src}
     * @param srcStep the distance between source rows
     * @param dst the destination
     * @param to the first row's first element in {@code dst}
     * @param dstStep the distance between destination rows
     * @param width the row length, at most {@link #SLACK}
     * @param rows the number of rows
     */
    public static void rowsMasked(
            float[] src, int from, int srcStep, float[] dst, int to, int dstStep, int width, int rows) {
        int lanes = S.length();
        if (width > lanes) {
            throw new IllegalArgumentException("width (" + width + ") must be at most one vector (" + lanes + ")");
        }
        VectorMask<Float> mask = S.indexInRange(0, width);
        for (int i = 0; i < rows; i++) {
            int s = from + i * srcStep;
            int d = to + i * dstStep;
            if (s + lanes <= src.length && d + lanes <= dst.length) {
                FloatVector.fromArray(S, src, s, mask).intoArray(dst, d, mask);
            } else {
                System.arraycopy(src, s, dst, d, width);
            }
        }
    }
}
