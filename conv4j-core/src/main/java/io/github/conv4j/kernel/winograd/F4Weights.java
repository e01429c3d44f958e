package io.github.conv4j.kernel.winograd;

/**
 * The weight transform of F(4×4, 3×3): {@code U = G g Gᵀ} with (Lavin and Gray's interpolation points 0, ±1, ±2, ∞)
 *
 * <pre>
 * G = [[ 1/4,    0,     0  ],
 *      [−1/6,  −1/6,  −1/6 ],
 *      [−1/6,   1/6,  −1/6 ],
 *      [1/24,  1/12,   1/6 ],
 *      [1/24, −1/12,   1/6 ],
 *      [  0,     0,     1  ]]
 * </pre>
 *
 * for every (output, input) channel pair of one group, stored as 36 matrices {@code U[ξ]} of {@code C_out × C_in}.
 * Rows 1 to 4 are computed as {@code (g0 ± g1 + g2)·(−1/6)} and {@code (g0 ± 2g1 + 4g2)·(1/24)}: one rounded
 * constant each. The loop over channels is {@link WeightBlocks}'.
 */
final class F4Weights {
    private static final int BLOCK = WeightBlocks.BLOCK;
    private static final float SIXTH = -1f / 6f;
    private static final float TWENTY_FOURTH = 1f / 24f;

    private F4Weights() {}

    /**
     * Transforms output channels {@code [o0, o1)} of one group.
     *
     * @param w the weight, {@code (C_out, C_in/G, 3, 3)}
     * @param wOff index of the group's first weight
     * @param opg output channels per group
     * @param cpg input channels per group
     * @param o0 first output channel (within the group)
     * @param o1 end of the output channels
     * @param u the result: {@code u[uOff + (ξ·opg + o)·cpg + c]}, ξ = 6·row + column
     * @param uOff index of the group's first transformed weight
     * @param flipped whether {@code w} is read as the input gradient's rotated, transposed weights (see {@link
     *     WeightBlocks#apply})
     */
    static void apply(float[] w, int wOff, int opg, int cpg, int o0, int o1, float[] u, int uOff, boolean flipped) {
        WeightBlocks.apply(w, wOff, opg, cpg, o0, o1, 36, F4Weights::transformOne, u, uOff, flipped);
    }

    private static void transformOne(float[] w, int base, float[] buf, int at) {
        for (int col = 0; col < 3; col++) {
            // Column `col` of G g, rows 0..5, stored at ξ = 6·row + col.
            float g0 = w[base + col];
            float g1 = w[base + 3 + col];
            float g2 = w[base + 6 + col];
            buf[col * BLOCK + at] = 0.25f * g0;
            buf[(6 + col) * BLOCK + at] = (g0 + g1 + g2) * SIXTH;
            buf[(12 + col) * BLOCK + at] = (g0 - g1 + g2) * SIXTH;
            buf[(18 + col) * BLOCK + at] = (g0 + 2f * g1 + 4f * g2) * TWENTY_FOURTH;
            buf[(24 + col) * BLOCK + at] = (g0 - 2f * g1 + 4f * g2) * TWENTY_FOURTH;
            buf[(30 + col) * BLOCK + at] = g2;
        }
        for (int row = 0; row < 6; row++) {
            // Row `row` of (G g) Gᵀ, from the three columns just stored.
            int r = row * 6 * BLOCK + at;
            float a0 = buf[r];
            float a1 = buf[r + BLOCK];
            float a2 = buf[r + 2 * BLOCK];
            buf[r] = 0.25f * a0;
            buf[r + BLOCK] = (a0 + a1 + a2) * SIXTH;
            buf[r + 2 * BLOCK] = (a0 - a1 + a2) * SIXTH;
            buf[r + 3 * BLOCK] = (a0 + 2f * a1 + 4f * a2) * TWENTY_FOURTH;
            buf[r + 4 * BLOCK] = (a0 - 2f * a1 + 4f * a2) * TWENTY_FOURTH;
            buf[r + 5 * BLOCK] = a2;
        }
    }
}
