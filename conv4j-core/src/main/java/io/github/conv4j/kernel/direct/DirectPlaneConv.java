package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;

/**
 * Direct 2-D cross-correlation of problems where every output plane reads exactly one input plane
 * ({@code C_in / groups == 1}): single-channel image filters, one image filtered by several kernels, and depthwise
 * convolution. Zero padding, any kernel size, stride and dilation, as {@code ReferenceConv2d.forward}.
 *
 * <p>Arrays are flat and row-major: {@code x} is {@code (N, C_in, H, W)}, {@code w} is {@code (C_out, 1, kH, kW)},
 * {@code y} is {@code (N, C_out, H_out, W_out)}; output channel {@code o} reads input channel
 * {@code o / (C_out / groups)}.
 *
 * <p>How it runs: each output row is built from kernel-row passes ({@link Rows#pass}); rows whose kernel overlaps
 * the top or bottom padding simply skip those kernel rows, and only the few columns whose taps reach the left or
 * right padding take the scalar path. 3×3 and 5×5 kernels of horizontal stride 1 keep all their taps in registers for
 * the whole plane;
 * {@code kH×1} kernels sum rows in one sweep. Horizontal strides compute a stride-1 row into scratch and keep every
 * {@code sw}-th column. Work is split into blocks of output rows run by {@code Parallel}. Every output is a fixed
 * chain of fused multiply-adds (bias, then taps row by row, left to
 * right), so the result does not depend on the path or on how planes are split among threads, and differs from the
 * exact sum by at most {@code (kH·kW + 1)·2⁻²⁴·(|b| + Σ|x·w|)}.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.forConv2d(new int[] {1, 1, 480, 640}, new int[] {1, 1, 3, 3},
 *         Conv2dOptions.defaults().padding(1));
 * float[] y = new float[480 * 640];
 * DirectPlaneConv.forward(g, image, sobelX, null, y);
 * }</pre>
 */
public final class DirectPlaneConv {
    private DirectPlaneConv() {}

    /**
     * Whether this kernel can run the problem.
     *
     * @param g the geometry
     * @return {@code true} when each output channel reads a single input channel ({@code C_in / groups == 1})
     */
    public static boolean supports(ConvGeometry g) {
        return g.inCPerGroup() == 1;
    }

    /**
     * Computes every output plane.
     *
     * @param g the geometry; {@link #supports} must hold
     * @param x the input, at least {@code N·C_in·H·W} floats
     * @param w the weight, at least {@code C_out·kH·kW} floats
     * @param bias one value per output channel, or {@code null} for none
     * @param y the output, at least {@code N·C_out·H_out·W_out} floats, overwritten from index 0; must not overlap
     *     {@code x}
     * @throws IllegalArgumentException if the geometry is not supported or an array is too short
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        forward(g, x, w, bias, y, true);
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, boolean vector) {
        if (!supports(g)) {
            throw new IllegalArgumentException(
                    "DirectPlaneConv: needs C_in/groups == 1, got " + g.descriptor() + " (use supports() first)");
        }
        checkArrays(g, x, w, bias, y);
        int opg = g.outCPerGroup();
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        int taps = g.kh() * g.kw();
        int outH = g.outH();
        if (SmallPlanes.applies(g)) {
            int planes = g.n() * g.outC();
            Parallel.forRange(planes, Math.max(1, 4096 / Math.max(1, outPlane)), (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    int o = plane % g.outC();
                    int xOff = ((plane / g.outC()) * g.inC() + o / opg) * inPlane;
                    float b = bias == null ? 0f : bias[o];
                    SmallPlanes.plane(g, x, xOff, w, o * taps, b, y, plane * outPlane, vector);
                }
            });
            return;
        }
        RowBlocks blocks = RowBlocks.of(g.n() * g.outC(), outH, g.outW());
        // Any split gives the same bits: every output row is computed the same way whichever task holds it.
        Parallel.forRange(blocks.count(), blocks.grain(), (from, to) -> {
            for (int t = from; t < to; t++) {
                int plane = blocks.plane(t);
                int o = plane % g.outC();
                int xOff = ((plane / g.outC()) * g.inC() + o / opg) * inPlane;
                float b = bias == null ? 0f : bias[o];
                plane(g, x, xOff, w, o * taps, b, y, plane * outPlane, blocks.firstRow(t), blocks.endRow(t), vector);
            }
        });
    }

    /**
     * Computes one output plane from one input plane, the unit the depthwise and batched callers loop over.
     *
     * @param g the geometry (only sizes, strides, padding and dilation are read)
     * @param x the input array
     * @param xOff index of the input plane's first element
     * @param w the weight array
     * @param wOff index of the {@code kH×kW} kernel's first tap
     * @param bias added to every output
     * @param y the output array
     * @param yOff index of the output plane's first element
     * @throws ArrayIndexOutOfBoundsException if a plane does not fit its array
     */
    public static void forwardPlane(
            ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff) {
        plane(g, x, xOff, w, wOff, bias, y, yOff, 0, g.outH(), true);
    }

