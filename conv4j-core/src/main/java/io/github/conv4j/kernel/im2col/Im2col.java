package io.github.conv4j.kernel.im2col;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.simd.ShortRowCopy;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Builds and scatters chunks of the column matrix of one sample and one group: row {@code (c·kH + p)·kW + q} of a
 * chunk holds, for output positions {@code l0 ≤ l < l1} ({@code l = i·W_out + j}), the input value that tap
 * {@code (c, p, q)} reads, or zero outside the input.
 */
final class Im2col {
    private Im2col() {}

    /**
     * Fills {@code cols} rows {@code [r0, r1)} (each of length {@code l1 − l0}, leading dimension {@code ld}).
     *
     * @param g the geometry
     * @param x the input array (N, C, H, W)
     * @param xOff offset of the group's first input channel of the sample
     * @param l0 first output position
     * @param l1 end output position
     * @param cols the chunk
     * @param colOff index in {@code cols} of row 0's entry for position {@code l0}
     * @param ld the chunk's leading dimension
     * @param r0 first row
     * @param r1 end row
     */
    static void build(
            ConvGeometry g, float[] x, int xOff, int l0, int l1, float[] cols, int colOff, int ld, int r0, int r1) {
        if (l0 == 0 && l1 == g.outH() * g.outW() && g.outW() < SHORT_ROW) {
            buildFromPadded(g, x, xOff, cols, colOff, ld, r0, r1);
            return;
        }
        int kh = g.kh();
        int kw = g.kw();
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            int p = (r / kw) % kh;
            int q = r % kw;
            int plane = xOff + c * inH * inW;
            int dst = colOff + r * ld - l0;
            int l = l0;
            while (l < l1) {
                int i = l / outW;
                int j0 = l % outW;
                int j1 = Math.min(outW, j0 + (l1 - l));
                int ih = i * g.sh() + p * g.dh() - g.padTop();
                if (ih < 0 || ih >= inH) {
                    java.util.Arrays.fill(cols, dst + l, dst + l + (j1 - j0), 0f);
                } else {
                    int row = plane + ih * inW;
                    int offW = q * g.dw() - g.padLeft();
                    int sw = g.sw();
                    // The valid output columns read iw = j·sw + offW inside [0, inW).
                    int jLo = Math.max(j0, ceilDiv(-offW, sw));
                    int jHi = Math.min(j1, ceilDiv(inW - offW, sw));
                    if (jHi <= jLo) {
                        java.util.Arrays.fill(cols, dst + l, dst + l + (j1 - j0), 0f);
                    } else {
                        java.util.Arrays.fill(cols, dst + l, dst + l + (jLo - j0), 0f);
                        int base = dst + l - j0;
                        if (sw == 1) {
                            System.arraycopy(x, row + jLo + offW, cols, base + jLo, jHi - jLo);
                        } else {
                            for (int j = jLo; j < jHi; j++) {
                                cols[base + j] = x[row + j * sw + offW];
                            }
                        }
                        java.util.Arrays.fill(cols, base + jHi, base + j1, 0f);
                    }
                }
                l += j1 - j0;
            }
        }
    }

    /**
     * Output rows shorter than this are built from a zero-padded copy of each input plane: the general loop pays a
     * division, a bounds computation and up to three fills or copies per output row, which for 7×7 and 14×14 planes
     * cost several times the copying itself (the 512-channel 7×7 weight gradient spent 30 ms building 14 MB).
     */
    static final int SHORT_ROW = 32;

    /**
     * The whole plane of rows {@code [r0, r1)}: each input channel is copied once into a zero-bordered plane (a
     * per-thread {@link Workspace} buffer), from which every tap reads without bounds checks.
     */
    private static void buildFromPadded(
            ConvGeometry g, float[] x, int xOff, float[] cols, int colOff, int ld, int r0, int r1) {
        int kh = g.kh();
        int kw = g.kw();
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        int hp = inH + g.padTop() + g.padBottom();
        int wp = inW + g.padLeft() + g.padRight();
        int rowStep = g.sh() * wp;
        int sw = g.sw();
        boolean vector = sw == 1 && Simd.available();
        float[] padded = Workspace.floats(3, hp * wp + (vector ? ShortRowCopy.SLACK : 0));
        int current = -1;
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            if (c != current) {
                current = c;
                java.util.Arrays.fill(padded, 0, hp * wp, 0f);
                int plane = xOff + c * inH * inW;
                for (int i = 0; i < inH; i++) {
                    System.arraycopy(x, plane + i * inW, padded, (i + g.padTop()) * wp + g.padLeft(), inW);
                }
            }
            int p = (r / kw) % kh;
            int q = r % kw;
            int src = p * g.dh() * wp + q * g.dw();
            int dst = colOff + r * ld;
            if (vector) {
                ShortRowCopy.rows(padded, src, rowStep, cols, dst, outW, outH);
                continue;
            }
            for (int i = 0; i < outH; i++, src += rowStep, dst += outW) {
                for (int j = 0; j < outW; j++) {
                    cols[dst + j] = padded[src + j * sw];
                }
            }
        }
    }

    /**
     * Adds {@code cols} rows {@code [r0, r1)} back into the input-shaped array (the adjoint of {@link #build}).
     * Rows belonging to one input channel must be handled by one thread, which callers ensure by splitting on
     * channel boundaries.
     */
    static void scatterAdd(ConvGeometry g, float[] cols, int ld, int l0, int l1, float[] x, int xOff, int r0, int r1) {
        int kh = g.kh();
        int kw = g.kw();
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            int p = (r / kw) % kh;
            int q = r % kw;
            int plane = xOff + c * inH * inW;
            int src = r * ld - l0;
            int l = l0;
            while (l < l1) {
                int i = l / outW;
                int j0 = l % outW;
                int j1 = Math.min(outW, j0 + (l1 - l));
                int ih = i * g.sh() + p * g.dh() - g.padTop();
                if (ih >= 0 && ih < inH) {
                    int row = plane + ih * inW;
                    int offW = q * g.dw() - g.padLeft();
                    int sw = g.sw();
                    int jLo = Math.max(j0, ceilDiv(-offW, sw));
                    int jHi = Math.min(j1, ceilDiv(inW - offW, sw));
                    int base = src + l - j0;
                    for (int j = jLo; j < jHi; j++) {
                        x[row + j * sw + offW] += cols[base + j];
                    }
                }
                l += j1 - j0;
            }
        }
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
