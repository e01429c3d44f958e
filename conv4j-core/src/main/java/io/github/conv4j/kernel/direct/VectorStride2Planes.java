package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3×3 kernels with stride 2, no dilation and one pixel of zero padding on every side (MobileNet's downsampling
 * depthwise layers), straight from the input to the output: each output row is computed at every column of its three
 * input rows, a vector at a time from loads at columns {@code c − 1}, {@code c} and {@code c + 1} (lanes on the padding
 * blended to zero), and one permute then keeps the even columns. Twice the multiply-adds of the output, but no copy of
 * the input: splitting the plane into phase planes ({@link PhasePlanes}, the general strided path) cost more than the
 * arithmetic on these planes.
 *
 * <p>Each output is the same chain as the plane kernel's other paths, bias then the nine taps row by row, padding
 * taps included as products with zero, so the bits are those of {@link PhasePlanes} and its scalar path.
 */
final class VectorStride2Planes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Lane i takes lane 2i for the first half of the lanes (the second half repeats it and is not kept). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> (2 * i) % S.length());

    /**
     * Whether rows whose last vector would pass the plane's end go through scratch instead of a masked store: JDK 17
     * runs masked stores in Java, and with them in the loop the layer ran twice as slow (64×112×112: 1.0 against 0.49
     * ms); on JDK 25 the masked store is compiled and choosing the output array per row was the slower one (0.18
     * against 0.31 ms). A constant, so C2 compiles only one of the two.
     */
    private static final boolean SCRATCH_ROWS = Runtime.version().feature() < 18;

    /**
     * Whether a row's blocks pick their edge masks from three made once per plane rather than building two per block:
     * on JDK 25 that took 64×112×112 from 0.37–0.43 to 0.31 ms (building them was a fifth of its samples); JDK 17,
     * which reads its masks from tables ({@code LaneMasks}), ran 10–70 % slower with the choice in the loop. A
     * constant, so C2 compiles only one of the two.
     */
    private static final boolean PLANE_MASKS = Runtime.version().feature() >= 25;

    /** The padding rows above and below a plane, as wide as the widest plane this path takes plus a vector. */
    private static final float[] ZEROS = new float[ConvTuning.SMALL_PLANE_MAX_WIDTH + 2 * S.length() + 2];

    private VectorStride2Planes() {}

    /** Whether {@link #plane} computes this geometry. */
    static boolean applies(ConvGeometry g) {
        return KernelShapes.threeByThreePaddingOne(g, 2) && g.inW() <= ConvTuning.SMALL_PLANE_MAX_WIDTH;
    }

    /**
     * Whether every whole-vector window of {@link #plane} lies inside the arrays; the first and last planes of an array
     * may need {@link PhasePlanes} instead (a window past an array's end would take the Vector API's checked path).
     */
    static boolean inside(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int lanes = S.length();
        int lastBlock = (g.inW() - 1) / lanes * lanes;
        return xOff >= 1
                && xOff + (g.inH() - 1) * g.inW() + lastBlock + 1 + lanes <= x.length
                && yOff + g.outH() * g.outW() + lanes - 1 <= y.length;
    }

    /**
     * One output plane ({@code ⌈H/2⌉×⌈W/2⌉}) from the input plane at {@code xOff}.
     *
     * @param g the geometry; {@link #applies} and {@link #inside} must hold
     * @param x the input array
     * @param xOff the input plane's first element
     * @param w the weight array
     * @param wOff the kernel's first tap
     * @param bias added to every output
     * @param y the output array
     * @param yOff the output plane's first element
     */
    static void plane(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff) {
        int lanes = S.length();
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        int planeEnd = yOff + outH * outW;
        // Before the broadcasts: the workspace lookup is a call, and vectors live across a call halved this method's
        // speed on JDK 25 (0.18 against 0.30 ms for 64×112×112).
        float[] scratch = SCRATCH_ROWS ? Workspace.get().tail(inW / 2 + lanes) : null;
        FloatVector w00 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(S, bias);
        FloatVector zero = FloatVector.zero(S);
        int lastC = (inW - 1) / lanes * lanes;
        int lastAt = lastC / 2;
        // Only the first block of a row has lanes left of column 0 and only the last one lanes right of column W − 1:
        // their masks once per plane, not two per block and row (PLANE_MASKS).
        VectorMask<Float> firstLeft = PLANE_MASKS ? LaneMasks.between(S, 1, lanes) : null;
        VectorMask<Float> lastRight = PLANE_MASKS ? LaneMasks.below(S, inW - 1 - lastC) : null;
        VectorMask<Float> all = PLANE_MASKS ? S.maskAll(true) : null;
        for (int i = 0; i < outH; i++) {
            // Input rows 2i − 1, 2i and 2i + 1; a row on the padding is read from ZEROS (choosing arrays, not vectors,
            // keeps the vectors out of branches, where C2 would box them). ZEROS is read from index 1 on.
            int top = 2 * i - 1;
            int bottom = 2 * i + 1;
            float[] x0 = top >= 0 ? x : ZEROS;
            int r0 = top >= 0 ? xOff + top * inW : 1;
            int r1 = xOff + 2 * i * inW;
            float[] x2 = bottom < inH ? x : ZEROS;
            int r2 = bottom < inH ? xOff + bottom * inW : 1;
            int yRow = yOff + i * outW;
            // A row whose last vector would pass the plane's end: masked stores where the JIT compiles them, else the
            // row goes to scratch and is copied (see SCRATCH_ROWS).
            boolean fits = !SCRATCH_ROWS || yRow + lastAt + lanes <= planeEnd;
            float[] out = fits ? y : scratch;
            int outRow = fits ? yRow : 0;
            for (int c = 0; c < inW; c += lanes) {
                // Lane l holds column c + l − 1, c + l or c + l + 1; the lanes whose column is outside the row are the
                // padding (or past it, feeding only columns that are dropped).
                VectorMask<Float> left = PLANE_MASKS ? (c == 0 ? firstLeft : all) : LaneMasks.between(S, 1 - c, lanes);
                VectorMask<Float> right =
                        PLANE_MASKS ? (c == lastC ? lastRight : all) : LaneMasks.below(S, inW - 1 - c);
                FloatVector acc = zero.blend(FloatVector.fromArray(S, x0, r0 + c - 1), left)
                        .fma(w00, b);
                acc = FloatVector.fromArray(S, x0, r0 + c).fma(w01, acc);
                acc = zero.blend(FloatVector.fromArray(S, x0, r0 + c + 1), right)
                        .fma(w02, acc);
                acc = zero.blend(FloatVector.fromArray(S, x, r1 + c - 1), left).fma(w10, acc);
                acc = FloatVector.fromArray(S, x, r1 + c).fma(w11, acc);
                acc = zero.blend(FloatVector.fromArray(S, x, r1 + c + 1), right).fma(w12, acc);
                acc = zero.blend(FloatVector.fromArray(S, x2, r2 + c - 1), left).fma(w20, acc);
                acc = FloatVector.fromArray(S, x2, r2 + c).fma(w21, acc);
                acc = zero.blend(FloatVector.fromArray(S, x2, r2 + c + 1), right)
                        .fma(w22, acc);
                FloatVector even = acc.rearrange(EVEN);
                int at = outRow + c / 2;
                if (SCRATCH_ROWS || at + lanes <= planeEnd) {
                    // The lanes past this vector's outputs land on outputs this loop writes next.
                    even.intoArray(out, at);
                } else {
                    even.intoArray(out, at, S.indexInRange(0, Math.min(lanes / 2, yRow + outW - at)));
                }
            }
            if (!fits) {
                System.arraycopy(scratch, 0, y, yRow, outW);
            }
        }
    }
}
