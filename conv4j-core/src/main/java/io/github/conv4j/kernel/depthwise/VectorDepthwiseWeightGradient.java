package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API column sums of {@link DepthwiseWeightGradient}: a block of columns at a time, the nine taps' chains in
 * registers for the whole height of the plane, each input row loaded once at three shifts with the lanes on the
 * padding blended to zero (the loads and masks of the forward's {@code VectorStride2Planes}) and multiplied by the
 * upstream gradient rows it meets.
 */
final class VectorDepthwiseWeightGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Lane l takes lane l / 2: at stride 2 output column j is input column 2j (the odd lanes then hold products the
     * caller does not read).
     */
    private static final VectorShuffle<Float> SPREAD = VectorShuffle.fromOp(S, l -> l / 2);

    private VectorDepthwiseWeightGradient() {}

    /** Whether every whole-vector window of {@link #columnSums} lies inside the arrays (else the scalar path runs). */
    static boolean inside(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff) {
        int lanes = S.length();
        int s = g.sh();
        int width = s == 1 ? g.outW() : g.inW();
        int lastBlock = (width - 1) / lanes * lanes;
        return xOff >= 1
                && xOff + (g.inH() - 1) * g.inW() + lastBlock + 1 + lanes <= x.length
                && gyOff + (g.outH() - 1) * g.outW() + lastBlock / s + lanes <= gy.length;
    }

    /**
     * Fills {@code sums[t·pitch + c]} with tap {@code t}'s chain down lane column {@code c} (output column {@code c}
     * at stride 1, input column {@code c} at stride 2, where only the even ones are output columns), as
     * {@link DepthwiseWeightGradient#scalarColumnSums}; columns past the row hold garbage the caller does not read.
     */
    static void columnSums(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        if (g.sh() == 1) {
            columnSumsStride1(g, x, xOff, gy, gyOff, sums, pitch);
        } else {
            columnSumsStride2(g, x, xOff, gy, gyOff, sums, pitch);
        }
    }

    /**
     * {@link #columnSums} at stride 2: a block of lane columns at a time, see {@link #stride2Block}.
     */
    private static void columnSumsStride2(
            ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        int lanes = S.length();
        int w = g.inW();
        for (int c = 0; c < w; c += lanes) {
            boolean masked = c < 1 || c + lanes > w - 1;
            stride2Block(g.inH(), w, g.outH(), g.outW(), x, xOff + c, gy, gyOff + c / 2, sums, pitch, c, masked);
        }
    }

    /**
     * One block of lane columns at stride 2, the input columns {@code c …} (the upstream gradient spread to the even
     * lanes). Output row i reads input rows 2i − 1, 2i and 2i + 1; walking i, row 2i meets gradient row i (kernel
     * row 1) and row 2i + 1 meets rows i (kernel row 2) and i + 1 (kernel row 0), so each input row is loaded once at
     * its three shifts, one shift live at a time, and every accumulator still takes its products with the output
     * row ascending. The padding row above output row 0 and, for an odd height, the one below the last output row
     * give {@code fma(gy, 0, acc)} as in the scalar chain; the loop between reads only {@code x} and {@code gy}.
     *
     * @param h the input's height
     * @param w the input's width
     * @param oh the output's height
     * @param ow the output's width (the upstream gradient's row length)
     * @param xc the block's first input column in row 0
     * @param gc the block's first upstream gradient column in row 0 ({@code c / 2} into the row)
     * @param c the block's first input column: where its sums go in each tap's row of {@code sums}, and the masks
     * @param masked whether lanes left of column 0 or right of column W − 1 must read as zeros
     */
    private static void stride2Block(
            int h,
            int w,
            int oh,
            int ow,
            float[] x,
            int xc,
            float[] gy,
            int gc,
            float[] sums,
            int pitch,
            int c,
            boolean masked) {
        int lanes = S.length();
        VectorMask<Float> left = LaneMasks.between(S, 1 - c, lanes);
        VectorMask<Float> right = LaneMasks.below(S, w - 1 - c);
        FloatVector zero = FloatVector.zero(S);
        FloatVector d = FloatVector.fromArray(S, gy, gc).rearrange(SPREAD);
        FloatVector top = d.fma(zero, zero);
        FloatVector a00 = top;
        FloatVector a01 = top;
        FloatVector a02 = top;
        FloatVector a10 = zero;
        FloatVector a11 = zero;
        FloatVector a12 = zero;
        FloatVector a20 = zero;
        FloatVector a21 = zero;
        FloatVector a22 = zero;
        for (int i = 0; i < oh - 1; i++) {
            int even = xc + 2 * i * w;
            FloatVector v = shifted(x, even - 1, masked, left);
            a10 = d.fma(v, a10);
            v = FloatVector.fromArray(S, x, even);
            a11 = d.fma(v, a11);
            v = shifted(x, even + 1, masked, right);
            a12 = d.fma(v, a12);
            FloatVector next = FloatVector.fromArray(S, gy, gc + (i + 1) * ow).rearrange(SPREAD);
            int odd = even + w;
            v = shifted(x, odd - 1, masked, left);
            a20 = d.fma(v, a20);
            a00 = next.fma(v, a00);
            v = FloatVector.fromArray(S, x, odd);
            a21 = d.fma(v, a21);
            a01 = next.fma(v, a01);
            v = shifted(x, odd + 1, masked, right);
            a22 = d.fma(v, a22);
            a02 = next.fma(v, a02);
            d = next;
        }
        // The last output row: its even input row, then the row below it or the padding.
        int even = xc + 2 * (oh - 1) * w;
        a10 = d.fma(shifted(x, even - 1, masked, left), a10);
        a11 = d.fma(FloatVector.fromArray(S, x, even), a11);
        a12 = d.fma(shifted(x, even + 1, masked, right), a12);
        if (2 * oh < h + 1) {
            int odd = even + w;
            a20 = d.fma(shifted(x, odd - 1, masked, left), a20);
            a21 = d.fma(FloatVector.fromArray(S, x, odd), a21);
            a22 = d.fma(shifted(x, odd + 1, masked, right), a22);
        } else {
            a20 = d.fma(zero, a20);
            a21 = d.fma(zero, a21);
            a22 = d.fma(zero, a22);
        }
        a00.intoArray(sums, c);
        a01.intoArray(sums, pitch + c);
        a02.intoArray(sums, 2 * pitch + c);
        a10.intoArray(sums, 3 * pitch + c);
        a11.intoArray(sums, 4 * pitch + c);
        a12.intoArray(sums, 5 * pitch + c);
        a20.intoArray(sums, 6 * pitch + c);
        a21.intoArray(sums, 7 * pitch + c);
        a22.intoArray(sums, 8 * pitch + c);
    }

    /**
     * {@link #columnSums} at stride 1: a block of output columns at a time, see {@link #stride1Block}. The blocks
     * whose shifted loads stay inside the row ({@code 1 ≤ c} and {@code c + lanes ≤ W − 1}) need no masks.
     */
    private static void columnSumsStride1(
            ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        int lanes = S.length();
        int w = g.inW();
        for (int c = 0; c < g.outW(); c += lanes) {
            boolean masked = c < 1 || c + lanes > w - 1;
            stride1Block(g.inH(), w, x, xOff + c, gy, gyOff + c, sums, pitch, c, masked);
        }
    }

    /**
     * One block of lane columns at stride 1, input row by input row: row r is loaded once at its three shifts and
     * meets the upstream gradient of output rows r + 1 (kernel row 0), r (row 1) and r − 1 (row 2), so each
     * accumulator still takes its products with the output row ascending, as the scalar chain does. 9 accumulators
     * + 3 shifted rows + 1 gradient row fit the 16 AVX2 registers (rolling three rows' shifts through registers needed
     * 22 and spilled). The first and last rows are peeled off, so the loop reads only {@code x} and {@code gy} (each
     * load still has its range check: the row offset scales with the run-time width, which C2 does not hoist).
     *
     * <p>Output row 0's products with the padding row above and output row H − 1's with the one below are
     * {@code fma(gy, 0, acc)} as in the scalar chain, so NaN and ∞ in {@code gy} reach the sums the same way.
     *
     * @param h the plane's height (input and output alike at stride 1)
     * @param w the plane's width
     * @param xc the block's first input column in row 0
     * @param gc the block's first upstream gradient column in row 0
     * @param c the block's first column: where its sums go in each tap's row of {@code sums}, and the masks
     * @param masked whether lanes left of column 0 or right of column W − 1 must read as zeros
     */
    private static void stride1Block(
            int h, int w, float[] x, int xc, float[] gy, int gc, float[] sums, int pitch, int c, boolean masked) {
        int lanes = S.length();
        VectorMask<Float> left = LaneMasks.between(S, 1 - c, lanes);
        VectorMask<Float> right = LaneMasks.below(S, w - 1 - c);
        FloatVector zero = FloatVector.zero(S);
        FloatVector top = FloatVector.fromArray(S, gy, gc).fma(zero, zero);
        FloatVector a00 = top;
        FloatVector a01 = top;
        FloatVector a02 = top;
        FloatVector a10 = zero;
        FloatVector a11 = zero;
        FloatVector a12 = zero;
        FloatVector a20 = zero;
        FloatVector a21 = zero;
        FloatVector a22 = zero;
        // Row 0: no output row above it.
        FloatVector v0 = shifted(x, xc - 1, masked, left);
        FloatVector v1 = FloatVector.fromArray(S, x, xc);
        FloatVector v2 = shifted(x, xc + 1, masked, right);
        FloatVector d = FloatVector.fromArray(S, gy, gc);
        a10 = d.fma(v0, a10);
        a11 = d.fma(v1, a11);
        a12 = d.fma(v2, a12);
        if (h > 1) {
            d = FloatVector.fromArray(S, gy, gc + w);
            a00 = d.fma(v0, a00);
            a01 = d.fma(v1, a01);
            a02 = d.fma(v2, a02);
        }
        for (int r = 1; r < h - 1; r++) {
            int row = xc + r * w;
            int gr = gc + r * w;
            v0 = shifted(x, row - 1, masked, left);
            v1 = FloatVector.fromArray(S, x, row);
            v2 = shifted(x, row + 1, masked, right);
            d = FloatVector.fromArray(S, gy, gr + w);
            a00 = d.fma(v0, a00);
            a01 = d.fma(v1, a01);
            a02 = d.fma(v2, a02);
            d = FloatVector.fromArray(S, gy, gr);
            a10 = d.fma(v0, a10);
            a11 = d.fma(v1, a11);
            a12 = d.fma(v2, a12);
            d = FloatVector.fromArray(S, gy, gr - w);
            a20 = d.fma(v0, a20);
            a21 = d.fma(v1, a21);
            a22 = d.fma(v2, a22);
        }
        if (h > 1) {
            // Row H − 1: no output row below it.
            int row = xc + (h - 1) * w;
            int gr = gc + (h - 1) * w;
            v0 = shifted(x, row - 1, masked, left);
            v1 = FloatVector.fromArray(S, x, row);
            v2 = shifted(x, row + 1, masked, right);
            d = FloatVector.fromArray(S, gy, gr);
            a10 = d.fma(v0, a10);
            a11 = d.fma(v1, a11);
            a12 = d.fma(v2, a12);
            d = FloatVector.fromArray(S, gy, gr - w);
            a20 = d.fma(v0, a20);
            a21 = d.fma(v1, a21);
            a22 = d.fma(v2, a22);
        }
        FloatVector bottom = FloatVector.fromArray(S, gy, gc + (h - 1) * w);
        a20 = bottom.fma(zero, a20);
        a21 = bottom.fma(zero, a21);
        a22 = bottom.fma(zero, a22);
        a00.intoArray(sums, c);
        a01.intoArray(sums, pitch + c);
        a02.intoArray(sums, 2 * pitch + c);
        a10.intoArray(sums, 3 * pitch + c);
        a11.intoArray(sums, 4 * pitch + c);
        a12.intoArray(sums, 5 * pitch + c);
        a20.intoArray(sums, 6 * pitch + c);
        a21.intoArray(sums, 7 * pitch + c);
        a22.intoArray(sums, 8 * pitch + c);
    }

    /** A row's vector at {@code off}, its lanes outside the plane's columns zero where {@code masked}. */
    private static FloatVector shifted(float[] x, int off, boolean masked, VectorMask<Float> inside) {
        FloatVector v = FloatVector.fromArray(S, x, off);
        return masked ? FloatVector.zero(S).blend(v, inside) : v;
    }
}
