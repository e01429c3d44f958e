package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.PairSplit;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The input transform of F(2×2, 3×3), {@code V = Bᵀ d B} with
 * {@code Bᵀ = [[1,0,−1,0],[0,1,1,0],[0,−1,1,0],[0,1,0,−1]]}, for every 4×4 patch {@code d} (stride 2, zeros outside
 * the input) of one channel over a range of bands.
 *
 * <p>Each band's four input rows are first staged split into even and odd columns ({@code E[t] = d[2t]},
 * {@code O[t] = d[2t + 1]}, padding resolved there), so that tile {@code t}'s columns are {@code E[t], O[t], E[t+1],
 * O[t+1]}: unit-stride in {@code t}, which lets the transform run on whole vectors of tiles. Scalar and vector code
 * evaluate the same expressions in the same order, so they give the same bits.
 */
final class F2InputTiles {
    private F2InputTiles() {}

    /** Floats of staging one band needs: 4 rows of even and 4 of odd columns. */
    static int stagingSize(int tilesW) {
        return 8 * stagingRow(tilesW);
    }

    static int stagingRow(int tilesW) {
        return tilesW + 1 + TilePlan.PAD;
    }

    /**
     * Transforms channel {@code channel} (absolute index in the input) for bands {@code [band0, band1)}.
     *
     * @param g the geometry
     * @param plan the tiling
     * @param x the input
     * @param channel the input channel
     * @param band0 first band (numbered over the batch)
     * @param band1 end of the bands
     * @param staging scratch of at least {@link #stagingSize} floats
     * @param v the result: tile {@code T} of the chunk (counted from {@code band0}) at {@code v[vOff + ξ·vStride + T]}
     * @param vOff index of this channel's ξ = 0 element for the first tile
     * @param vStride distance between the 16 transformed components
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
        float[] p = vector ? null : new float[16];
        for (int band = band0; band < band1; band++) {
            int n = band / plan.tilesH();
            int h0 = (band % plan.tilesH()) * 2 - g.padTop();
            int plane = (n * g.inC() + channel) * g.inH() * g.inW();
            for (int i = 0; i < 4; i++) {
                stageRow(g, x, plane, h0 + i, tilesW, staging, i * row, (4 + i) * row, vector);
            }
            int at = vOff + (band - band0) * tilesW;
            if (vector) {
                F2VectorInputTiles.transform(staging, row, tilesW, v, at, vStride);
            } else {
                scalar(staging, row, tilesW, v, at, vStride, p);
            }
        }
    }

    /** Splits input row {@code h} into even and odd columns for tiles {@code 0..tilesW} (one past the last). */
    private static void stageRow(
            ConvGeometry g, float[] x, int plane, int h, int tilesW, float[] s, int evenAt, int oddAt, boolean vector) {
        int inW = g.inW();
        if (h < 0 || h >= g.inH()) {
            for (int t = 0; t <= tilesW; t++) {
                s[evenAt + t] = 0f;
                s[oddAt + t] = 0f;
            }
            return;
        }
        int rowAt = plane + h * inW;
        int left = g.padLeft();
        if (vector
                && PairSplit.SHORT_ROWS_PAY
                && PairSplit.fitsShort(inW, left, tilesW + 1)
                && PairSplit.windowInside(x, rowAt, left)) {
            PairSplit.splitShort(x, rowAt, inW, left, s, evenAt, oddAt, tilesW + 1);
            return;
        }
        // Tiles whose two columns 2t - left and 2t - left + 1 are both inside the row need no checks.
        int first = Math.min(tilesW + 1, (left + 1) / 2);
        int last = Math.max(first, Math.min(tilesW + 1, Math.floorDiv(inW - 2 + left, 2) + 1));
        for (int t = 0; t < first; t++) {
            stageChecked(x, rowAt, 2 * t - left, inW, s, evenAt + t, oddAt + t);
        }
        int col = rowAt + 2 * first - left;
        int t0 = first;
        if (vector) {
            int done = PairSplit.split(x, col, s, evenAt + first, oddAt + first, last - first);
            t0 += done;
            col += 2 * done;
        }
        for (int t = t0; t < last; t++, col += 2) {
            s[evenAt + t] = x[col];
            s[oddAt + t] = x[col + 1];
        }
        for (int t = last; t <= tilesW; t++) {
            stageChecked(x, rowAt, 2 * t - left, inW, s, evenAt + t, oddAt + t);
        }
    }

    private static void stageChecked(float[] x, int rowAt, int col, int inW, float[] s, int even, int odd) {
        s[even] = col >= 0 && col < inW ? x[rowAt + col] : 0f;
        s[odd] = col + 1 >= 0 && col + 1 < inW ? x[rowAt + col + 1] : 0f;
    }

    /** The transform of one staged band, tile by tile; {@link F2VectorInputTiles} is the same on whole vectors. */
    private static void scalar(float[] s, int row, int tilesW, float[] v, int at, int vStride, float[] p) {
        for (int t = 0; t < tilesW; t++) {
            // d B for each of the four rows: p[i][j].
            for (int i = 0; i < 4; i++) {
                float e0 = s[i * row + t];
                float e1 = s[i * row + t + 1];
                float o0 = s[(4 + i) * row + t];
                float o1 = s[(4 + i) * row + t + 1];
                p[i * 4] = e0 - e1;
                p[i * 4 + 1] = o0 + e1;
                p[i * 4 + 2] = e1 - o0;
                p[i * 4 + 3] = o0 - o1;
            }
            // Bᵀ (d B), column by column.
            for (int j = 0; j < 4; j++) {
                v[at + j * vStride + t] = p[j] - p[8 + j];
                v[at + (4 + j) * vStride + t] = p[4 + j] + p[8 + j];
                v[at + (8 + j) * vStride + t] = p[8 + j] - p[4 + j];
                v[at + (12 + j) * vStride + t] = p[4 + j] - p[12 + j];
            }
        }
    }
}
