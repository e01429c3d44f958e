package io.github.conv4j.kernel.reference;

import io.github.conv4j.spec.PaddingMode;

/**
 * Padding of the last two dimensions with any {@link PaddingMode}, and its adjoint. Negative amounts crop. Each
 * output coordinate reads the input coordinate {@link PaddingMode#sourceIndex(int, int)} gives, or the constant.
 */
public final class ReferencePad {
    private ReferencePad() {}

    /**
     * The source coordinate of every output coordinate along one axis.
     *
     * @param size the input size
     * @param before elements added before (negative crops)
     * @param after elements added after (negative crops)
     * @param mode the padding mode
     * @return one entry per output coordinate: the input coordinate, or -1 for the constant
     */
    public static int[] sourceMap(int size, int before, int after, PaddingMode mode) {
        int[] map = new int[size + before + after];
        for (int i = 0; i < map.length; i++) {
            map[i] = mode.sourceIndex(i - before, size);
        }
        return map;
    }

    /**
     * Pads {@code planes} planes of {@code h × w}.
     *
     * @param planes the number of planes (product of the leading dimensions)
     * @param h input height
     * @param w input width
     * @param x the input
     * @param rows the row source map from {@link #sourceMap}
     * @param cols the column source map
     * @param value the constant for entries whose source is -1
     * @param out the output, {@code planes × rows.length × cols.length}, overwritten
     */
    public static void pad(int planes, int h, int w, double[] x, int[] rows, int[] cols, double value, double[] out) {
        int oh = rows.length;
        int ow = cols.length;
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                int r = rows[i];
                for (int j = 0; j < ow; j++) {
                    int c = cols[j];
                    out[(pl * oh + i) * ow + j] = r < 0 || c < 0 ? value : x[(pl * h + r) * w + c];
                }
            }
        }
    }

    /**
     * The adjoint of {@link #pad} (its input gradient): every output gradient is added to the input element it was
     * read from; constants receive nothing.
     *
     * @param planes the number of planes
     * @param h input height
     * @param w input width
     * @param gOut the gradient of the padded output
     * @param rows the row source map
     * @param cols the column source map
     * @param gx the input gradient, overwritten
     */
    public static void adjoint(int planes, int h, int w, double[] gOut, int[] rows, int[] cols, double[] gx) {
        java.util.Arrays.fill(gx, 0);
        int oh = rows.length;
        int ow = cols.length;
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                int r = rows[i];
                if (r < 0) {
                    continue;
                }
                for (int j = 0; j < ow; j++) {
                    int c = cols[j];
                    if (c >= 0) {
                        gx[(pl * h + r) * w + c] += gOut[(pl * oh + i) * ow + j];
                    }
                }
            }
        }
    }
}
