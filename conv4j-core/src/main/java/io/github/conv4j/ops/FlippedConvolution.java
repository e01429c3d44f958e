package io.github.conv4j.ops;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.spec.ConvGeometry;

/**
 * For stride 1, the input gradient of a convolution (its transposed convolution) is itself a forward convolution of
 * the output gradient: every kernel rotated by 180°, input and output channels swapped within each group, and
 * padding {@code d·(k − 1) − p} on every side. So every fast forward kernel (direct, depthwise, Winograd, FFT) serves
 * the backward pass too.
 */
final class FlippedConvolution {
    private FlippedConvolution() {}

    /**
     * The geometry of the equivalent forward convolution, or {@code null} when the stride is not 1 or a padding
     * exceeds {@code d·(k − 1)} (the gradient would need cropping).
     */
    static ConvGeometry inputGradientGeometry(ConvGeometry g) {
        if (g.sh() != 1 || g.sw() != 1) {
            return null;
        }
        int eh = g.dh() * (g.kh() - 1);
        int ew = g.dw() * (g.kw() - 1);
        if (g.padTop() > eh || g.padBottom() > eh || g.padLeft() > ew || g.padRight() > ew) {
            return null;
        }
        return new ConvGeometry(
                g.n(),
                g.outC(),
                g.outH(),
                g.outW(),
                g.inC(),
                g.kh(),
                g.kw(),
                1,
                1,
                eh - g.padTop(),
                eh - g.padBottom(),
                ew - g.padLeft(),
                ew - g.padRight(),
                g.dh(),
                g.dw(),
                g.groups(),
                g.inH(),
                g.inW());
    }

    /**
     * {@code w'[grp·C_in/G + c][o] = rot180(w[grp·C_out/G + o][c])}, shaped {@code (C_in, C_out/G, kH, kW)}, in this
     * thread's {@link Workspace} slot 4 (valid until the next call on this thread; the array may be longer than the
     * weights). A fresh array per backward pass cost its first-touch page faults every time (9 MiB for 512 → 512
     * channels); the kernels only use slots 0 to 3.
     */
    static float[] flipTransposed(ConvGeometry g, float[] w) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int taps = g.kh() * g.kw();
        float[] out = Workspace.floats(4, g.outC() * cpg * taps);
        for (int grp = 0; grp < g.groups(); grp++) {
            // Written in order, read with a stride: the other way round scattered every store.
            for (int c = 0; c < cpg; c++) {
                for (int o = 0; o < opg; o++) {
                    int src = ((grp * opg + o) * cpg + c) * taps;
                    int dst = ((grp * cpg + c) * opg + o) * taps;
                    for (int k = 0; k < taps; k++) {
                        out[dst + k] = w[src + taps - 1 - k];
                    }
                }
            }
        }
        return out;
    }
}
