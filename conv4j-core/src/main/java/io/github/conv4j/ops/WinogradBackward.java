package io.github.conv4j.ops;

import io.github.conv4j.spec.ConvGeometry;

/**
 * The input gradient of a 3×3, stride-1 convolution is itself a 3×3, stride-1 convolution of the output gradient,
 * with each kernel rotated by 180°, input and output channels swapped, and padding {@code 2 − p} on every side; so
 * Winograd serves the backward pass too.
 */
final class WinogradBackward {
    private WinogradBackward() {}

    /** The geometry of the equivalent forward convolution, or {@code null} when a padding exceeds 2. */
    static ConvGeometry inputGradientGeometry(ConvGeometry g) {
        if (g.padTop() > 2 || g.padBottom() > 2 || g.padLeft() > 2 || g.padRight() > 2) {
            return null;
        }
        return new ConvGeometry(
                g.n(),
                g.outC(),
                g.outH(),
                g.outW(),
                g.inC(),
                3,
                3,
                1,
                1,
                2 - g.padTop(),
                2 - g.padBottom(),
                2 - g.padLeft(),
                2 - g.padRight(),
                1,
                1,
                g.groups(),
                g.inH(),
                g.inW());
    }

    /** {@code w'[grp][c][o] = rot180(w[grp][o][c])}, shaped {@code (C_in, C_out/G, 3, 3)}. */
    static float[] flipTransposed(ConvGeometry g, float[] w) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        float[] out = new float[w.length];
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int o = 0; o < opg; o++) {
                for (int c = 0; c < cpg; c++) {
                    int src = ((grp * opg + o) * cpg + c) * 9;
                    int dst = ((grp * cpg + c) * opg + o) * 9;
                    for (int k = 0; k < 9; k++) {
                        out[dst + k] = w[src + 8 - k];
                    }
                }
            }
        }
        return out;
    }
}
