package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The output transform of F(4×4, 3×3), {@code Y = Aᵀ M A} plus the bias, with
 * {@code Aᵀ = [[1,1,1,1,1,0],[0,1,−1,2,−2,0],[0,1,1,4,4,0],[0,1,−1,8,−8,1]]} evaluated as {@code y0 = (m0 + s12) +
 * s34}, {@code y1 = d12 + 2·d34}, {@code y2 = s12 + 4·s34}, {@code y3 = (d12 + 8·d34) + m5} (s/d: sums and differences
 * of m1, m2 and of m3, m4), first along each row of M, then along each column; for one output channel over a range of
 * bands, cropped at the bottom and right edges.
 *
 * <p>The row pass goes to a scratch area, the 16 outputs of every tile of a band to 16 staging rows (on whole
 * vectors of tiles when the Vector API is there), which are then interleaved into the four output rows. Scalar and
 * vector code evaluate the same expressions in the same order.
 */
final class F4OutputTiles {
    private F4OutputTiles() {}

    /** Floats of scratch one band needs: 24 rows for the row pass, 16 for the outputs. */
    static int stagingSize(int tilesW) {
        return 40 * stagingRow(tilesW);
    }

    static int stagingRow(int tilesW) {
        return TilePlan.groupTiles(tilesW) + TilePlan.PAD;
    }

    /**
     * Writes output channel {@code channel} (absolute index) for bands {@code [band0, band1)}.
     *
     * @param g the geometry
     * @param plan the tiling (tile 4)
     * @param m the 36 products: tile {@code T} of the chunk at {@code m[mOff + ξ·mStride + T]}
     * @param mOff index of this channel's ξ = 0 element for the first tile
     * @param mStride distance between the 36 components
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
        int out0 = 24 * row;
        boolean vector = Simd.available();
        int group = TilePlan.bandsPerGroup(tilesW);
        for (int first = band0; first < band1; first += group) {
            int end = Math.min(band1, first + group);
            int at = mOff + (first - band0) * tilesW;
            int tiles = (end - first) * tilesW;
            if (vector) {
                F4VectorOutputTiles.transform(m, at, mStride, tiles, staging, row, out0);
            } else {
                scalar(m, at, mStride, tiles, staging, row, out0);
            }
            for (int band = first; band < end; band++) {
                copyOut(g, plan, staging, row, out0 + (band - first) * tilesW, band, bias, channel, y);
            }
        }
    }

    /** Interleaves one band's staged outputs (its first tile at {@code staging[out0]}) into the output rows. */
    private static void copyOut(
            ConvGeometry g,
            TilePlan plan,
            float[] staging,
            int row,
            int out0,
            int band,
            float[] bias,
            int channel,
            float[] y) {
        int outW = g.outW();
        int fullTiles = outW / 4;
        int rest = outW - 4 * fullTiles;
        int n = band / plan.tilesH();
        int h = (band % plan.tilesH()) * 4;
        int plane = (n * g.outC() + channel) * g.outH() * outW;
        boolean hasBias = bias != null;
        float b = hasBias ? bias[channel] : 0f;
        for (int r = 0; r < 4 && h + r < g.outH(); r++) {
            int s = out0 + 4 * r * row;
            int o = plane + (h + r) * outW;
            for (int t = 0; t < fullTiles; t++, o += 4) {
                y[o] = add(staging[s + t], b, hasBias);
                y[o + 1] = add(staging[s + row + t], b, hasBias);
                y[o + 2] = add(staging[s + 2 * row + t], b, hasBias);
                y[o + 3] = add(staging[s + 3 * row + t], b, hasBias);
            }
            for (int k = 0; k < rest; k++) {
                y[o + k] = add(staging[s + k * row + fullTiles], b, hasBias);
            }
        }
    }

    /** Adds the bias only when there is one, so an unbiased −0 stays −0 as in the direct sum. */
    private static float add(float value, float bias, boolean hasBias) {
        return hasBias ? value + bias : value;
    }

    /** A group's tiles into the staging rows; {@link F4VectorOutputTiles} is the same on whole vectors. */
    private static void scalar(float[] m, int at, int mStride, int tiles, float[] s, int row, int out0) {
        for (int t = 0; t < tiles; t++) {
            for (int i = 0; i < 6; i++) {
                int p = at + 6 * i * mStride + t;
                float m0 = m[p];
                float m1 = m[p + mStride];
                float m2 = m[p + 2 * mStride];
                float m3 = m[p + 3 * mStride];
                float m4 = m[p + 4 * mStride];
                float m5 = m[p + 5 * mStride];
                float s12 = m1 + m2;
                float d12 = m1 - m2;
                float s34 = m3 + m4;
                float d34 = m3 - m4;
                int q = 4 * i * row + t;
                s[q] = (m0 + s12) + s34;
                s[q + row] = d12 + 2f * d34;
                s[q + 2 * row] = s12 + 4f * s34;
                s[q + 3 * row] = (d12 + 8f * d34) + m5;
            }
            for (int k = 0; k < 4; k++) {
                int p = k * row + t;
                int step = 4 * row;
                float m0 = s[p];
                float m1 = s[p + step];
                float m2 = s[p + 2 * step];
                float m3 = s[p + 3 * step];
                float m4 = s[p + 4 * step];
                float m5 = s[p + 5 * step];
                float s12 = m1 + m2;
                float d12 = m1 - m2;
                float s34 = m3 + m4;
                float d34 = m3 - m4;
                int q = out0 + k * row + t;
                s[q] = (m0 + s12) + s34;
                s[q + step] = d12 + 2f * d34;
                s[q + 2 * step] = s12 + 4f * s34;
                s[q + 3 * step] = (d12 + 8f * d34) + m5;
            }
        }
    }
}