    /** Output rows {@code [i0, i1)} of one plane. */
    static void plane(
            ConvGeometry g,
            float[] x,
            int xOff,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yOff,
            int i0,
            int i1,
            boolean vector) {
        int inH = g.inH();
        int inW = g.inW();
        int kh = g.kh();
        int kw = g.kw();
        int sh = g.sh();
        int sw = g.sw();
        int pt = g.padTop();
        int pl = g.padLeft();
        int dh = g.dh();
        int dw = g.dw();
        int outH = g.outH();
        int outW = g.outW();
        boolean simd = vector && Simd.available();
        int denseW = (outW - 1) * sw + 1;
        Workspace ws = Workspace.get();
        float[] dense = sw == 1 ? null : ws.dense(denseW);
        int[] offs = ws.offs(kh);
        float[] taps = ws.taps(kh);

        // Output rows whose kernel rows all fall inside the input.
        int iFull0 = Math.min(i1, Math.max(i0, (pt + sh - 1) / sh));
        int iFull1 = Math.max(iFull0, Math.min(i1, Math.floorDiv(inH - 1 + pt - (kh - 1) * dh, sh) + 1));
        boolean registers = simd && sw == 1 && iFull1 > iFull0 && kh == kw && (kh == 3 || kh == 5);
        if (registers) {
            int j0 = Math.min(pl, outW);
            int j1 = Math.max(j0, Math.min(outW, inW + pl - (kw - 1) * dw));
            int jv = j0;
            if (j1 - j0 >= VectorRows.LANES) {
                int rowBase = xOff + (iFull0 * sh - pt) * inW - pl;
                int yRow = yOff + iFull0 * outW;
                int rows = iFull1 - iFull0;
                jv = kh == 3
                        ? VectorRows.plane3x3(
                                x, rowBase, sh * inW, dh * inW, dw, w, wOff, bias, y, yRow, outW, rows, j0, j1)
                        : VectorRows.plane5x5(
                                x, rowBase, sh * inW, dh * inW, dw, w, wOff, bias, y, yRow, outW, rows, j0, j1);
            }
            for (int i = iFull0; i < iFull1; i++) {
                int yRow = yOff + i * outW;
                for (int p = 0; p < kh; p++) {
                    int xRow = xOff + (i * sh - pt + p * dh) * inW;
                    Rows.scalarPass(x, xRow, inW, w, wOff + kw * p, kw, dw, pl, p == 0, bias, y, yRow, 0, j0);
                    Rows.scalarPass(x, xRow, inW, w, wOff + kw * p, kw, dw, pl, p == 0, bias, y, yRow, jv, outW);
                }
            }
        }
        for (int i = i0; i < i1; i++) {
            if (registers && i >= iFull0 && i < iFull1) {
                continue;
            }
            float[] out = sw == 1 ? y : dense;
            int oRow = sw == 1 ? yOff + i * outW : 0;
            int ih0 = i * sh - pt;
            int pLo = ih0 >= 0 ? 0 : (-ih0 + dh - 1) / dh;
            int pHi = Math.min(kh - 1, Math.floorDiv(inH - 1 - ih0, dh));
            if (kw == 1) {
                int n = 0;
                for (int p = pLo; p <= pHi; p++, n++) {
                    offs[n] = xOff + (ih0 + p * dh) * inW - pl;
                    taps[n] = w[wOff + p];
                }
                int j0 = Math.min(pl, denseW);
                int j1 = Math.max(j0, Math.min(denseW, inW + pl));
                Arrays.fill(out, oRow, oRow + j0, bias);
                Rows.combine(x, offs, taps, n, bias, out, oRow, j0, j1, simd);
                Arrays.fill(out, oRow + j1, oRow + denseW, bias);
            } else if (pLo > pHi) {
                Arrays.fill(out, oRow, oRow + denseW, bias);
            } else {
                int p = pLo;
                for (; kw == 5 && p + 1 <= pHi; p += 2) {
                    int xRow = xOff + (ih0 + p * dh) * inW;
                    Rows.passTwo(
                            x,
                            xRow,
                            xRow + dh * inW,
                            inW,
                            w,
                            wOff + p * kw,
                            wOff + (p + 1) * kw,
                            kw,
                            dw,
                            pl,
                            p == pLo,
                            bias,
                            out,
                            oRow,
                            denseW,
                            simd);
                }
                for (; p <= pHi; p++) {
                    int xRow = xOff + (ih0 + p * dh) * inW;
                    Rows.pass(x, xRow, inW, w, wOff + p * kw, kw, dw, pl, p == pLo, bias, out, oRow, denseW, simd);
                }
            }
            if (sw != 1) {
                Rows.decimate(dense, sw, y, yOff + i * outW, outW);
            }
        }
    }

    private static void checkArrays(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        require("x", x.length, (long) g.n() * g.inC() * g.inH() * g.inW());
        require("w", w.length, (long) g.outC() * g.kh() * g.kw());
        require("y", y.length, (long) g.n() * g.outC() * g.outH() * g.outW());
        if (bias != null) {
            require("bias", bias.length, g.outC());
        }
    }

    static void require(String name, int length, long needed) {
        if (length < needed) {
            throw new IllegalArgumentException(
                    "DirectPlaneConv: " + name + " has " + length + " elements, needs " + needed);
        }
    }
}
