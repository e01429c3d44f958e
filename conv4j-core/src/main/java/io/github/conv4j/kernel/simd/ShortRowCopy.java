package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies short rows (the 7-, 14- and 28-wide planes of deep layers) from a strided source into a packed or strided
 * destination with whole-vector loads and stores. Such rows are too short for the JIT's own loop vectorisation, so a
 * plain loop copied them a float at a time (a quarter of a one-sample 256→256 14×14 layer's im2col), and
 * {@code System.arraycopy} pays a call per row (with 8-float vectors, the 14-wide rows of a 512-channel 14×14 depthwise
 * layer took half of its time in such calls). A row at least one vector wide is copied exactly, its last vector
 * ending at the row's end (overlapping the one before it); a narrower one takes one vector that also writes the first
 * lanes of the next row ({@link #rows}) or a masked one ({@link #rowsMasked}). Loaded only when
 * {@link Simd#available()}.
 *
 * <p>Example: {@code ShortRowCopy.rows(padded, src, 16, cols, dst, 14, 14)} copies a 14×14 window of a plane padded
 * to width 16.
 */
public final class ShortRowCopy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats the source array must hold past the last row read, for the whole-vector loads. */
    public static final int SLACK = S.length();

    /** The widest row copied with vectors (four of them); wider rows go to {@code System.arraycopy}. */
    public static final int MAX_WIDTH = 4 * S.length();

    private ShortRowCopy() {}

    /**
     * {@code cols[dst + i·width + j] = src[from + i·step + j]} for {@code i < rows}, {@code j < width}. A row narrower
     * than a vector is one vector store that also writes the first lanes of the next row, which that row's store then
     * overwrites; rows whose store would reach past the last row are copied exactly. {@code src} must hold
     * {@link #SLACK} floats past {@code from + (rows − 1)·step + width}. Nothing outside
     * {@code cols[dst, dst + rows·width)} is written.
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
        int i = 0;
        if (width < lanes) {
            int end = dst + rows * width;
            for (; i < rows && dst + i * width + lanes <= end; i++) {
                FloatVector.fromArray(S, src, from + i * step).intoArray(cols, dst + i * width);
            }
        } else if (width <= MAX_WIDTH) {
            for (; i < rows; i++) {
                exactRow(src, from + i * step, cols, dst + i * width, width);
            }
        }
        for (; i < rows; i++) {
            System.arraycopy(src, from + i * step, cols, dst + i * width, width);
        }
    }

    /**
     * {@code dst[to + i·dstStep + j] = src[from + i·srcStep + j]} for {@code i < rows}, {@code j < width}, and nothing
     * else in {@code dst} is written (the zero borders around a plane's rows stay intact): a row narrower than a vector
     * with one masked load and store, unless its whole-vector window would pass the end of either array; a wider one
     * with whole vectors, the last ending at the row's end.
     *
     * @param src the source
     * @param from the first row's first element in {@code src}
     * @param srcStep the distance between source rows
     * @param dst the destination
     * @param to the first row's first element in {@code dst}
     * @param dstStep the distance between destination rows
     * @param width the row length
     * @param rows the number of rows
     */
    public static void rowsMasked(
            float[] src, int from, int srcStep, float[] dst, int to, int dstStep, int width, int rows) {
        int lanes = S.length();
        if (width >= lanes) {
            for (int i = 0; i < rows; i++) {
                if (width <= MAX_WIDTH) {
                    exactRow(src, from + i * srcStep, dst, to + i * dstStep, width);
                } else {
                    System.arraycopy(src, from + i * srcStep, dst, to + i * dstStep, width);
                }
            }
            return;
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

    /**
     * One row of at least one vector: whole vectors from its start, then one ending at its end (overlapping the one
     * before, the same values), so nothing past the row is read or written.
     */
    private static void exactRow(float[] src, int s, float[] dst, int d, int width) {
        int lanes = S.length();
        int last = width - lanes;
        for (int j = 0; j < last; j += lanes) {
            FloatVector.fromArray(S, src, s + j).intoArray(dst, d + j);
        }
        FloatVector.fromArray(S, src, s + last).intoArray(dst, d + last);
    }
}
