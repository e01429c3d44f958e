package io.github.conv4j.kernel.depthwise;

import io.github.conv4j.kernel.simd.LaneMasks;
import io.github.conv4j.spec.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API plane of {@link DepthwiseInputGradient}: a vector of input columns at a time, from one load of the
 * upstream row spread two ways by permutes (lane l takes upstream column l/2 for an even column's middle tap and an odd
 * column's right tap, and column (l+1)/2 for an odd column's left tap); the even and odd columns' chains are kept
 * apart by blends, so no lane takes a product it should not (a product with zero would turn an infinite weight into
 * NaN).
 */
final class VectorDepthwiseInputGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Lane l takes lane l / 2. */
    private static final VectorShuffle<Float> HALF = VectorShuffle.fromOp(S, l -> l / 2);

    /** Lane l takes lane (l + 1) / 2. */
    private static final VectorShuffle<Float> HALF_UP = VectorShuffle.fromOp(S, l -> (l + 1) / 2);

    private static final boolean[] EVEN = new boolean[S.length()];
    private static final boolean[] ALL = new boolean[S.length()];
    private static final boolean[] NONE = new boolean[S.length()];

    /**
     * Whether rows whose last vector would pass the plane's end go through scratch instead of a masked store (JDK 17
     * runs masked stores in Java; see the forward's {@code VectorStride2Planes}). A constant, so C2 compiles one way.
     */
    private static final boolean SCRATCH_ROWS = Runtime.version().feature() < 18;

    static {
        for (int l = 0; l < S.length(); l++) {
            EVEN[l] = l % 2 == 0;
            ALL[l] = true;
        }
    }

    private VectorDepthwiseInputGradient() {}

    /** Whether every whole-vector window of {@link #plane} lies inside the arrays (else the scalar path runs). */
    static boolean inside(ConvGeometry g, float[] gy, int gyOff, float[] gx, int gxOff) {
        int lanes = S.length();
        int lastBlock = (g.inW() - 1) / lanes * lanes;
        return gyOff + (g.outH() - 1) * g.outW() + lastBlock / 2 + lanes <= gy.length
                && gxOff + g.inH() * g.inW() + lanes - 1 <= gx.length;
    }

    /** One plane, as {@link DepthwiseInputGradient#scalarPlane}. */
    static void plane(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff) {
        int lanes = S.length();
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        int planeEnd = gxOff + inH * inW;
        // Before any vector: the workspace lookup is a call, and vectors live across a call slow the loop down.
        float[] scratch = SCRATCH_ROWS ? DepthwiseScratch.floats(0, inW + lanes) : null;
        int lastAt = (inW - 1) / lanes * lanes;
        FloatVector zero = FloatVector.zero(S);
        VectorMask<Float> even = VectorMask.fromArray(S, EVEN, 0);
        for (int r = 0; r < inH; r++) {
            // Two steps per row, kernel rows ascending: an even row takes kernel row 1 of upstream row r/2 (its second
            // step is masked off); an odd row kernel row 0 of row (r+1)/2, masked off past the last upstream row,
            // then kernel row 2 of row (r−1)/2. Masked-off steps still read a real row.
            boolean odd = (r & 1) == 1;
            boolean below = odd && (r + 1) / 2 < outH;
            int firstRow = gyOff + (odd && below ? (r + 1) / 2 : r / 2) * outW;
            int firstTaps = wOff + 3 * (odd ? 0 : 1);
            boolean firstOk = !odd || below;
            int secondRow = gyOff + (odd ? (r - 1) / 2 : r / 2) * outW;
            int secondTaps = wOff + 6;
            VectorMask<Float> firstOn = VectorMask.fromArray(S, firstOk ? ALL : NONE, 0);
            VectorMask<Float> secondOn = VectorMask.fromArray(S, odd ? ALL : NONE, 0);
            int gxRow = gxOff + r * inW;
            boolean fits = !SCRATCH_ROWS || gxRow + lastAt + lanes <= planeEnd;
            float[] out = fits ? gx : scratch;
            int outRow = fits ? gxRow : 0;
            for (int c = 0; c < inW; c += lanes) {
                // An odd column's left tap reads upstream column (c + l + 1)/2, which is past the row at the last
                // column of an even-width row.
                VectorMask<Float> leftOk = LaneMasks.below(S, 2 * outW - 1 - c);
                FloatVector acc = zero;
                FloatVector d = FloatVector.fromArray(S, gy, firstRow + c / 2);
                FloatVector mid = d.rearrange(HALF);
                FloatVector up = d.rearrange(HALF_UP);
                FloatVector evenSum = FloatVector.broadcast(S, w[firstTaps + 1]).fma(mid, acc);
                FloatVector oddSum =
                        acc.blend(FloatVector.broadcast(S, w[firstTaps]).fma(up, acc), leftOk);
                oddSum = FloatVector.broadcast(S, w[firstTaps + 2]).fma(mid, oddSum);
                acc = acc.blend(oddSum.blend(evenSum, even), firstOn);
                d = FloatVector.fromArray(S, gy, secondRow + c / 2);
                mid = d.rearrange(HALF);
                up = d.rearrange(HALF_UP);
                evenSum = FloatVector.broadcast(S, w[secondTaps + 1]).fma(mid, acc);
                oddSum = acc.blend(FloatVector.broadcast(S, w[secondTaps]).fma(up, acc), leftOk);
                oddSum = FloatVector.broadcast(S, w[secondTaps + 2]).fma(mid, oddSum);
                acc = acc.blend(oddSum.blend(evenSum, even), secondOn);
                int at = outRow + c;
                if (SCRATCH_ROWS || at + lanes <= planeEnd) {
                    // The lanes past the row land on the next row's columns, which this loop writes next.
                    acc.intoArray(out, at);
                } else {
                    acc.intoArray(out, at, S.indexInRange(0, Math.min(lanes, gxRow + inW - at)));
                }
            }
            if (!fits) {
                System.arraycopy(scratch, 0, gx, gxRow, inW);
            }
        }
    }
}
