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
     * {@link #columnSums} at stride 1, where output row i reads input rows i − 1, i and i + 1: the rows' shifted
     * vectors roll through registers, so each input row is loaded three times in all instead of nine (the same
     * chains: each accumulator still takes its products with i ascending).
     */
    private static void columnSumsStride1(
            ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] sums, int pitch) {
        int lanes = S.length();
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < outW; c += lanes) {
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
            // Rows above (t) and at (m) the output row; the one below is loaded each time (from ZEROS past the plane).
            FloatVector t0 = zero;
            FloatVector t1 = zero;
            FloatVector t2 = zero;
            int r = xOff + c;
            FloatVector m0 = zero.blend(FloatVector.fromArray(S, x, r - 1), left);
            FloatVector m1 = FloatVector.fromArray(S, x, r);
            FloatVector m2 = zero.blend(FloatVector.fromArray(S, x, r + 1), right);
            for (int i = 0; i < outH; i++) {
                int below = i + 1;
                float[] xb = below < inH ? x : ZEROS;
                int rb = (below < inH ? xOff + below * inW : 1) + c;
                FloatVector b0 = zero.blend(FloatVector.fromArray(S, xb, rb - 1), left);
                FloatVector b1 = FloatVector.fromArray(S, xb, rb);
                FloatVector b2 = zero.blend(FloatVector.fromArray(S, xb, rb + 1), right);
                FloatVector d = FloatVector.fromArray(S, gy, gyOff + i * outW + c);
                a00 = d.fma(t0, a00);
                a01 = d.fma(t1, a01);
                a02 = d.fma(t2, a02);
                a10 = d.fma(m0, a10);
                a11 = d.fma(m1, a11);
                a12 = d.fma(m2, a12);
                a20 = d.fma(b0, a20);
                a21 = d.fma(b1, a21);
                a22 = d.fma(b2, a22);
                t0 = m0;
                t1 = m1;
                t2 = m2;
                m0 = b0;
                m1 = b1;
                m2 = b2;
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
}
