package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.PairSplit;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;

/**
 * A stride-1 convolution with dilation {@code (dh, dw)} as one undilated one: output row {@code i = a + dh·t} only
 * reads padded input rows {@code a + dh·(t + k)}, so the outputs of one phase {@code (i mod dh, j mod dw)} are an
 * undilated 3×3 convolution of the input's rows and columns of that phase. Row phases become extra samples; column
 * phases are laid side by side in one wider plane (each with its own two halo columns), so that Winograd's tile bands
 * stay as wide as the original rows (its transforms run on whole vectors of tiles along a band) at the price of two
 * wasted output columns per seam. The gather and scatter copy the input and the output once each.
 *
 * <p>Sample {@code n·dh + a}, channel {@code c}, holds in row {@code s} and segment {@code b} (columns
 * {@code b·seg .. b·seg + seg − 1}, {@code seg = ceil(W_out/dw) + 2}) the values
 * {@code x[c][a + dh·s − padTop][b + dw·t − padLeft]}, zero outside the image; it has {@code ceil(H_out/dh) + 2}
 * rows. Samples are processed in passes whose gathered input and output fit {@link Workspace#BUDGET_BYTES} (at
 * least one sample per pass).
 */
final class DilationPhases {
    /** Workspace slot of the gathered input (slots 0 to 3 are Winograd's own). */
    private static final int INPUT_SLOT = 5;
    /** Workspace slot of the phases' outputs. */
    private static final int OUTPUT_SLOT = 6;

    private DilationPhases() {}

    /**
     * The undilated problem the phases form: {@code N·dh} samples of {@code ceil(H_out/dh) + 2} rows and
     * {@code dw·(ceil(W_out/dw) + 2)} columns, no padding.
     *
     * @param g a 3×3, stride-1 geometry
     * @return the phase geometry
     */
    static ConvGeometry phaseGeometry(ConvGeometry g) {
        return phaseGeometry(g, g.n());
    }

    /** The phase geometry of {@code samples} of the batch. */
    private static ConvGeometry phaseGeometry(ConvGeometry g, int samples) {
        int th = ceilDiv(g.outH(), g.dh());
        int width = g.dw() * segment(g);
        return new ConvGeometry(
                samples * g.dh(),
                g.inC(),
                th + g.kh() - 1,
                width,
                g.outC(),
                g.kh(),
                g.kw(),
                1,
                1,
                0,
                0,
                0,
                0,
                1,
                1,
                g.groups(),
                th,
                width - (g.kw() - 1));
    }

    /** Columns of one column phase in the wide plane: its outputs and the kernel's halo. */
    private static int segment(ConvGeometry g) {
        return ceilDiv(g.outW(), g.dw()) + g.kw() - 1;
    }

    /**
     * {@code y = conv2d(x, w) + b} through the phases, unless Winograd declines the data.
     *
     * @param g the dilated geometry (3×3, stride 1)
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight
     * @param b the bias or {@code null}
     * @param y the output, written only if the result is {@code true}
     * @param tile 2 or 4
     * @return whether Winograd accepted the data
     */
    static boolean forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int tile) {
        // Checked on the whole input first, so that no pass writes y before a later one would decline.
        if (!WinogradConv.accepts(g, x, w)) {
            return false;
        }
        ConvGeometry one = phaseGeometry(g, 1);
        long perSample = (long) one.inC() * one.inH() * one.inW() * one.n()
                + (long) one.outC() * one.outH() * one.outW() * one.n();
        int samples = (int) Math.max(1, Math.min(g.n(), Workspace.BUDGET_BYTES / 4 / perSample));
        boolean vector = Simd.available() && g.dw() == 2;
        for (int n0 = 0; n0 < g.n(); n0 += samples) {
            int first = n0;
            int count = Math.min(samples, g.n() - n0);
            ConvGeometry p = phaseGeometry(g, count);
            float[] xs = Workspace.floats(INPUT_SLOT, p.n() * p.inC() * p.inH() * p.inW());
            float[] ys = Workspace.floats(OUTPUT_SLOT, p.n() * p.outC() * p.outH() * p.outW());
            Parallel.forRange(count * g.inC(), 1, (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    gather(g, p, x, first * g.inC() + plane, first, xs, vector);
                }
            });
            WinogradConv.compute(p, xs, w, b, ys, tile);
            Parallel.forRange(count * g.outC(), 1, (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    scatter(g, p, ys, first * g.outC() + plane, first, y, vector);
                }
            });
        }
        return true;
    }

    /**
     * Copies input plane {@code (n, c)} into its row phases' planes, column phases side by side, in the pass that
     * starts at sample {@code first}.
     */
    private static void gather(
            ConvGeometry g, ConvGeometry p, float[] x, int plane, int first, float[] xs, boolean vector) {
        int n = plane / g.inC() - first;
        int c = plane % g.inC();
        int inH = g.inH();
        int inW = g.inW();
        int dw = g.dw();
        int pl = g.padLeft();
        int seg = segment(g);
        int width = p.inW();
        for (int a = 0; a < g.dh(); a++) {
            int dst = ((n * g.dh() + a) * g.inC() + c) * p.inH() * width;
            for (int s = 0; s < p.inH(); s++) {
                int row = a + g.dh() * s - g.padTop();
                int d = dst + s * width;
                if (row < 0 || row >= inH) {
                    Arrays.fill(xs, d, d + width, 0f);
                    continue;
                }
                int src = (plane * inH + row) * inW;
                for (int bb = 0; bb < dw; bb++) {
                    // Segment bb holds columns bb + dw·t − padLeft; those inside the image are t0 <= t < t1.
                    int col0 = bb - pl;
                    int t0 = Math.min(seg, col0 >= 0 ? 0 : ceilDiv(-col0, dw));
                    int t1 = Math.max(t0, Math.min(seg, col0 >= inW ? 0 : ceilDiv(inW - col0, dw)));
                    int at = d + bb * seg;
                    Arrays.fill(xs, at, at + t0, 0f);
                    Arrays.fill(xs, at + t1, at + seg, 0f);
                }
                int done = 0;
                if (vector) {
                    // Column 2i goes to segment pl % 2 at t = i + pl / 2, column 2i + 1 to the other at i + (pl+1) / 2.
                    int even = d + (pl % 2) * seg + pl / 2;
                    int odd = d + ((pl + 1) % 2) * seg + (pl + 1) / 2;
                    done = 2 * PairSplit.split(x, src, xs, even, odd, inW / 2);
                }
                for (int col = done; col < inW; col++) {
                    int shifted = col + pl;
                    xs[d + (shifted % dw) * seg + shifted / dw] = x[src + col];
                }
            }
        }
    }

    /** Interleaves the phases of output plane {@code (n, o)} into it, from the pass that starts at sample {@code first}. */
    private static void scatter(
            ConvGeometry g, ConvGeometry p, float[] ys, int plane, int first, float[] y, boolean vector) {
        int n = plane / g.outC() - first;
        int o = plane % g.outC();
        int outH = g.outH();
        int outW = g.outW();
        int dw = g.dw();
        int seg = segment(g);
        int width = p.outW();
        for (int i = 0; i < outH; i++) {
            int a = i % g.dh();
            int t = i / g.dh();
            int dst = (plane * outH + i) * outW;
            int src = (((n * g.dh() + a) * g.outC() + o) * p.outH() + t) * width;
            int done = vector ? 2 * VectorInterleave.interleave(ys, src, ys, src + seg, y, dst, outW / 2) : 0;
            for (int j = done; j < outW; j++) {
                y[dst + j] = ys[src + (j % dw) * seg + j / dw];
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
