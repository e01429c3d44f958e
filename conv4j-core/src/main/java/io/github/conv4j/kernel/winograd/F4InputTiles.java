package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.PairSplit;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The input transform of F(4×4, 3×3), {@code V = Bᵀ d B} for every 6×6 patch {@code d} (stride 4, zeros outside the
 * input) of one channel over a range of bands, with
 *
 * <pre>
 * Bᵀ = [[4,  0, −5,  0, 1, 0],
 *       [0, −4, −4,  1, 1, 0],
 *       [0,  4, −4, −1, 1, 0],
 *       [0, −2, −1,  2, 1, 0],
 *       [0,  2, −1, −2, 1, 0],
 *       [0,  4,  0, −5, 0, 1]]
 * </pre>
 *
 * evaluated as {@code r0 = 4(d0 − d2) + (d4 − d2)}, {@code r1 = (d3 + d4) − 4(d1 + d2)},
 * {@code r2 = (d4 − d3) + 4(d1 − d2)}, {@code r3 = (d4 − d2) + 2(d3 − d1)}, {@code r4 = (d4 − d2) − 2(d3 − d1)},
 * {@code r5 = 4(d1 − d3) + (d5 − d3)}: first along each row, then along each column.
 *
 * <p>Each of a band's six input rows is staged split into four phases ({@code P_k[t] = d[4t + k]}, padding resolved
 * there), so tile {@code t}'s columns are {@code P0[t], P1[t], P2[t], P3[t], P0[t+1], P1[t+1]}: unit stride in
 * {@code t}, which lets the transform run on whole vectors of tiles. The row pass writes into V and the column pass
 * transforms V in place. Scalar and vector code evaluate the same expressions in the same order.
 */
final class F4InputTiles {
    private F4InputTiles() {}

    /** Floats of staging one band needs: 6 rows of 4 phases. */
    static int stagingSize(int tilesW) {
        return 24 * stagingRow(tilesW);
    }

    static int stagingRow(int tilesW) {
        return tilesW + 1 + TilePlan.PAD;
    }

    /**
     * Transforms channel {@code channel} (absolute index in the input) for bands {@code [band0, band1)}.
     *
     * @param g the geometry
     * @param plan the tiling (tile 4)
     * @param x the input
     * @param channel the input channel
     * @param band0 first band (numbered over the batch)
     * @param band1 end of the bands
     * @param staging scratch of at least {@link #stagingSize} floats
     * @param v the result: tile {@code T} of the chunk (counted from {@code band0}) at {@code v[vOff + ξ·vStride + T]}
     * @param vOff index of this channel's ξ = 0 element for the first tile
     * @param vStride distance between the 36 transformed components
     */
    static void transform(
            ConvGeometry g,
            TilePlan plan,
            float[] x,
            int channel,
            int band0,
            int band1,
            float[] staging,
            float[] v,
            int vOff,
            int vStride) {
        int tilesW = plan.tilesW();
        int row = stagingRow(tilesW);
        boolean vector = Simd.available();
        for (int band = band0; band < band1; band++) {
            int n = band / plan.tilesH();
            int h0 = (band % plan.tilesH()) * 4 - g.padTop();
            int plane = (n * g.inC() + channel) * g.inH() * g.inW();
            for (int i = 0; i < 6; i++) {
                stageRow(g, x, plane, h0 + i, tilesW, staging, 4 * i * row, row, vector);
            }
            int at = vOff + (band - band0) * tilesW;
            if (vector) {
                F4VectorInputTiles.transform(staging, row, tilesW, v, at, vStride);
            } else {
                scalar(staging, row, tilesW, v, at, vStride);
            }
        }
    }

