package io.github.conv4j.kernel.im2col;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies the short rows of a column-matrix row with one whole-vector store per row. Rows narrower than a vector (the
 * 14- and 7-wide planes of deep layers) are too short for the JIT's own loop vectorisation, so a plain loop copied them
 * one float at a time (a quarter of a one-sample 256→256 14×14 layer). Loaded only when {@code Simd.available()}.
 *
 * <p>Example: {@code VectorRowCopy.rows(padded, src, 16, cols, dst, 14, 14)} copies a 14×14 window of a plane padded
 * to width 16.
 */
final class VectorRowCopy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats the source array must hold past the last row read, for the whole-vector loads. */
    static final int SLACK = S.length();

    private VectorRowCopy() {}

    /**
     * {@code cols[dst + i·width + j] = src[from + i·step + j]} for {@code i < rows}, {@code j < width}. Each vector store
     * also writes the first lanes of the next row, which that row's store then overwrites; rows whose store would reach
     * past the last row are copied exactly. {@code src} must hold {@link #SLACK} floats past
     * {@code from + (rows − 1)·step + width}.
     */
    static void rows(float[] src, int from, int step, float[] cols, int dst, int width, int rows) {
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
}
