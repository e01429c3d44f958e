package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorNarrowPlanes} for 5×5 kernels with two pixels of zero padding (the 5×5 depthwise layers of MobileNetV3
 * and EfficientNet on 14×14 and 7×7 planes): each output row from its five input rows, each loaded at five shifts with
 * the lanes on the padding blended to zero, the 25 taps in registers, straight from the input to the output. Five rows
 * of five shifted vectors are more than the registers hold, so rows are loaded again for each output row (25 loads per
 * output vector, against the bordered path's copy in, 25-tap sweep of a flat buffer and copy out).
 *
 * <p>Each output is the same chain as the bordered path's, bias then the 25 taps row by row, padding taps included as
 * products with zero, so the bits are those of {@link SmallPlanes} and its scalar twin.
 */
final class VectorNarrowPlanes5x5 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** A padding row: one vector and two floats either side, for the five shifted loads (read from index 2 on). */
    private static final float[] ZEROS = new float[S.length() + 4];

    private VectorNarrowPlanes5x5() {}

    /** Whether {@link #plane} computes this geometry. */
    static boolean applies(ConvGeometry g) {
        return KernelShapes.squareSame(g, 5, 1) && g.inW() <= S.length();
    }

    /** Whether every whole-vector window of {@link #plane} lies inside the arrays (else the bordered path runs). */
    static boolean inside(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int lanes = S.length();
        int lastRow = (g.inH() - 1) * g.inW();
        return xOff >= 2 && xOff + lastRow + 2 + lanes <= x.length && yOff + lastRow + lanes <= y.length;
    }

    /** One output plane ({@code H×W}, the input's size), as {@link VectorNarrowPlanes#plane}. */
    static void plane(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff) {
        int h = g.inH();
        int width = g.inW();
        int lanes = S.length();
        int planeEnd = yOff + h * width;
        // Lane j of a load shifted by s holds column j + s; these masks keep the lanes whose column is in [0, W).
        VectorMask<Float> left2 = LaneMasks.between(S, 2, width + 2);
        VectorMask<Float> left1 = LaneMasks.between(S, 1, width + 1);
        VectorMask<Float> right1 = LaneMasks.below(S, width - 1);
        VectorMask<Float> right2 = LaneMasks.below(S, width - 2);
        VectorMask<Float> centre = LaneMasks.below(S, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w03 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w04 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w13 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector w14 = FloatVector.broadcast(S, w[wOff + 9]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 10]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 11]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 12]);
        FloatVector w23 = FloatVector.broadcast(S, w[wOff + 13]);
        FloatVector w24 = FloatVector.broadcast(S, w[wOff + 14]);
        FloatVector w30 = FloatVector.broadcast(S, w[wOff + 15]);
        FloatVector w31 = FloatVector.broadcast(S, w[wOff + 16]);
        FloatVector w32 = FloatVector.broadcast(S, w[wOff + 17]);
        FloatVector w33 = FloatVector.broadcast(S, w[wOff + 18]);
        FloatVector w34 = FloatVector.broadcast(S, w[wOff + 19]);
        FloatVector w40 = FloatVector.broadcast(S, w[wOff + 20]);
        FloatVector w41 = FloatVector.broadcast(S, w[wOff + 21]);
        FloatVector w42 = FloatVector.broadcast(S, w[wOff + 22]);
        FloatVector w43 = FloatVector.broadcast(S, w[wOff + 23]);
        FloatVector w44 = FloatVector.broadcast(S, w[wOff + 24]);
        FloatVector b = FloatVector.broadcast(S, bias);
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < h; i++) {
            // Input rows i − 2 … i + 2; a row on the padding is read from ZEROS (choosing arrays, not vectors, keeps
            // the vectors out of branches, where C2 would box them).
            int r0 = i - 2;
            int r1 = i - 1;
            int r3 = i + 1;
            int r4 = i + 2;
            float[] x0 = r0 >= 0 ? x : ZEROS;
            float[] x1 = r1 >= 0 ? x : ZEROS;
            float[] x3 = r3 < h ? x : ZEROS;
            float[] x4 = r4 < h ? x : ZEROS;
            int a0 = r0 >= 0 ? xOff + r0 * width : 2;
            int a1 = r1 >= 0 ? xOff + r1 * width : 2;
            int a2 = xOff + i * width;
            int a3 = r3 < h ? xOff + r3 * width : 2;
            int a4 = r4 < h ? xOff + r4 * width : 2;
            FloatVector acc =
                    zero.blend(FloatVector.fromArray(S, x0, a0 - 2), left2).fma(w00, b);
            acc = zero.blend(FloatVector.fromArray(S, x0, a0 - 1), left1).fma(w01, acc);
            acc = FloatVector.fromArray(S, x0, a0).fma(w02, acc);
            acc = zero.blend(FloatVector.fromArray(S, x0, a0 + 1), right1).fma(w03, acc);
            acc = zero.blend(FloatVector.fromArray(S, x0, a0 + 2), right2).fma(w04, acc);
            acc = zero.blend(FloatVector.fromArray(S, x1, a1 - 2), left2).fma(w10, acc);
            acc = zero.blend(FloatVector.fromArray(S, x1, a1 - 1), left1).fma(w11, acc);
            acc = FloatVector.fromArray(S, x1, a1).fma(w12, acc);
            acc = zero.blend(FloatVector.fromArray(S, x1, a1 + 1), right1).fma(w13, acc);
            acc = zero.blend(FloatVector.fromArray(S, x1, a1 + 2), right2).fma(w14, acc);
            acc = zero.blend(FloatVector.fromArray(S, x, a2 - 2), left2).fma(w20, acc);
            acc = zero.blend(FloatVector.fromArray(S, x, a2 - 1), left1).fma(w21, acc);
            acc = FloatVector.fromArray(S, x, a2).fma(w22, acc);
            acc = zero.blend(FloatVector.fromArray(S, x, a2 + 1), right1).fma(w23, acc);
            acc = zero.blend(FloatVector.fromArray(S, x, a2 + 2), right2).fma(w24, acc);
            acc = zero.blend(FloatVector.fromArray(S, x3, a3 - 2), left2).fma(w30, acc);
            acc = zero.blend(FloatVector.fromArray(S, x3, a3 - 1), left1).fma(w31, acc);
            acc = FloatVector.fromArray(S, x3, a3).fma(w32, acc);
            acc = zero.blend(FloatVector.fromArray(S, x3, a3 + 1), right1).fma(w33, acc);
            acc = zero.blend(FloatVector.fromArray(S, x3, a3 + 2), right2).fma(w34, acc);
            acc = zero.blend(FloatVector.fromArray(S, x4, a4 - 2), left2).fma(w40, acc);
            acc = zero.blend(FloatVector.fromArray(S, x4, a4 - 1), left1).fma(w41, acc);
            acc = FloatVector.fromArray(S, x4, a4).fma(w42, acc);
            acc = zero.blend(FloatVector.fromArray(S, x4, a4 + 1), right1).fma(w43, acc);
            acc = zero.blend(FloatVector.fromArray(S, x4, a4 + 2), right2).fma(w44, acc);
            int at = yOff + i * width;
            if (at + lanes <= planeEnd) {
                // The lanes past the row land on rows this loop writes next.
                acc.intoArray(y, at);
            } else {
                acc.intoArray(y, at, centre);
            }
        }
    }
}