    /** Splits input row {@code h} into its four column phases for tiles {@code 0..tilesW} (one past the last). */
    private static void stageRow(
            ConvGeometry g, float[] x, int plane, int h, int tilesW, float[] s, int at, int row, boolean vector) {
        int inW = g.inW();
        if (h < 0 || h >= g.inH()) {
            for (int k = 0; k < 4; k++) {
                java.util.Arrays.fill(s, at + k * row, at + k * row + tilesW + 1, 0f);
            }
            return;
        }
        int rowAt = plane + h * inW;
        int left = g.padLeft();
        if (vector
                && PairSplit.SHORT_ROWS_PAY
                && F4VectorInputTiles.fitsShort(tilesW + 1)
                && F4VectorInputTiles.windowsInside(x, rowAt, left)) {
            F4VectorInputTiles.stageShort(x, rowAt, inW, left, s, at, row, tilesW + 1);
            return;
        }
        // Tiles whose four columns 4t - left .. 4t - left + 3 are all inside the row need no checks.
        int first = Math.min(tilesW + 1, (left + 3) / 4);
        int last = Math.max(first, Math.min(tilesW + 1, Math.floorDiv(inW - 4 + left, 4) + 1));
        for (int t = 0; t < first; t++) {
            stageChecked(x, rowAt, 4 * t - left, inW, s, at + t, row);
        }
        int t0 = first;
        if (vector) {
            t0 += F4VectorInputTiles.stage(x, rowAt + 4 * first - left, s, at + first, row, last - first);
        }
        for (int t = t0, col = rowAt + 4 * t0 - left; t < last; t++, col += 4) {
            s[at + t] = x[col];
            s[at + row + t] = x[col + 1];
            s[at + 2 * row + t] = x[col + 2];
            s[at + 3 * row + t] = x[col + 3];
        }
        for (int t = last; t <= tilesW; t++) {
            stageChecked(x, rowAt, 4 * t - left, inW, s, at + t, row);
        }
    }

    private static void stageChecked(float[] x, int rowAt, int col, int inW, float[] s, int at, int row) {
        for (int k = 0; k < 4; k++) {
            int c = col + k;
            s[at + k * row] = c >= 0 && c < inW ? x[rowAt + c] : 0f;
        }
    }

    /** The transform of one staged band, tile by tile; {@link F4VectorInputTiles} is the same on whole vectors. */
    private static void scalar(float[] s, int row, int tilesW, float[] v, int at, int vStride) {
        for (int t = 0; t < tilesW; t++) {
            int o = at + t;
            for (int i = 0; i < 6; i++) {
                int p = 4 * i * row + t;
                float d0 = s[p];
                float d1 = s[p + row];
                float d2 = s[p + 2 * row];
                float d3 = s[p + 3 * row];
                float d4 = s[p + 1];
                float d5 = s[p + row + 1];
                int r = o + 6 * i * vStride;
                v[r] = 4f * (d0 - d2) + (d4 - d2);
                v[r + vStride] = (d3 + d4) - 4f * (d1 + d2);
                v[r + 2 * vStride] = (d4 - d3) + 4f * (d1 - d2);
                v[r + 3 * vStride] = (d4 - d2) + 2f * (d3 - d1);
                v[r + 4 * vStride] = (d4 - d2) - 2f * (d3 - d1);
                v[r + 5 * vStride] = 4f * (d1 - d3) + (d5 - d3);
            }
            for (int j = 0; j < 6; j++) {
                int c = o + j * vStride;
                int step = 6 * vStride;
                float d0 = v[c];
                float d1 = v[c + step];
                float d2 = v[c + 2 * step];
                float d3 = v[c + 3 * step];
                float d4 = v[c + 4 * step];
                float d5 = v[c + 5 * step];
                v[c] = 4f * (d0 - d2) + (d4 - d2);
                v[c + step] = (d3 + d4) - 4f * (d1 + d2);
                v[c + 2 * step] = (d4 - d3) + 4f * (d1 - d2);
                v[c + 3 * step] = (d4 - d2) + 2f * (d3 - d1);
                v[c + 4 * step] = (d4 - d2) - 2f * (d3 - d1);
                v[c + 5 * step] = 4f * (d1 - d3) + (d5 - d3);
            }
        }
    }
}
