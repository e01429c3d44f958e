package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API column sums of {@link DepthwiseWeightGradient}: a block of columns at a time, the nine taps' chains in
 * registers for the whole height of the plane, each input row loaded at three shifts with the lanes on the padding
 * blended to zero (the loads and masks of the forward's {@code VectorStride2Planes}).
 */
final class VectorDepthwiseWeightGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Lane l takes lane l / 2: at stride 2 output column j is input column 2j (the odd lanes then hold products the
     * caller does not read).
     */
    private static final VectorShuffle<Float> SPREAD = VectorShuffle.fromOp(S, l -> l / 2);

    /** The padding rows above and below a plane. */
    private static final float[] ZEROS = new float[DepthwiseWeightGradient.MAX_VECTOR_WIDTH + 2 * S.length() + 2];

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
     * {@link #columnSums} at stride 2: output row i reads input rows 2i − 1, 2i and 2i + 1 (one shared with the next
     * output row, so there is little to roll), and the upstream gradient is spread to the even lanes.
     */
    private static void columnSumsStride2(
            ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        int lanes = S.length();
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < inW; c += lanes) {
            VectorMask<Float> left = LaneMasks.between(S, 1 - c, lanes);
            VectorMask<Float> right = LaneMasks.below(S, inW - 1 - c);
            FloatVector a00 = zero;
            FloatVector a01 = zero;
            FloatVector a02 = zero;
            FloatVector a10 = zero;
            FloatVector a11 = zero;
            FloatVector a12 = zero;
            FloatVector a20 = zero;
            FloatVector a21 = zero;
            FloatVector a22 = zero;
            for (int i = 0; i < outH; i++) {
                FloatVector d =
                        FloatVector.fromArray(S, gy, gyOff + i * outW + c / 2).rearrange(SPREAD);
                // Input rows 2i − 1, 2i and 2i + 1; one outside the plane is read from ZEROS (from index 1 on).
                int top = 2 * i - 1;
                int bottom = 2 * i + 1;
                float[] x0 = top >= 0 ? x : ZEROS;
                int r0 = (top >= 0 ? xOff + top * inW : 1) + c;
                int r1 = xOff + 2 * i * inW + c;
                float[] x2 = bottom < inH ? x : ZEROS;
                int r2 = (bottom < inH ? xOff + bottom * inW : 1) + c;
                a00 = d.fma(zero.blend(FloatVector.fromArray(S, x0, r0 - 1), left), a00);
                a01 = d.fma(FloatVector.fromArray(S, x0, r0), a01);
                a02 = d.fma(zero.blend(FloatVector.fromArray(S, x0, r0 + 1), right), a02);
                a10 = d.fma(zero.blend(FloatVector.fromArray(S, x, r1 - 1), left), a10);
                a11 = d.fma(FloatVector.fromArray(S, x, r1), a11);
                a12 = d.fma(zero.blend(FloatVector.fromArray(S, x, r1 + 1), right), a12);
                a20 = d.fma(zero.blend(FloatVector.fromArray(S, x2, r2 - 1), left), a20);
                a21 = d.fma(FloatVector.fromArray(S, x2, r2), a21);
                a22 = d.fma(zero.blend(FloatVector.fromArray(S, x2, r2 + 1), right), a22);
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
     * accumulator still takes its products with the output row ascending, as the scalar chain does. The first and
     * last rows are peeled off: the loop's loads then all come from {@code x} and {@code gy} at offsets linear in
     * {@code r}, whose range checks C2 hoists, and 9 accumulators + 3 shifted rows + 1 gradient row fit the 16 AVX2
     * registers (rolling three rows' shifts through registers needed 22 and spilled).
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
