package io.github.conv4j.kernel.winograd;

/**
 * The weight transform of F(2×2, 3×3): {@code U = G g Gᵀ} with {@code G = [[1,0,0],[½,½,½],[½,−½,½],[0,0,1]]}, for
 * every (output, input) channel pair of one group, stored as 16 matrices {@code U[ξ]} of {@code C_out × C_in}
 * (the A operands of the 16 GEMMs), through {@link WeightBlocks}.
 */
final class F2Weights {
    private static final int BLOCK = WeightBlocks.BLOCK;

    private F2Weights() {}

    /**
     * Transforms output channels {@code [o0, o1)} of one group.
     *
     * @param w the weight, {@code (C_out, C_in/G, 3, 3)}
     * @param wOff index of the group's first weight
     * @param opg output channels per group
     * @param cpg input channels per group
     * @param o0 first output channel (within the group)
     * @param o1 end of the output channels
     * @param u the result: {@code u[uOff + (ξ·opg + o)·cpg + c]}
     * @param uOff index of the group's first transformed weight
     * @param flipped whether {@code w} is read as the input gradient's rotated, transposed weights (see {@link
     *     WeightBlocks#apply})
     */
    static void apply(float[] w, int wOff, int opg, int cpg, int o0, int o1, float[] u, int uOff, boolean flipped) {
        WeightBlocks.apply(w, wOff, opg, cpg, o0, o1, 16, F2Weights::transformOne, u, uOff, flipped);
    }

    /** {@code G g Gᵀ} of the 3×3 kernel at {@code base}, component ξ at {@code buf[ξ·BLOCK + at]}. */
    private static void transformOne(float[] w, int base, float[] buf, int at) {
        for (int col = 0; col < 3; col++) {
            // Column `col` of G g, rows 0..3.
            float g0 = w[base + col];
            float g1 = w[base + 3 + col];
            float g2 = w[base + 6 + col];
            buf[(12 + col) * BLOCK + at] = g2;
            buf[col * BLOCK + at] = g0;
            buf[(4 + col) * BLOCK + at] = 0.5f * (g0 + g1 + g2);
            buf[(8 + col) * BLOCK + at] = 0.5f * (g0 - g1 + g2);
        }
        for (int row = 0; row < 4; row++) {
            // Row `row` of (G g) Gᵀ, from the columns just stored at ξ = 4·row + col.
            int r = row * 4 * BLOCK + at;
            float a0 = buf[r];
            float a1 = buf[r + BLOCK];
            float a2 = buf[r + 2 * BLOCK];
            buf[r + BLOCK] = 0.5f * (a0 + a1 + a2);
            buf[r + 2 * BLOCK] = 0.5f * (a0 - a1 + a2);
            buf[r + 3 * BLOCK] = a2;
        }
    }
}
