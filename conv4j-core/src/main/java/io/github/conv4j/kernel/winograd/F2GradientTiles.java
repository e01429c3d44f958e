package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.PairSplit;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * The output-gradient transform of F(2×2, 3×3) for the weight gradient, {@code Z = A gy Aᵀ} with
 * {@code A = [[1,0],[1,1],[1,−1],[0,−1]]}: the adjoint of {@link F2OutputTiles}' {@code Y = Aᵀ M A}, for one output
 * channel over a range of bands. Each 2×2 block of the output gradient (zero past the bottom and right edges) becomes
 * 16 components.
 *
 * <p>Two gradient rows are first split into even and odd columns in four staging rows (the tiles of several narrow
 * bands side by side, {@link TilePlan#bandsPerGroup}), then transformed on whole vectors of tiles ({@link F2VectorGradientTiles}) or tile by tile, evaluating the same expressions in the same order.
 */
final class F2GradientTiles {
    private F2GradientTiles() {}

    /** Floats of staging a group of bands needs: even and odd columns of two rows. */
    static int stagingSize(int tilesW) {
        return 4 * stagingRow(tilesW);
    }

    private static int stagingRow(int tilesW) {
        return TilePlan.groupTiles(tilesW) + TilePlan.PAD;
    }

    /**
     * Transforms output-gradient channel {@code channel} (absolute index) for bands {@code [band0, band1)}.
     *
     * @param g the geometry
     * @param plan the tiling (2×2 tiles)
     * @param gy the output gradient {@code (N, C_out, H_out, W_out)}
     * @param channel the output channel
     * @param band0 first band (numbered over the batch)
     * @param band1 end of the bands
     * @param staging scratch of at least {@link #stagingSize} floats
     * @param z the result: tile {@code T} of the chunk at {@code z[zOff + ξ·zStride + T]}; the last vector of a band
     *     may write past its last tile into the next band's tiles (which that band then overwrites) or the row's pad
     * @param zOff index of this channel's ξ = 0 element for the first tile
     * @param zStride distance between the 16 components
     */
    static void transform(
            ConvGeometry g,
            TilePlan plan,
            float[] gy,
            int channel,
            int band0,
            int band1,
            float[] staging,
            float[] z,
            int zOff,
            int zStride) {
        int tilesW = plan.tilesW();
        int row = stagingRow(tilesW);
        boolean vector = Simd.available();
        int group = TilePlan.bandsPerGroup(tilesW);
        for (int first = band0; first < band1; first += group) {
            int end = Math.min(band1, first + group);
            for (int band = first; band < end; band++) {
                int n = band / plan.tilesH();
                int h = (band % plan.tilesH()) * 2;
                int plane = (n * g.outC() + channel) * g.outH() * g.outW();
                int tile0 = (band - first) * tilesW;
                stageRow(g, gy, plane, h, tilesW, staging, tile0, row + tile0, vector);
                stageRow(g, gy, plane, h + 1, tilesW, staging, 2 * row + tile0, 3 * row + tile0, vector);
            }
            int at = zOff + (first - band0) * tilesW;
            int tiles = (end - first) * tilesW;
            if (vector) {
                F2VectorGradientTiles.transform(staging, row, tiles, z, at, zStride);
            } else {
                scalar(staging, row, tiles, z, at, zStride);
            }
        }
    }

    /** Splits gradient row {@code h} into even and odd columns, zero past the edges. */
    private static void stageRow(
            ConvGeometry g,
            float[] gy,
            int plane,
            int h,
            int tilesW,
            float[] s,
            int evenAt,
            int oddAt,
            boolean vector) {
        if (h >= g.outH()) {
            java.util.Arrays.fill(s, evenAt, evenAt + tilesW, 0f);
            java.util.Arrays.fill(s, oddAt, oddAt + tilesW, 0f);
            return;
        }
        int outW = g.outW();
        int pairs = outW / 2;
        int rowAt = plane + h * outW;
        int done = vector ? PairSplit.split(gy, rowAt, s, evenAt, oddAt, pairs) : 0;
        for (int t = done; t < pairs; t++) {
            s[evenAt + t] = gy[rowAt + 2 * t];
            s[oddAt + t] = gy[rowAt + 2 * t + 1];
        }
        if (pairs < tilesW) {
            // An odd width: the last tile has one column.
            s[evenAt + pairs] = gy[rowAt + 2 * pairs];
            s[oddAt + pairs] = 0f;
        }
    }

    /** One band's tiles from the staging rows (row 0 even/odd, row 1 even/odd). */
    private static void scalar(float[] s, int row, int tiles, float[] z, int at, int zStride) {
        for (int t = 0; t < tiles; t++) {
            float a = s[t];
            float b = s[row + t];
            float c = s[2 * row + t];
            float d = s[3 * row + t];
            // A gy: rows (a, b), (a + c, b + d), (a − c, b − d), (−c, −d); then each row (u, v) times Aᵀ.
            int i = at + t;
            column(a, b, z, i, zStride);
            column(a + c, b + d, z, i + 4 * zStride, zStride);
            column(a - c, b - d, z, i + 8 * zStride, zStride);
            column(-c, -d, z, i + 12 * zStride, zStride);
        }
    }

    /** {@code (u, v)·Aᵀ = (u, u + v, u − v, −v)} into four consecutive components. */
    private static void column(float u, float v, float[] z, int i, int zStride) {
        z[i] = u;
        z[i + zStride] = u + v;
        z[i + 2 * zStride] = u - v;
        z[i + 3 * zStride] = -v;
    }
}
