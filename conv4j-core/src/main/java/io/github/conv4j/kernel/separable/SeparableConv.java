package io.github.conv4j.kernel.separable;

import io.github.conv4j.kernel.direct.RowBlocks;
import io.github.conv4j.kernel.direct.Rows;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;

/**
 * 2-D correlation with rank-1 kernels ({@code K = col ⊗ row}, see {@link RankOne}) as two 1-D passes, for problems
 * where each output plane reads one input plane ({@code C_in / groups == 1}). Zero padding, strides and dilation as
 * {@code ReferenceConv2d.forward}; {@code kH + kW} instead of {@code kH·kW} multiply-adds per output.
 *
 * <p>Order: vertical first (sum {@code kH} input rows into a one-row buffer, then filter it along the row) unless
 * horizontal first is cheaper by the multiply-add count, which happens when the horizontal stride exceeds the
 * vertical one (each input row is filtered once into a ring of {@code (kH−1)·dH+1} rows, which are then summed).
 * Buffers are per thread and reused; blocks of output rows run in parallel.
 *
 * <p>Accuracy: the result differs from the direct (2-D) sum by float rounding only. With {@code u = 2⁻²⁴},
 * {@code |y − exact| ≤ (kH + kW + 2)·u·(|b| + Σ|x|·|col_p|·|row_q|) + RankOne.TOLERANCE·max|K|·Σ|x|}, the sums over
 * the window; the direct kernel's bound is {@code (kH·kW + 1)·u·(|b| + Σ|x·K|)}, so neither is exact and they need
 * not agree bit for bit.
 *
 * <pre>{@code
 * float[][] f = RankOne.factor(gauss5x5, 0, 5, 5);
 * SeparableConv.forward(g, image, f[0], f[1], null, out);
 * }</pre>
 */
public final class SeparableConv {
    private SeparableConv() {}

