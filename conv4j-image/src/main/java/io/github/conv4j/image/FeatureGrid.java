package io.github.conv4j.image;

import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Lays out the channels of a multi-channel map as a grid of small images, each normalised on its own, so that a
 * {@code (C, H, W)} feature map (or the per-channel result of a filter) fits in one PNG.
 *
 * <pre>{@code
 * Tensor sheet = FeatureGrid.render(features, Normalization.SIGNED, false); // (3, H', W')
 * }</pre>
 */
public final class FeatureGrid {
    /** White pixels between tiles. */
    public static final int GAP = 2;

    private FeatureGrid() {}

    /**
     * Renders every channel with the normalisation into a near-square grid ({@code ⌈√C⌉} columns), separated by
     * {@link #GAP} white pixels.
     *
     * @param maps {@code (C, H, W)}, or {@code (N, C, H, W)} flattened to {@code N·C} maps
     * @param normalization applied to each map separately
     * @param allowNonFinite as {@link Normalization#apply(Tensor, boolean)}
     * @return {@code (K, rows·(H+GAP)−GAP, cols·(W+GAP)−GAP)} in [0, 1], K = 3 for SIGNED, 1 otherwise
     * @throws IllegalArgumentException for another shape or a refused non-finite value
     */
    public static Tensor render(Tensor maps, Normalization normalization, boolean allowNonFinite) {
        int[] s = maps.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException("grid: expected (C, H, W) or (N, C, H, W), got " + Arrays.toString(s));
        }
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int count = s.length == 3 ? s[0] : s[0] * s[1];
        if (count < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("grid: nothing to render in shape " + Arrays.toString(s));
        }
        int cols = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + cols - 1) / cols;
        int k = normalization == Normalization.SIGNED ? 3 : 1;
        int gh = rows * (h + GAP) - GAP;
        int gw = cols * (w + GAP) - GAP;
        float[] grid = new float[k * gh * gw];
        Arrays.fill(grid, 1f);
        float[] all = maps.toFloatArray();
        for (int m = 0; m < count; m++) {
            Tensor one = Tensor.wrap(Arrays.copyOfRange(all, m * h * w, (m + 1) * h * w), h, w);
            float[] tile = normalization.apply(one, allowNonFinite).toFloatArray();
            int top = (m / cols) * (h + GAP);
            int left = (m % cols) * (w + GAP);
            for (int ch = 0; ch < k; ch++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(tile, (ch * h + y) * w, grid, (ch * gh + top + y) * gw + left, w);
                }
            }
        }
        return Tensor.wrap(grid, k, gh, gw);
    }
}
