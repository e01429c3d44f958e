package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The output transform of F(2×2, 3×3), {@code Y = Aᵀ M A} with {@code Aᵀ = [[1,1,1,0],[0,1,−1,−1]]}, plus the bias,
 * for one output channel over a range of bands, cropped at odd bottom and right edges.
 *
 * <p>The four outputs of every tile of a band are computed first into four staging rows (one per tile position, on
 * whole vectors of tiles when the Vector API is there), then interleaved into the two output rows. Scalar and vector
 * code evaluate the same expressions in the same order.
 */
final class F2OutputTiles {
    private F2OutputTiles() {}

    /** Floats of staging one band needs: the four tile positions. */
    static int stagingSize(int tilesW) {
        return 4 * stagingRow(tilesW);
    }

    static int stagingRow(int tilesW) {
        return TilePlan.groupTiles(tilesW) + TilePlan.PAD;
    }

    /**
     * Writes output channel {@code channel} (absolute index) for bands {@code [band0, band1)}.
     *
     * @param g the geometry
     * @param plan the tiling
     * @param m the 16 products: tile {@code T} of the chunk at {@code m[mOff + ξ·mStride + T]}
     * @param mOff index of this channel's ξ = 0 element for the first tile
     * @param mStride distance between the 16 components
     * @param band0 first band (numbered over the batch)
     * @param band1 end of the bands
     * @param staging scratch of at least {@link #stagingSize} floats
     * @param bias the bias array, or {@code null} for none
     * @param channel the output channel, which also indexes the bias
     * @param y the output
     */
    static void transform(
            ConvGeometry g,
            TilePlan plan,
            float[] m,
            int mOff,
            int mStride,
            int band0,
            int band1,
            float[] staging,
            float[] bias,
            int channel,
            float[] y) {
        int tilesW = plan.tilesW();
        int row = stagingRow(tilesW);
        boolean vector = Simd.available();
        int group = TilePlan.bandsPerGroup(tilesW);
        for (int first = band0; first < band1; first += group) {
            int end = Math.min(band1, first + group);
            int at = mOff + (first - band0) * tilesW;
            int tiles = (end - first) * tilesW;
            if (vector) {
                F2VectorOutputTiles.transform(m, at, mStride, tiles, staging, row);
            } else {
                scalar(m, at, mStride, tiles, staging, row);
            }
            for (int band = first; band < end; band++) {
                copyOut(g, plan, staging, row, (band - first) * tilesW, band, bias, channel, y);
            }
        }
    }

    /** Interleaves one band's staged outputs (its first tile at {@code staging[first]}) into the output rows. */
    private static void copyOut(
            ConvGeometry g,
            TilePlan plan,
            float[] staging,
            int row,
            int first,
            int band,
            float[] bias,
            int channel,
            float[] y) {
        int n = band / plan.tilesH();
        int h = (band % plan.tilesH()) * 2;
        int plane = (n * g.outC() + channel) * g.outH() * g.outW();
        int outW = g.outW();
        int pairs = outW / 2;
        boolean oddWidth = (outW & 1) != 0;
        for (int r = 0; r < 2 && h + r < g.outH(); r++) {
            int even = first + 2 * r * row;
            int odd = even + row;
            int out = plane + (h + r) * outW;
            if (bias == null) {
                for (int t = 0; t < pairs; t++) {
                    y[out + 2 * t] = staging[even + t];
                    y[out + 2 * t + 1] = staging[odd + t];
                }
                if (oddWidth) {
                    y[out + 2 * pairs] = staging[even + pairs];
                }
            } else {
                float b = bias[channel];
                for (int t = 0; t < pairs; t++) {
                    y[out + 2 * t] = staging[even + t] + b;
                    y[out + 2 * t + 1] = staging[odd + t] + b;
                }
                if (oddWidth) {
                    y[out + 2 * pairs] = staging[even + pairs] + b;
                }
            }
        }
    }

    /**
     * A group's tiles into the staging rows: top-left, top-right, bottom-left, bottom-right output of each tile;
     * {@link F2VectorOutputTiles} is the same on whole vectors.
     */
    private static void scalar(float[] m, int at, int mStride, int tiles, float[] s, int row) {
        for (int t = 0; t < tiles; t++) {
            int i = at + t;
            // Aᵀ M: sums of rows 0..2 and differences of rows 1..3, per column.
            float a0 = m[i] + m[i + 4 * mStride] + m[i + 8 * mStride];
            float a1 = m[i + mStride] + m[i + 5 * mStride] + m[i + 9 * mStride];
            float a2 = m[i + 2 * mStride] + m[i + 6 * mStride] + m[i + 10 * mStride];
            float a3 = m[i + 3 * mStride] + m[i + 7 * mStride] + m[i + 11 * mStride];
            float c0 = m[i + 4 * mStride] - m[i + 8 * mStride] - m[i + 12 * mStride];
            float c1 = m[i + 5 * mStride] - m[i + 9 * mStride] - m[i + 13 * mStride];
            float c2 = m[i + 6 * mStride] - m[i + 10 * mStride] - m[i + 14 * mStride];
            float c3 = m[i + 7 * mStride] - m[i + 11 * mStride] - m[i + 15 * mStride];
            // (Aᵀ M) A.
            s[t] = a0 + a1 + a2;
            s[row + t] = a1 - a2 - a3;
            s[2 * row + t] = c0 + c1 + c2;
            s[3 * row + t] = c1 - c2 - c3;
        }
    }
}