    /**
     * Whether this kernel can run the problem with these weights.
     *
     * @param g the geometry
     * @param w the weight, {@code (C_out, 1, kH, kW)}
     * @return {@code true} when {@code C_in / groups == 1} and every output channel's kernel is rank-1
     */
    public static boolean supports(ConvGeometry g, float[] w) {
        if (g.inCPerGroup() != 1) {
            return false;
        }
        int taps = g.kh() * g.kw();
        for (int o = 0; o < g.outC(); o++) {
            if (RankOne.factor(w, o * taps, g.kh(), g.kw()) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Factors the weights and runs {@link #forward(ConvGeometry, float[], float[], float[], float[], float[])}.
     *
     * @param g the geometry
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight {@code (C_out, 1, kH, kW)}, every kernel rank-1
     * @param bias one value per output channel, or {@code null}
     * @param y the output {@code (N, C_out, H_out, W_out)}, overwritten
     * @throws IllegalArgumentException if {@link #supports} is false or an array is too short
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (g.inCPerGroup() != 1) {
            throw new IllegalArgumentException("SeparableConv: needs C_in/groups == 1, got " + g.descriptor());
        }
        int taps = g.kh() * g.kw();
        float[] col = new float[g.outC() * g.kh()];
        float[] row = new float[g.outC() * g.kw()];
        for (int o = 0; o < g.outC(); o++) {
            float[][] f = RankOne.factor(w, o * taps, g.kh(), g.kw());
            if (f == null) {
                throw new IllegalArgumentException("SeparableConv: kernel of output channel " + o + " is not rank-1");
            }
            System.arraycopy(f[0], 0, col, o * g.kh(), g.kh());
            System.arraycopy(f[1], 0, row, o * g.kw(), g.kw());
        }
        forward(g, x, col, row, bias, y, true);
    }

    /**
     * Runs already-factored kernels: output channel {@code o} uses {@code col[o·kH ..]} and {@code row[o·kW ..]}.
     *
     * @param g the geometry ({@code C_in / groups == 1})
     * @param x the input {@code (N, C_in, H, W)}
     * @param col the vertical factors, {@code C_out·kH} values
     * @param row the horizontal factors, {@code C_out·kW} values
     * @param bias one value per output channel, or {@code null}
     * @param y the output {@code (N, C_out, H_out, W_out)}, overwritten
     * @throws IllegalArgumentException if {@code C_in / groups != 1} or an array is too short
     */
    public static void forward(ConvGeometry g, float[] x, float[] col, float[] row, float[] bias, float[] y) {
        forward(g, x, col, row, bias, y, true);
    }

    static void forward(ConvGeometry g, float[] x, float[] col, float[] row, float[] bias, float[] y, boolean vector) {
        if (g.inCPerGroup() != 1) {
            throw new IllegalArgumentException("SeparableConv: needs C_in/groups == 1, got " + g.descriptor());
        }
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        if (x.length < (long) g.n() * g.inC() * inPlane
                || y.length < (long) g.n() * g.outC() * outPlane
                || col.length < g.outC() * g.kh()
                || row.length < g.outC() * g.kw()
                || (bias != null && bias.length < g.outC())) {
            throw new IllegalArgumentException("SeparableConv: an array is too short for " + g.descriptor());
        }
        boolean verticalFirst = verticalFirst(g);
        int opg = g.outCPerGroup();
        RowBlocks blocks = RowBlocks.of(g.n() * g.outC(), g.outH(), g.outW());
        // Rows are independent (the horizontal-first ring restarts per task), so any split gives the same bits.
        Parallel.forRange(blocks.count(), blocks.grain(), (from, to) -> {
            for (int task = from; task < to; task++) {
                int t = blocks.plane(task);
                int o = t % g.outC();
                int xOff = ((t / g.outC()) * g.inC() + o / opg) * inPlane;
                float b = bias == null ? 0f : bias[o];
                int i0 = blocks.firstRow(task);
                int i1 = blocks.endRow(task);
                if (verticalFirst) {
                    verticalFirst(g, x, xOff, col, o * g.kh(), row, o * g.kw(), b, y, t * outPlane, i0, i1, vector);
                } else {
                    horizontalFirst(g, x, xOff, col, o * g.kh(), row, o * g.kw(), b, y, t * outPlane, i0, i1, vector);
                }
            }
        });
    }

    /** Multiply-add counts: {@code outH·inW·kH + outH·outW·kW} against {@code inH·outW·kW + outH·outW·kH}. */
    static boolean verticalFirst(ConvGeometry g) {
        long v = (long) g.outH() * g.inW() * g.kh() + (long) g.outH() * g.outW() * g.kw();
        long h = (long) g.inH() * g.outW() * g.kw() + (long) g.outH() * g.outW() * g.kh();
        return v <= h;
    }

    static void verticalFirst(
            ConvGeometry g,
            float[] x,
            int xOff,
            float[] col,
            int cOff,
            float[] row,
            int rOff,
            float bias,
            float[] y,
            int yOff,
            int i0,
            int i1,
            boolean vector) {
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        int sw = g.sw();
        int denseW = (outW - 1) * sw + 1;
        SeparableWorkspace ws = SeparableWorkspace.get();
        ws.ensure(inW, denseW, 0, g.kh());
        float[] line = ws.line;
        float[] dense = ws.dense;
        int[] offs = ws.offs;
        float[] taps = ws.taps;
        int kh = g.kh();
        // Output rows whose kernel rows all fall inside the input; four (or two) of them at once share kH − 1 input
        // rows
        // when the vertical stride equals the dilation.
        int full0 = Math.max(i0, (g.padTop() + g.sh() - 1) / g.sh());
        int full1 = Math.min(i1, Math.floorDiv(inH - 1 + g.padTop() - (kh - 1) * g.dh(), g.sh()) + 1);
        boolean shared = g.sh() == g.dh() && kh == 5 && vector;
        for (int i = i0; i < i1; i++) {
            if (shared && i >= full0 && i + 1 < full1) {
                int sums = i + 3 < full1 ? 4 : 2;
                int top = xOff + (i * g.sh() - g.padTop()) * inW;
                // kH + sums − 1 rows: sum k takes rows k..k+kH−1, all with the same taps.
                for (int p = 0; p < kh + sums - 1; p++) {
                    offs[p] = top + p * g.dh() * inW;
                }
                System.arraycopy(col, cOff, taps, 0, kh);
                if (sums == 4) {
                    Rows.combineFour(x, offs, taps, kh, 0f, line, ws.line2, ws.line3, ws.line4, 0, inW, vector);
                } else {
                    Rows.combineTwo(x, offs, taps, kh, 0f, line, ws.line2, 0, inW, vector);
                }
                for (int k = 0; k < sums; k++) {
                    horizontal(g, ws.line(k), row, rOff, bias, y, yOff + (i + k) * outW, dense, vector);
                }
                i += sums - 1;
                continue;
            }
            int ih0 = i * g.sh() - g.padTop();
            int n = 0;
            for (int p = 0; p < g.kh(); p++) {
                int ih = ih0 + p * g.dh();
                if (ih >= 0 && ih < inH) {
                    offs[n] = xOff + ih * inW;
                    taps[n++] = col[cOff + p];
                }
            }
            Rows.combine(x, offs, taps, n, 0f, line, 0, 0, inW, vector);
            horizontal(g, line, row, rOff, bias, y, yOff + i * outW, dense, vector);
        }
    }

    /** The horizontal pass of one vertically combined row into output row {@code yRow}. */
    private static void horizontal(
            ConvGeometry g,
            float[] line,
            float[] row,
            int rOff,
            float bias,
            float[] y,
            int yRow,
            float[] dense,
            boolean vector) {
        int inW = g.inW();
        int outW = g.outW();
        int sw = g.sw();
        if (sw == 1) {
            Rows.pass(line, 0, inW, row, rOff, g.kw(), g.dw(), g.padLeft(), true, bias, y, yRow, outW, vector);
        } else {
            int denseW = (outW - 1) * sw + 1;
            Rows.pass(line, 0, inW, row, rOff, g.kw(), g.dw(), g.padLeft(), true, bias, dense, 0, denseW, vector);
            Rows.decimate(dense, sw, y, yRow, outW);
        }
    }

    static void horizontalFirst(
            ConvGeometry g,
            float[] x,
            int xOff,
            float[] col,
            int cOff,
            float[] row,
            int rOff,
            float bias,
            float[] y,
            int yOff,
            int i0,
            int i1,
            boolean vector) {
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        int sw = g.sw();
        int denseW = (outW - 1) * sw + 1;
        int span = (g.kh() - 1) * g.dh() + 1;
        SeparableWorkspace ws = SeparableWorkspace.get();
        ws.ensure(0, denseW, span * outW, Math.max(g.kh(), span));
        float[] ring = ws.ring;
        float[] dense = ws.dense;
        int[] ringRow = ws.ringRow;
        int[] offs = ws.offs;
        float[] taps = ws.taps;
        Arrays.fill(ringRow, 0, span, -1);
        for (int i = i0; i < i1; i++) {
            int ih0 = i * g.sh() - g.padTop();
            int n = 0;
            for (int p = 0; p < g.kh(); p++) {
                int ih = ih0 + p * g.dh();
                if (ih < 0 || ih >= inH) {
                    continue;
                }
                int slot = ih % span;
                if (ringRow[slot] != ih) {
                    Rows.pass(
                            x,
                            xOff + ih * inW,
                            inW,
                            row,
                            rOff,
                            g.kw(),
                            g.dw(),
                            g.padLeft(),
                            true,
                            0f,
                            dense,
                            0,
                            denseW,
                            vector);
                    Rows.decimate(dense, sw, ring, slot * outW, outW);
                    ringRow[slot] = ih;
                }
                offs[n] = slot * outW;
                taps[n++] = col[cOff + p];
            }
            Rows.combine(ring, offs, taps, n, bias, y, yOff + i * outW, 0, outW, vector);
        }
    }
}
