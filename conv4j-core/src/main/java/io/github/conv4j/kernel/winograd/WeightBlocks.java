package io.github.conv4j.kernel.winograd;

/**
 * The loop both weight transforms share: output channels one by one, input channels in blocks of {@link #BLOCK}
 * through a small buffer with one row per transformed component, copied out row by row. Writing the components of
 * each (output, input) pair straight to matrices a power of two apart (1 MiB for 512 × 512 channels) sends every store
 * to the same cache set, which measured 38 ns per pair against a few with the buffer.
 */
final class WeightBlocks {
    /** Input channels per buffered block. */
    static final int BLOCK = 64;

    private WeightBlocks() {}

    /** Transforms one 3×3 kernel: component ξ goes to {@code buf[ξ·BLOCK + at]}. */
    interface PairTransform {
        void apply(float[] w, int base, float[] buf, int at);
    }

    /**
     * Transforms output channels {@code [o0, o1)} of one group.
     *
     * @param w the weight, {@code (C_out, C_in/G, 3, 3)}
     * @param wOff index of the group's first weight
     * @param opg output channels per group
     * @param cpg input channels per group
     * @param o0 first output channel (within the group)
     * @param o1 end of the output channels
     * @param components transformed values per kernel (16 or 36)
     * @param transform the per-kernel transform
     * @param u the result: {@code u[uOff + (ξ·opg + o)·cpg + c]}
     * @param uOff index of the group's first transformed weight
     * @param flipped whether {@code w} holds the weights of the convolution this one is the input gradient of, laid
     *     out {@code (C_in, C_out/G, 3, 3)} from this problem's point of view: kernel (o, c) is then the 180°
     *     rotation of {@code w[wOff + (c·opg + o)·9 ..]}, read in place instead of from a flipped copy
     */
    static void apply(
            float[] w,
            int wOff,
            int opg,
            int cpg,
            int o0,
            int o1,
            int components,
            PairTransform transform,
            float[] u,
            int uOff,
            boolean flipped) {
        int stride = opg * cpg;
        float[] buf = new float[components * BLOCK];
        float[] rotated = new float[9];
        for (int o = o0; o < o1; o++) {
            for (int c0 = 0; c0 < cpg; c0 += BLOCK) {
                int count = Math.min(BLOCK, cpg - c0);
                for (int cc = 0; cc < count; cc++) {
                    if (flipped) {
                        int base = wOff + ((c0 + cc) * opg + o) * 9;
                        for (int k = 0; k < 9; k++) {
                            rotated[k] = w[base + 8 - k];
                        }
                        transform.apply(rotated, 0, buf, cc);
                    } else {
                        transform.apply(w, wOff + (o * cpg + c0 + cc) * 9, buf, cc);
                    }
                }
                int at = uOff + o * cpg + c0;
                for (int xi = 0; xi < components; xi++) {
                    System.arraycopy(buf, xi * BLOCK, u, at + xi * stride, count);
                }
            }
        }
    }
}
