package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.KernelShapes;
import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3×3 kernels with stride 1, no dilation and one pixel of zero padding on every side, on planes no wider than a
 * vector (MobileNet's 14×14 and 7×7 depthwise layers): each input row is one vector, loaded three times, at columns
 * {@code j − 1}, {@code j} and {@code j + 1}, with the lanes that fall on the left or right padding blended to zero.
 * The three rows an output row reads roll through registers, so each input row is loaded three times in all and each
 * output row stored once, straight from the input to the output: the bordered copy of {@link SmallPlanes}, its flat
 * buffer and the copy out of it had cost as much as the arithmetic on such planes.
 *
 * <p>Loads and stores are whole vectors; only a store whose window would pass the plane's end is masked. A version
 * with masked loads and stores throughout ran at 0.04 or 0.22 ms for 512 planes of 14×14, depending on the run; the
 * cause was not found (masked row copies alone run at full speed in a microbenchmark), and this form has not shown it.
 *
 * <p>Each output is the same chain as {@link SmallPlanes}' sweeps, bias then the nine taps row by row, padding taps
 * included as products with zero, so the bits are those of the bordered path and its scalar twin.
 */
final class VectorNarrowPlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Whether the last rows, whose vector would pass the plane's end, go through scratch and are copied a float at a
     * time instead of by a masked store: JDK 17 runs masked stores in Java (as {@link VectorStride2Planes} found).
     */
    private static final boolean SCRATCH_ROWS = Runtime.version().feature() < 18;

    /** The zero row below a plane: one vector and a float either side, for the three shifted loads. */
    private static final float[] ZEROS = new float[S.length() + 2];

    private VectorNarrowPlanes() {}

    /** Whether {@link #plane} computes this geometry. */
    static boolean applies(ConvGeometry g) {
        return KernelShapes.threeByThreePaddingOne(g, 1) && g.inW() <= S.length();
    }

    /**
     * Whether every whole-vector window of {@link #plane} lies inside the arrays (the first and last planes of an
     * array may not; they take the bordered path). Only a window inside its array is a plain vector access: the
     * others take the Vector API's checked path, which made a layer ten times slower when one plane per call needed it.
     */
    static boolean inside(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int lanes = S.length();
        int lastRow = (g.inH() - 1) * g.inW();
        return xOff >= 1 && xOff + lastRow + 1 + lanes <= x.length && yOff + lastRow + lanes <= y.length;
    }

    /**
     * One output plane ({@code H×W}, the input's size) from the input plane at {@code xOff}.
     *
     * @param g the geometry; {@link #applies} must hold
     * @param x the input array
     * @param xOff the input plane's first element
     * @param w the weight array
     * @param wOff the kernel's first tap
     * @param bias added to every output
     * @param y the output array
     * @param yOff the output plane's first element
     */
    static void plane(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff) {
        // Before the vectors: the workspace lookup is a call, and vectors live across a call are spilled.
        float[] scratch = SCRATCH_ROWS ? Workspace.get().tail(S.length()) : null;
        int h = g.inH();
        int width = g.inW();
        int lanes = S.length();
        int planeEnd = yOff + h * width;
        // Lane j of a shifted load holds column j + shift; these masks keep the lanes whose column is in [0, W).
        VectorMask<Float> left = LaneMasks.between(S, 1, width);
        VectorMask<Float> centre = LaneMasks.below(S, width);
        VectorMask<Float> right = LaneMasks.below(S, width - 1);
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
        // Rows above (a), at (m) and below (c) the output row. The padding row under the plane is read from ZEROS:
        // choosing the array keeps every vector out of branches (C2 boxes vectors chosen by a branch) and the method
        // small enough for C1 (a peeled copy of the loop body ran it out of registers, and the method then never
        // reached C2).
        FloatVector aL = zero;
        FloatVector aM = zero;
        FloatVector aR = zero;
        FloatVector mL = zero.blend(FloatVector.fromArray(S, x, xOff - 1), left);
        FloatVector mM = FloatVector.fromArray(S, x, xOff);
        FloatVector mR = zero.blend(FloatVector.fromArray(S, x, xOff + 1), right);
        for (int i = 0; i < h; i++) {
            boolean last = i + 1 == h;
            float[] src = last ? ZEROS : x;
            int below = last ? 1 : xOff + (i + 1) * width;
            FloatVector cL = zero.blend(FloatVector.fromArray(S, src, below - 1), left);
            FloatVector cM = FloatVector.fromArray(S, src, below);
            FloatVector cR = zero.blend(FloatVector.fromArray(S, src, below + 1), right);
            FloatVector acc = aL.fma(w00, b);
            acc = aM.fma(w01, acc);
            acc = aR.fma(w02, acc);
            acc = mL.fma(w10, acc);
            acc = mM.fma(w11, acc);
            acc = mR.fma(w12, acc);
            acc = cL.fma(w20, acc);
            acc = cM.fma(w21, acc);
            acc = cR.fma(w22, acc);
            int at = yOff + i * width;
            if (at + lanes <= planeEnd) {
                // The lanes past the row land on rows this loop writes next.
                acc.intoArray(y, at);
            } else if (SCRATCH_ROWS) {
                acc.intoArray(scratch, 0);
                for (int j = 0; j < width; j++) {
                    y[at + j] = scratch[j];
                }
            } else {
                acc.intoArray(y, at, centre);
            }
            aL = mL;
            aM = mM;
            aR = mR;
            mL = cL;
            mM = cM;
            mR = cR;
        }
    }
}
