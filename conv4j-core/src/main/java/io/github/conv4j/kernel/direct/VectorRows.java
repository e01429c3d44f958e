package io.github.conv4j.kernel.direct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API halves of {@link Rows}: whole vectors of interior columns only, where every tap reads inside the
 * input, so no masks are needed; callers finish the ragged ends with the scalar code. Each output element is built
 * by the same fused multiply-adds, in the same order, as the scalar code would use, so both paths agree bit for bit.
 *
 * <p>Only loaded after {@code Simd.available()} said yes. Tap broadcasts sit outside the column loops: broadcasting
 * inside loops of run-time length cost a factor of ~20 on JDK 17 (JVM-NOTES). Vectors never leave a method, which
 * keeps them in registers.
 */
final class VectorRows {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private VectorRows() {}

    /**
     * Columns {@code [j0, j)} of {@link Rows#pass}, for the largest {@code j ≤ j1} reachable in whole vectors.
     *
     * @return the first column not written
     */
    static int pass(
            float[] x,
            int xBase,
            float[] w,
            int wOff,
            int kw,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        switch (kw) {
            case 1:
                return pass1(x, xBase, w[wOff], first, bias, y, yRow, j0, j1);
            case 2:
                return pass2(x, xBase, w[wOff], w[wOff + 1], dw, first, bias, y, yRow, j0, j1);
            case 3:
                return pass3(x, xBase, w, wOff, dw, first, bias, y, yRow, j0, j1);
            case 5:
                return pass5(x, xBase, w, wOff, dw, first, bias, y, yRow, j0, j1);
            case 7:
                return pass7(x, xBase, w, wOff, dw, first, bias, y, yRow, j0, j1);
            default:
                return passGeneric(x, xBase, w, wOff, kw, dw, first, bias, y, yRow, j0, j1);
        }
    }

    private static int pass1(
            float[] x, int xBase, float w0, boolean first, float bias, float[] y, int yRow, int j0, int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w0);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            FloatVector.fromArray(SPECIES, x, xBase + j).fma(t0, acc).intoArray(y, yRow + j);
        }
        return j;
    }

    private static int pass2(
            float[] x,
            int xBase,
            float w0,
            float w1,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w0);
        FloatVector t1 = FloatVector.broadcast(SPECIES, w1);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            int a = xBase + j;
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            acc = FloatVector.fromArray(SPECIES, x, a).fma(t0, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + dw).fma(t1, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    private static int pass3(
            float[] x,
            int xBase,
            float[] w,
            int wOff,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w[wOff]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int d2 = 2 * dw;
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            int a = xBase + j;
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            acc = FloatVector.fromArray(SPECIES, x, a).fma(t0, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + dw).fma(t1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + d2).fma(t2, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    private static int pass5(
            float[] x,
            int xBase,
            float[] w,
            int wOff,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w[wOff]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t3 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t4 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            int a = xBase + j;
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            acc = FloatVector.fromArray(SPECIES, x, a).fma(t0, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + dw).fma(t1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 2 * dw).fma(t2, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 3 * dw).fma(t3, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 4 * dw).fma(t4, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    private static int pass7(
            float[] x,
            int xBase,
            float[] w,
            int wOff,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w[wOff]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t3 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t4 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector t5 = FloatVector.broadcast(SPECIES, w[wOff + 5]);
        FloatVector t6 = FloatVector.broadcast(SPECIES, w[wOff + 6]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            int a = xBase + j;
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            acc = FloatVector.fromArray(SPECIES, x, a).fma(t0, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + dw).fma(t1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 2 * dw).fma(t2, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 3 * dw).fma(t3, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 4 * dw).fma(t4, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 5 * dw).fma(t5, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 6 * dw).fma(t6, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    /**
     * Two kernel rows of five taps in one sweep: halves the loads and stores of the accumulating output row, which
     * bound the one-row passes of 5×5 kernels. Same per-output operation order as two {@link #pass} calls.
     *
     * @return the first column not written
     */
    static int pass5x2(
            float[] x,
            int xBaseA,
            int xBaseB,
            float[] w,
            int wOffA,
            int wOffB,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector a0 = FloatVector.broadcast(SPECIES, w[wOffA]);
        FloatVector a1 = FloatVector.broadcast(SPECIES, w[wOffA + 1]);
        FloatVector a2 = FloatVector.broadcast(SPECIES, w[wOffA + 2]);
        FloatVector a3 = FloatVector.broadcast(SPECIES, w[wOffA + 3]);
        FloatVector a4 = FloatVector.broadcast(SPECIES, w[wOffA + 4]);
        FloatVector b0 = FloatVector.broadcast(SPECIES, w[wOffB]);
        FloatVector b1 = FloatVector.broadcast(SPECIES, w[wOffB + 1]);
        FloatVector b2 = FloatVector.broadcast(SPECIES, w[wOffB + 2]);
        FloatVector b3 = FloatVector.broadcast(SPECIES, w[wOffB + 3]);
        FloatVector b4 = FloatVector.broadcast(SPECIES, w[wOffB + 4]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            int a = xBaseA + j;
            int c = xBaseB + j;
            FloatVector acc = first ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
            acc = FloatVector.fromArray(SPECIES, x, a).fma(a0, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + dw).fma(a1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 2 * dw).fma(a2, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 3 * dw).fma(a3, acc);
            acc = FloatVector.fromArray(SPECIES, x, a + 4 * dw).fma(a4, acc);
            acc = FloatVector.fromArray(SPECIES, x, c).fma(b0, acc);
            acc = FloatVector.fromArray(SPECIES, x, c + dw).fma(b1, acc);
            acc = FloatVector.fromArray(SPECIES, x, c + 2 * dw).fma(b2, acc);
            acc = FloatVector.fromArray(SPECIES, x, c + 3 * dw).fma(b3, acc);
            acc = FloatVector.fromArray(SPECIES, x, c + 4 * dw).fma(b4, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    /** Any width: one sweep per tap, accumulating in {@code y} (L1-resident for image rows up to ~8k floats). */
    private static int passGeneric(
            float[] x,
            int xBase,
            float[] w,
            int wOff,
            int kw,
            int dw,
            boolean first,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        int end = j0 + (j1 - j0) / LANES * LANES;
        for (int q = 0; q < kw; q++) {
            FloatVector t = FloatVector.broadcast(SPECIES, w[wOff + q]);
            FloatVector b = FloatVector.broadcast(SPECIES, bias);
            boolean init = first && q == 0;
            int a = xBase + q * dw;
            for (int j = j0; j < end; j += LANES) {
                FloatVector acc = init ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
                FloatVector.fromArray(SPECIES, x, a + j).fma(t, acc).intoArray(y, yRow + j);
            }
        }
        return end;
    }

    /**
     * Columns {@code [j0, j)} of {@link Rows#combine} in whole vectors.
     *
     * @return the first column not written
     */
    static int combine(float[] x, int[] offs, float[] taps, int n, float bias, float[] y, int yRow, int j0, int j1) {
        if (n == 3) {
            return combine3(x, offs[0], offs[1], offs[2], taps[0], taps[1], taps[2], bias, y, yRow, j0, j1);
        }
        if (n == 5) {
            return combine5(x, offs, taps, bias, y, yRow, j0, j1);
        }
        int end = j0 + (j1 - j0) / LANES * LANES;
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        for (int r = 0; r < n; r++) {
            FloatVector t = FloatVector.broadcast(SPECIES, taps[r]);
            int a = offs[r];
            boolean init = r == 0;
            for (int j = j0; j < end; j += LANES) {
                FloatVector acc = init ? b : FloatVector.fromArray(SPECIES, y, yRow + j);
                FloatVector.fromArray(SPECIES, x, a + j).fma(t, acc).intoArray(y, yRow + j);
            }
        }
        if (n == 0) {
            for (int j = j0; j < end; j += LANES) {
                b.intoArray(y, yRow + j);
            }
        }
        return end;
    }

    private static int combine3(
            float[] x,
            int a0,
            int a1,
            int a2,
            float w0,
            float w1,
            float w2,
            float bias,
            float[] y,
            int yRow,
            int j0,
            int j1) {
        FloatVector t0 = FloatVector.broadcast(SPECIES, w0);
        FloatVector t1 = FloatVector.broadcast(SPECIES, w1);
        FloatVector t2 = FloatVector.broadcast(SPECIES, w2);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, x, a0 + j).fma(t0, b);
            acc = FloatVector.fromArray(SPECIES, x, a1 + j).fma(t1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a2 + j).fma(t2, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    private static int combine5(float[] x, int[] offs, float[] taps, float bias, float[] y, int yRow, int j0, int j1) {
        int a0 = offs[0];
        int a1 = offs[1];
        int a2 = offs[2];
        int a3 = offs[3];
        int a4 = offs[4];
        FloatVector t0 = FloatVector.broadcast(SPECIES, taps[0]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, taps[1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, taps[2]);
        FloatVector t3 = FloatVector.broadcast(SPECIES, taps[3]);
        FloatVector t4 = FloatVector.broadcast(SPECIES, taps[4]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, x, a0 + j).fma(t0, b);
            acc = FloatVector.fromArray(SPECIES, x, a1 + j).fma(t1, acc);
            acc = FloatVector.fromArray(SPECIES, x, a2 + j).fma(t2, acc);
            acc = FloatVector.fromArray(SPECIES, x, a3 + j).fma(t3, acc);
            acc = FloatVector.fromArray(SPECIES, x, a4 + j).fma(t4, acc);
            acc.intoArray(y, yRow + j);
        }
        return j;
    }

    /**
     * {@link Rows#combineTwo} for five rows per sum on whole vectors: six loads for two outputs, each sum its own chain
     * in row order. Returns the first column not written.
     */
    static int combineTwo5(float[] x, int[] offs, float[] taps, float bias, float[] y0, float[] y1, int j0, int j1) {
        int a0 = offs[0];
        int a1 = offs[1];
        int a2 = offs[2];
        int a3 = offs[3];
        int a4 = offs[4];
        int a5 = offs[5];
        FloatVector t0 = FloatVector.broadcast(SPECIES, taps[0]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, taps[1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, taps[2]);
        FloatVector t3 = FloatVector.broadcast(SPECIES, taps[3]);
        FloatVector t4 = FloatVector.broadcast(SPECIES, taps[4]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            FloatVector r1 = FloatVector.fromArray(SPECIES, x, a1 + j);
            FloatVector upper = FloatVector.fromArray(SPECIES, x, a0 + j).fma(t0, b);
            FloatVector lower = r1.fma(t0, b);
            upper = r1.fma(t1, upper);
            FloatVector r = FloatVector.fromArray(SPECIES, x, a2 + j);
            upper = r.fma(t2, upper);
            lower = r.fma(t1, lower);
            r = FloatVector.fromArray(SPECIES, x, a3 + j);
            upper = r.fma(t3, upper);
            lower = r.fma(t2, lower);
            r = FloatVector.fromArray(SPECIES, x, a4 + j);
            upper = r.fma(t4, upper);
            lower = r.fma(t3, lower);
            lower = FloatVector.fromArray(SPECIES, x, a5 + j).fma(t4, lower);
            upper.intoArray(y0, j);
            lower.intoArray(y1, j);
        }
        return j;
    }

    /**
     * {@link Rows#combineFour} for five rows per sum on whole vectors: eight loads for four outputs, each sum its own
     * chain in row order. Returns the first column not written.
     */
    static int combineFour5(
            float[] x,
            int[] offs,
            float[] taps,
            float bias,
            float[] y0,
            float[] y1,
            float[] y2,
            float[] y3,
            int j0,
            int j1) {
        int a0 = offs[0];
        int a1 = offs[1];
        int a2 = offs[2];
        int a3 = offs[3];
        int a4 = offs[4];
        int a5 = offs[5];
        int a6 = offs[6];
        int a7 = offs[7];
        FloatVector t0 = FloatVector.broadcast(SPECIES, taps[0]);
        FloatVector t1 = FloatVector.broadcast(SPECIES, taps[1]);
        FloatVector t2 = FloatVector.broadcast(SPECIES, taps[2]);
        FloatVector t3 = FloatVector.broadcast(SPECIES, taps[3]);
        FloatVector t4 = FloatVector.broadcast(SPECIES, taps[4]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int j = j0;
        for (; j <= j1 - LANES; j += LANES) {
            FloatVector r = FloatVector.fromArray(SPECIES, x, a0 + j);
            FloatVector s0 = r.fma(t0, b);
            r = FloatVector.fromArray(SPECIES, x, a1 + j);
            s0 = r.fma(t1, s0);
            FloatVector s1 = r.fma(t0, b);
            r = FloatVector.fromArray(SPECIES, x, a2 + j);
            s0 = r.fma(t2, s0);
            s1 = r.fma(t1, s1);
            FloatVector s2 = r.fma(t0, b);
            r = FloatVector.fromArray(SPECIES, x, a3 + j);
            s0 = r.fma(t3, s0);
            s1 = r.fma(t2, s1);
            s2 = r.fma(t1, s2);
            FloatVector s3 = r.fma(t0, b);
            r = FloatVector.fromArray(SPECIES, x, a4 + j);
            s0 = r.fma(t4, s0);
            s1 = r.fma(t3, s1);
            s2 = r.fma(t2, s2);
            s3 = r.fma(t1, s3);
            r = FloatVector.fromArray(SPECIES, x, a5 + j);
            s1 = r.fma(t4, s1);
            s2 = r.fma(t3, s2);
            s3 = r.fma(t2, s3);
            r = FloatVector.fromArray(SPECIES, x, a6 + j);
            s2 = r.fma(t4, s2);
            s3 = r.fma(t3, s3);
            s3 = FloatVector.fromArray(SPECIES, x, a7 + j).fma(t4, s3);
            s0.intoArray(y0, j);
            s1.intoArray(y1, j);
            s2.intoArray(y2, j);
            s3.intoArray(y3, j);
        }
        return j;
    }

    /**
     * Whole-vector interior columns of every output row in {@code [iFrom, iTo)} of a 3×3 stride-1 correlation whose
     * three kernel rows all fall inside the input. The nine taps are broadcast once for the plane.
     *
     * @param rowBase {@code xOff + (iFrom·sh − padTop)·inW − padLeft}: where output row {@code iFrom}, column 0 reads
     * @param rowStep {@code sh·inW}
     * @param tapRow {@code dh·inW}
     * @return the first column not written (the same for every row)
     */
    static int plane3x3(
            float[] x,
            int rowBase,
            int rowStep,
            int tapRow,
            int dw,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yRow,
            int outW,
            int rows,
            int j0,
            int j1) {
        FloatVector t00 = FloatVector.broadcast(SPECIES, w[wOff]);
        FloatVector t01 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t02 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t10 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t11 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector t12 = FloatVector.broadcast(SPECIES, w[wOff + 5]);
        FloatVector t20 = FloatVector.broadcast(SPECIES, w[wOff + 6]);
        FloatVector t21 = FloatVector.broadcast(SPECIES, w[wOff + 7]);
        FloatVector t22 = FloatVector.broadcast(SPECIES, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int d2 = 2 * dw;
        int r = 0;
        // The last vector of a row overlaps the one before so that no column is left to the scalar path (up to 15
        // columns per row, 2.4× the time of a 384-wide plane): shared columns get the same bits twice.
        //
        // Two output rows per sweep: they share two of their input rows, so 12 loads make 2 outputs instead of 18,
        // and the two independent chains overlap (measured 15 % faster on a 2160×3840 image, from memory). Each
        // output keeps its own chain order: bias, then the taps row by row. Sharing needs the next output row to
        // start one kernel row further down (vertical stride equal to the dilation).
        if (rowStep == tapRow && LANES >= 16) {
            // Four rows at once where 32 vector registers hold their accumulators beside the taps (AVX-512).
            r = plane3x3Quads(x, rowBase, rowStep, dw, w, wOff, bias, y, yRow, outW, rows, j0, j1);
        }
        int pairs = rowStep == tapRow ? rows - 1 : 0;
        for (; r < pairs; r += 2) {
            int r0 = rowBase + r * rowStep;
            int r1 = r0 + tapRow;
            int r2 = r1 + tapRow;
            int r3 = r2 + tapRow;
            int yo = yRow + r * outW;
            for (int j = j0; j < j1; j += LANES) {
                int at = Math.min(j, j1 - LANES);
                FloatVector m0 = FloatVector.fromArray(SPECIES, x, r1 + at);
                FloatVector m1 = FloatVector.fromArray(SPECIES, x, r1 + at + dw);
                FloatVector m2 = FloatVector.fromArray(SPECIES, x, r1 + at + d2);
                FloatVector upper = FloatVector.fromArray(SPECIES, x, r0 + at).fma(t00, b);
                FloatVector lower = m0.fma(t00, b);
                upper = FloatVector.fromArray(SPECIES, x, r0 + at + dw).fma(t01, upper);
                lower = m1.fma(t01, lower);
                upper = FloatVector.fromArray(SPECIES, x, r0 + at + d2).fma(t02, upper);
                lower = m2.fma(t02, lower);
                upper = m0.fma(t10, upper);
                upper = m1.fma(t11, upper);
                upper = m2.fma(t12, upper);
                m0 = FloatVector.fromArray(SPECIES, x, r2 + at);
                m1 = FloatVector.fromArray(SPECIES, x, r2 + at + dw);
                m2 = FloatVector.fromArray(SPECIES, x, r2 + at + d2);
                lower = m0.fma(t10, lower);
                lower = m1.fma(t11, lower);
                lower = m2.fma(t12, lower);
                upper = m0.fma(t20, upper);
                upper = m1.fma(t21, upper);
                upper = m2.fma(t22, upper);
                lower = FloatVector.fromArray(SPECIES, x, r3 + at).fma(t20, lower);
                lower = FloatVector.fromArray(SPECIES, x, r3 + at + dw).fma(t21, lower);
                lower = FloatVector.fromArray(SPECIES, x, r3 + at + d2).fma(t22, lower);
                upper.intoArray(y, yo + at);
                lower.intoArray(y, yo + outW + at);
            }
        }
        for (; r < rows; r++) {
            int r0 = rowBase + r * rowStep;
            int r1 = r0 + tapRow;
            int r2 = r1 + tapRow;
            int yo = yRow + r * outW;
            for (int j = j0; j < j1; j += LANES) {
                int at = Math.min(j, j1 - LANES);
                FloatVector acc = FloatVector.fromArray(SPECIES, x, r0 + at).fma(t00, b);
                acc = FloatVector.fromArray(SPECIES, x, r0 + at + dw).fma(t01, acc);
                acc = FloatVector.fromArray(SPECIES, x, r0 + at + d2).fma(t02, acc);
                acc = FloatVector.fromArray(SPECIES, x, r1 + at).fma(t10, acc);
                acc = FloatVector.fromArray(SPECIES, x, r1 + at + dw).fma(t11, acc);
                acc = FloatVector.fromArray(SPECIES, x, r1 + at + d2).fma(t12, acc);
                acc = FloatVector.fromArray(SPECIES, x, r2 + at).fma(t20, acc);
                acc = FloatVector.fromArray(SPECIES, x, r2 + at + dw).fma(t21, acc);
                acc = FloatVector.fromArray(SPECIES, x, r2 + at + d2).fma(t22, acc);
                acc.intoArray(y, yo + at);
            }
        }
        return j1;
    }

    /**
     * Output rows four at a time for {@link #plane3x3} (vertical stride equal to the dilation, {@code rowStep} apart):
     * six input rows give four outputs, 18 loads per 4 output vectors instead of the pair's 24; the loads are unaligned
     * and bound these sweeps. Each output keeps its chain. Returns the rows done.
     */
    private static int plane3x3Quads(
            float[] x,
            int rowBase,
            int rowStep,
            int dw,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yRow,
            int outW,
            int rows,
            int j0,
            int j1) {
        FloatVector t00 = FloatVector.broadcast(SPECIES, w[wOff + 0]);
        FloatVector t01 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t02 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t10 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t11 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector t12 = FloatVector.broadcast(SPECIES, w[wOff + 5]);
        FloatVector t20 = FloatVector.broadcast(SPECIES, w[wOff + 6]);
        FloatVector t21 = FloatVector.broadcast(SPECIES, w[wOff + 7]);
        FloatVector t22 = FloatVector.broadcast(SPECIES, w[wOff + 8]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int d2 = 2 * dw;
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int r0 = rowBase + r * rowStep;
            int r1 = r0 + rowStep;
            int r2 = r1 + rowStep;
            int r3 = r2 + rowStep;
            int r4 = r3 + rowStep;
            int r5 = r4 + rowStep;
            int yo = yRow + r * outW;
            for (int j = j0; j < j1; j += LANES) {
                int at = Math.min(j, j1 - LANES);
                FloatVector o0 = b;
                FloatVector o1 = b;
                FloatVector o2 = b;
                FloatVector o3 = b;
                FloatVector v;
                v = FloatVector.fromArray(SPECIES, x, r0 + at);
                o0 = v.fma(t00, o0);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + dw);
                o0 = v.fma(t01, o0);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + d2);
                o0 = v.fma(t02, o0);
                v = FloatVector.fromArray(SPECIES, x, r1 + at);
                o0 = v.fma(t10, o0);
                o1 = v.fma(t00, o1);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + dw);
                o0 = v.fma(t11, o0);
                o1 = v.fma(t01, o1);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + d2);
                o0 = v.fma(t12, o0);
                o1 = v.fma(t02, o1);
                v = FloatVector.fromArray(SPECIES, x, r2 + at);
                o0 = v.fma(t20, o0);
                o1 = v.fma(t10, o1);
                o2 = v.fma(t00, o2);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + dw);
                o0 = v.fma(t21, o0);
                o1 = v.fma(t11, o1);
                o2 = v.fma(t01, o2);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + d2);
                o0 = v.fma(t22, o0);
                o1 = v.fma(t12, o1);
                o2 = v.fma(t02, o2);
                v = FloatVector.fromArray(SPECIES, x, r3 + at);
                o1 = v.fma(t20, o1);
                o2 = v.fma(t10, o2);
                o3 = v.fma(t00, o3);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + dw);
                o1 = v.fma(t21, o1);
                o2 = v.fma(t11, o2);
                o3 = v.fma(t01, o3);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + d2);
                o1 = v.fma(t22, o1);
                o2 = v.fma(t12, o2);
                o3 = v.fma(t02, o3);
                v = FloatVector.fromArray(SPECIES, x, r4 + at);
                o2 = v.fma(t20, o2);
                o3 = v.fma(t10, o3);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + dw);
                o2 = v.fma(t21, o2);
                o3 = v.fma(t11, o3);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + d2);
                o2 = v.fma(t22, o2);
                o3 = v.fma(t12, o3);
                v = FloatVector.fromArray(SPECIES, x, r5 + at);
                o3 = v.fma(t20, o3);
                v = FloatVector.fromArray(SPECIES, x, r5 + at + dw);
                o3 = v.fma(t21, o3);
                v = FloatVector.fromArray(SPECIES, x, r5 + at + d2);
                o3 = v.fma(t22, o3);
                o0.intoArray(y, yo + at);
                o1.intoArray(y, yo + outW + at);
                o2.intoArray(y, yo + 2 * outW + at);
                o3.intoArray(y, yo + 3 * outW + at);
            }
        }
        return r;
    }

    /**
     * {@link #plane3x3} for 5×5 kernels: the 25 taps are broadcast once per plane, and each output vector is one
     * chain of 25 fused multiply-adds straight from the five input rows, four vectors at a time so that four chains
     * overlap (two left the Xeon's FMA units waiting on latency: 1.25 → 0.88 ms on a cached 216×3840 plane);
     * the last group overlaps the one before, so no interior column is left to the scalar path. Replaces three
     * sweeps that accumulated in the output row (two kernel rows each, then one), which spent most of their time
     * waiting on 10-long chains and re-reading the row: 11.2 → 7 ms on a 2160×3840 image at 1 thread. Same
     * per-output operation order as {@link #pass}: bias, then the taps row by row.
     *
     * @return the first column not written (the same for every row)
     */
    static int plane5x5(
            float[] x,
            int rowBase,
            int rowStep,
            int tapRow,
            int dw,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yRow,
            int outW,
            int rows,
            int j0,
            int j1) {
        int group = 4 * LANES;
        if (j1 - j0 < group) {
            // Rows this short are left to the scalar path (planes narrower than 257 take the small-plane sweep).
            return j0;
        }
        // Row pairs and single rows each in their own method: together in one, the method grew past what C1 compiles
        // ("out of virtual registers"), and it then ran interpreted until C2 took it, seconds later.
        int r = rowStep == tapRow
                ? plane5x5Pairs(x, rowBase, rowStep, tapRow, dw, w, wOff, bias, y, yRow, outW, rows, j0, j1)
                : 0;
        if (r < rows) {
            plane5x5Rows(x, rowBase, rowStep, tapRow, dw, w, wOff, bias, y, yRow, outW, r, rows, j0, j1);
        }
        return j1;
    }

    /** Output rows {@code [from, rows)} of {@link #plane5x5}, one at a time. */
    private static void plane5x5Rows(
            float[] x,
            int rowBase,
            int rowStep,
            int tapRow,
            int dw,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yRow,
            int outW,
            int from,
            int rows,
            int j0,
            int j1) {
        FloatVector t00 = FloatVector.broadcast(SPECIES, w[wOff + 0]);
        FloatVector t01 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t02 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t03 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t04 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector t10 = FloatVector.broadcast(SPECIES, w[wOff + 5]);
        FloatVector t11 = FloatVector.broadcast(SPECIES, w[wOff + 6]);
        FloatVector t12 = FloatVector.broadcast(SPECIES, w[wOff + 7]);
        FloatVector t13 = FloatVector.broadcast(SPECIES, w[wOff + 8]);
        FloatVector t14 = FloatVector.broadcast(SPECIES, w[wOff + 9]);
        FloatVector t20 = FloatVector.broadcast(SPECIES, w[wOff + 10]);
        FloatVector t21 = FloatVector.broadcast(SPECIES, w[wOff + 11]);
        FloatVector t22 = FloatVector.broadcast(SPECIES, w[wOff + 12]);
        FloatVector t23 = FloatVector.broadcast(SPECIES, w[wOff + 13]);
        FloatVector t24 = FloatVector.broadcast(SPECIES, w[wOff + 14]);
        FloatVector t30 = FloatVector.broadcast(SPECIES, w[wOff + 15]);
        FloatVector t31 = FloatVector.broadcast(SPECIES, w[wOff + 16]);
        FloatVector t32 = FloatVector.broadcast(SPECIES, w[wOff + 17]);
        FloatVector t33 = FloatVector.broadcast(SPECIES, w[wOff + 18]);
        FloatVector t34 = FloatVector.broadcast(SPECIES, w[wOff + 19]);
        FloatVector t40 = FloatVector.broadcast(SPECIES, w[wOff + 20]);
        FloatVector t41 = FloatVector.broadcast(SPECIES, w[wOff + 21]);
        FloatVector t42 = FloatVector.broadcast(SPECIES, w[wOff + 22]);
        FloatVector t43 = FloatVector.broadcast(SPECIES, w[wOff + 23]);
        FloatVector t44 = FloatVector.broadcast(SPECIES, w[wOff + 24]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int group = 4 * LANES;
        int r = from;
        for (; r < rows; r++) {
            int r0 = rowBase + r * rowStep;
            int r1 = r0 + tapRow;
            int r2 = r1 + tapRow;
            int r3 = r2 + tapRow;
            int r4 = r3 + tapRow;
            int yo = yRow + r * outW;
            for (int j = j0; j < j1; j += group) {
                // Four independent chains hide the fused multiply-add latency. The last group overlaps the one
                // before so that no column is left to the scalar path: shared columns get the same bits twice.
                int at = Math.min(j, j1 - group);
                FloatVector u = b;
                FloatVector v = b;
                FloatVector s = b;
                FloatVector t = b;
                u = FloatVector.fromArray(SPECIES, x, r0 + at).fma(t00, u);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + LANES).fma(t00, v);
                s = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * LANES).fma(t00, s);
                t = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * LANES).fma(t00, t);
                u = FloatVector.fromArray(SPECIES, x, r0 + at + dw).fma(t01, u);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + dw + LANES).fma(t01, v);
                s = FloatVector.fromArray(SPECIES, x, r0 + at + dw + 2 * LANES).fma(t01, s);
                t = FloatVector.fromArray(SPECIES, x, r0 + at + dw + 3 * LANES).fma(t01, t);
                u = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw).fma(t02, u);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw + LANES).fma(t02, v);
                s = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw + 2 * LANES)
                        .fma(t02, s);
                t = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw + 3 * LANES)
                        .fma(t02, t);
                u = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw).fma(t03, u);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw + LANES).fma(t03, v);
                s = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw + 2 * LANES)
                        .fma(t03, s);
                t = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw + 3 * LANES)
                        .fma(t03, t);
                u = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw).fma(t04, u);
                v = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw + LANES).fma(t04, v);
                s = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw + 2 * LANES)
                        .fma(t04, s);
                t = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw + 3 * LANES)
                        .fma(t04, t);
                u = FloatVector.fromArray(SPECIES, x, r1 + at).fma(t10, u);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + LANES).fma(t10, v);
                s = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * LANES).fma(t10, s);
                t = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * LANES).fma(t10, t);
                u = FloatVector.fromArray(SPECIES, x, r1 + at + dw).fma(t11, u);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + dw + LANES).fma(t11, v);
                s = FloatVector.fromArray(SPECIES, x, r1 + at + dw + 2 * LANES).fma(t11, s);
                t = FloatVector.fromArray(SPECIES, x, r1 + at + dw + 3 * LANES).fma(t11, t);
                u = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw).fma(t12, u);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw + LANES).fma(t12, v);
                s = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw + 2 * LANES)
                        .fma(t12, s);
                t = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw + 3 * LANES)
                        .fma(t12, t);
                u = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw).fma(t13, u);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw + LANES).fma(t13, v);
                s = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw + 2 * LANES)
                        .fma(t13, s);
                t = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw + 3 * LANES)
                        .fma(t13, t);
                u = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw).fma(t14, u);
                v = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw + LANES).fma(t14, v);
                s = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw + 2 * LANES)
                        .fma(t14, s);
                t = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw + 3 * LANES)
                        .fma(t14, t);
                u = FloatVector.fromArray(SPECIES, x, r2 + at).fma(t20, u);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + LANES).fma(t20, v);
                s = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * LANES).fma(t20, s);
                t = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * LANES).fma(t20, t);
                u = FloatVector.fromArray(SPECIES, x, r2 + at + dw).fma(t21, u);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + dw + LANES).fma(t21, v);
                s = FloatVector.fromArray(SPECIES, x, r2 + at + dw + 2 * LANES).fma(t21, s);
                t = FloatVector.fromArray(SPECIES, x, r2 + at + dw + 3 * LANES).fma(t21, t);
                u = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw).fma(t22, u);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw + LANES).fma(t22, v);
                s = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw + 2 * LANES)
                        .fma(t22, s);
                t = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw + 3 * LANES)
                        .fma(t22, t);
                u = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw).fma(t23, u);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw + LANES).fma(t23, v);
                s = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw + 2 * LANES)
                        .fma(t23, s);
                t = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw + 3 * LANES)
                        .fma(t23, t);
                u = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw).fma(t24, u);
                v = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw + LANES).fma(t24, v);
                s = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw + 2 * LANES)
                        .fma(t24, s);
                t = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw + 3 * LANES)
                        .fma(t24, t);
                u = FloatVector.fromArray(SPECIES, x, r3 + at).fma(t30, u);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + LANES).fma(t30, v);
                s = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * LANES).fma(t30, s);
                t = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * LANES).fma(t30, t);
                u = FloatVector.fromArray(SPECIES, x, r3 + at + dw).fma(t31, u);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + dw + LANES).fma(t31, v);
                s = FloatVector.fromArray(SPECIES, x, r3 + at + dw + 2 * LANES).fma(t31, s);
                t = FloatVector.fromArray(SPECIES, x, r3 + at + dw + 3 * LANES).fma(t31, t);
                u = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw).fma(t32, u);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw + LANES).fma(t32, v);
                s = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw + 2 * LANES)
                        .fma(t32, s);
                t = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw + 3 * LANES)
                        .fma(t32, t);
                u = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw).fma(t33, u);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw + LANES).fma(t33, v);
                s = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw + 2 * LANES)
                        .fma(t33, s);
                t = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw + 3 * LANES)
                        .fma(t33, t);
                u = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw).fma(t34, u);
                v = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw + LANES).fma(t34, v);
                s = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw + 2 * LANES)
                        .fma(t34, s);
                t = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw + 3 * LANES)
                        .fma(t34, t);
                u = FloatVector.fromArray(SPECIES, x, r4 + at).fma(t40, u);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + LANES).fma(t40, v);
                s = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * LANES).fma(t40, s);
                t = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * LANES).fma(t40, t);
                u = FloatVector.fromArray(SPECIES, x, r4 + at + dw).fma(t41, u);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + dw + LANES).fma(t41, v);
                s = FloatVector.fromArray(SPECIES, x, r4 + at + dw + 2 * LANES).fma(t41, s);
                t = FloatVector.fromArray(SPECIES, x, r4 + at + dw + 3 * LANES).fma(t41, t);
                u = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw).fma(t42, u);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw + LANES).fma(t42, v);
                s = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw + 2 * LANES)
                        .fma(t42, s);
                t = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw + 3 * LANES)
                        .fma(t42, t);
                u = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw).fma(t43, u);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw + LANES).fma(t43, v);
                s = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw + 2 * LANES)
                        .fma(t43, s);
                t = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw + 3 * LANES)
                        .fma(t43, t);
                u = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw).fma(t44, u);
                v = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw + LANES).fma(t44, v);
                s = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw + 2 * LANES)
                        .fma(t44, s);
                t = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw + 3 * LANES)
                        .fma(t44, t);
                u.intoArray(y, yo + at);
                v.intoArray(y, yo + at + LANES);
                s.intoArray(y, yo + at + 2 * LANES);
                t.intoArray(y, yo + at + 3 * LANES);
            }
        }
    }

    /**
     * Output rows two at a time for {@link #plane5x5} (vertical stride equal to the dilation); returns the rows done.
     */
    private static int plane5x5Pairs(
            float[] x,
            int rowBase,
            int rowStep,
            int tapRow,
            int dw,
            float[] w,
            int wOff,
            float bias,
            float[] y,
            int yRow,
            int outW,
            int rows,
            int j0,
            int j1) {
        FloatVector t00 = FloatVector.broadcast(SPECIES, w[wOff + 0]);
        FloatVector t01 = FloatVector.broadcast(SPECIES, w[wOff + 1]);
        FloatVector t02 = FloatVector.broadcast(SPECIES, w[wOff + 2]);
        FloatVector t03 = FloatVector.broadcast(SPECIES, w[wOff + 3]);
        FloatVector t04 = FloatVector.broadcast(SPECIES, w[wOff + 4]);
        FloatVector t10 = FloatVector.broadcast(SPECIES, w[wOff + 5]);
        FloatVector t11 = FloatVector.broadcast(SPECIES, w[wOff + 6]);
        FloatVector t12 = FloatVector.broadcast(SPECIES, w[wOff + 7]);
        FloatVector t13 = FloatVector.broadcast(SPECIES, w[wOff + 8]);
        FloatVector t14 = FloatVector.broadcast(SPECIES, w[wOff + 9]);
        FloatVector t20 = FloatVector.broadcast(SPECIES, w[wOff + 10]);
        FloatVector t21 = FloatVector.broadcast(SPECIES, w[wOff + 11]);
        FloatVector t22 = FloatVector.broadcast(SPECIES, w[wOff + 12]);
        FloatVector t23 = FloatVector.broadcast(SPECIES, w[wOff + 13]);
        FloatVector t24 = FloatVector.broadcast(SPECIES, w[wOff + 14]);
        FloatVector t30 = FloatVector.broadcast(SPECIES, w[wOff + 15]);
        FloatVector t31 = FloatVector.broadcast(SPECIES, w[wOff + 16]);
        FloatVector t32 = FloatVector.broadcast(SPECIES, w[wOff + 17]);
        FloatVector t33 = FloatVector.broadcast(SPECIES, w[wOff + 18]);
        FloatVector t34 = FloatVector.broadcast(SPECIES, w[wOff + 19]);
        FloatVector t40 = FloatVector.broadcast(SPECIES, w[wOff + 20]);
        FloatVector t41 = FloatVector.broadcast(SPECIES, w[wOff + 21]);
        FloatVector t42 = FloatVector.broadcast(SPECIES, w[wOff + 22]);
        FloatVector t43 = FloatVector.broadcast(SPECIES, w[wOff + 23]);
        FloatVector t44 = FloatVector.broadcast(SPECIES, w[wOff + 24]);
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int r = 0;
        // Two output rows per sweep when they share input rows (vertical stride equal to the dilation), two vectors
        // wide: each of the six input rows' loads feeds both rows' chains, 60 loads per 4 output vectors instead of
        // 100.
        // The loads are unaligned (a 64-byte load across two cache lines costs two), and they bound this kernel.
        // (Four rows at once measured no faster on a 2160×3840 image, and the larger method compiled badly on others.)
        int pairs = rowStep == tapRow ? rows - 1 : 0;
        int pairGroup = 2 * LANES;
        for (; r < pairs; r += 2) {
            int r0 = rowBase + r * rowStep;
            int r1 = r0 + tapRow;
            int r2 = r1 + tapRow;
            int r3 = r2 + tapRow;
            int r4 = r3 + tapRow;
            int r5 = r4 + tapRow;
            int yo = yRow + r * outW;
            for (int j = j0; j < j1; j += pairGroup) {
                int at = Math.min(j, j1 - pairGroup);
                FloatVector ua = b;
                FloatVector ub = b;
                FloatVector la = b;
                FloatVector lb = b;
                FloatVector va;
                FloatVector vb;
                va = FloatVector.fromArray(SPECIES, x, r0 + at);
                vb = FloatVector.fromArray(SPECIES, x, r0 + at + LANES);
                ua = va.fma(t00, ua);
                ub = vb.fma(t00, ub);
                va = FloatVector.fromArray(SPECIES, x, r0 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r0 + at + dw + LANES);
                ua = va.fma(t01, ua);
                ub = vb.fma(t01, ub);
                va = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r0 + at + 2 * dw + LANES);
                ua = va.fma(t02, ua);
                ub = vb.fma(t02, ub);
                va = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r0 + at + 3 * dw + LANES);
                ua = va.fma(t03, ua);
                ub = vb.fma(t03, ub);
                va = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r0 + at + 4 * dw + LANES);
                ua = va.fma(t04, ua);
                ub = vb.fma(t04, ub);
                va = FloatVector.fromArray(SPECIES, x, r1 + at);
                vb = FloatVector.fromArray(SPECIES, x, r1 + at + LANES);
                ua = va.fma(t10, ua);
                ub = vb.fma(t10, ub);
                la = va.fma(t00, la);
                lb = vb.fma(t00, lb);
                va = FloatVector.fromArray(SPECIES, x, r1 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r1 + at + dw + LANES);
                ua = va.fma(t11, ua);
                ub = vb.fma(t11, ub);
                la = va.fma(t01, la);
                lb = vb.fma(t01, lb);
                va = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r1 + at + 2 * dw + LANES);
                ua = va.fma(t12, ua);
                ub = vb.fma(t12, ub);
                la = va.fma(t02, la);
                lb = vb.fma(t02, lb);
                va = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r1 + at + 3 * dw + LANES);
                ua = va.fma(t13, ua);
                ub = vb.fma(t13, ub);
                la = va.fma(t03, la);
                lb = vb.fma(t03, lb);
                va = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r1 + at + 4 * dw + LANES);
                ua = va.fma(t14, ua);
                ub = vb.fma(t14, ub);
                la = va.fma(t04, la);
                lb = vb.fma(t04, lb);
                va = FloatVector.fromArray(SPECIES, x, r2 + at);
                vb = FloatVector.fromArray(SPECIES, x, r2 + at + LANES);
                ua = va.fma(t20, ua);
                ub = vb.fma(t20, ub);
                la = va.fma(t10, la);
                lb = vb.fma(t10, lb);
                va = FloatVector.fromArray(SPECIES, x, r2 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r2 + at + dw + LANES);
                ua = va.fma(t21, ua);
                ub = vb.fma(t21, ub);
                la = va.fma(t11, la);
                lb = vb.fma(t11, lb);
                va = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r2 + at + 2 * dw + LANES);
                ua = va.fma(t22, ua);
                ub = vb.fma(t22, ub);
                la = va.fma(t12, la);
                lb = vb.fma(t12, lb);
                va = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r2 + at + 3 * dw + LANES);
                ua = va.fma(t23, ua);
                ub = vb.fma(t23, ub);
                la = va.fma(t13, la);
                lb = vb.fma(t13, lb);
                va = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r2 + at + 4 * dw + LANES);
                ua = va.fma(t24, ua);
                ub = vb.fma(t24, ub);
                la = va.fma(t14, la);
                lb = vb.fma(t14, lb);
                va = FloatVector.fromArray(SPECIES, x, r3 + at);
                vb = FloatVector.fromArray(SPECIES, x, r3 + at + LANES);
                ua = va.fma(t30, ua);
                ub = vb.fma(t30, ub);
                la = va.fma(t20, la);
                lb = vb.fma(t20, lb);
                va = FloatVector.fromArray(SPECIES, x, r3 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r3 + at + dw + LANES);
                ua = va.fma(t31, ua);
                ub = vb.fma(t31, ub);
                la = va.fma(t21, la);
                lb = vb.fma(t21, lb);
                va = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r3 + at + 2 * dw + LANES);
                ua = va.fma(t32, ua);
                ub = vb.fma(t32, ub);
                la = va.fma(t22, la);
                lb = vb.fma(t22, lb);
                va = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r3 + at + 3 * dw + LANES);
                ua = va.fma(t33, ua);
                ub = vb.fma(t33, ub);
                la = va.fma(t23, la);
                lb = vb.fma(t23, lb);
                va = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r3 + at + 4 * dw + LANES);
                ua = va.fma(t34, ua);
                ub = vb.fma(t34, ub);
                la = va.fma(t24, la);
                lb = vb.fma(t24, lb);
                va = FloatVector.fromArray(SPECIES, x, r4 + at);
                vb = FloatVector.fromArray(SPECIES, x, r4 + at + LANES);
                ua = va.fma(t40, ua);
                ub = vb.fma(t40, ub);
                la = va.fma(t30, la);
                lb = vb.fma(t30, lb);
                va = FloatVector.fromArray(SPECIES, x, r4 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r4 + at + dw + LANES);
                ua = va.fma(t41, ua);
                ub = vb.fma(t41, ub);
                la = va.fma(t31, la);
                lb = vb.fma(t31, lb);
                va = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r4 + at + 2 * dw + LANES);
                ua = va.fma(t42, ua);
                ub = vb.fma(t42, ub);
                la = va.fma(t32, la);
                lb = vb.fma(t32, lb);
                va = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r4 + at + 3 * dw + LANES);
                ua = va.fma(t43, ua);
                ub = vb.fma(t43, ub);
                la = va.fma(t33, la);
                lb = vb.fma(t33, lb);
                va = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r4 + at + 4 * dw + LANES);
                ua = va.fma(t44, ua);
                ub = vb.fma(t44, ub);
                la = va.fma(t34, la);
                lb = vb.fma(t34, lb);
                va = FloatVector.fromArray(SPECIES, x, r5 + at);
                vb = FloatVector.fromArray(SPECIES, x, r5 + at + LANES);
                la = va.fma(t40, la);
                lb = vb.fma(t40, lb);
                va = FloatVector.fromArray(SPECIES, x, r5 + at + dw);
                vb = FloatVector.fromArray(SPECIES, x, r5 + at + dw + LANES);
                la = va.fma(t41, la);
                lb = vb.fma(t41, lb);
                va = FloatVector.fromArray(SPECIES, x, r5 + at + 2 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r5 + at + 2 * dw + LANES);
                la = va.fma(t42, la);
                lb = vb.fma(t42, lb);
                va = FloatVector.fromArray(SPECIES, x, r5 + at + 3 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r5 + at + 3 * dw + LANES);
                la = va.fma(t43, la);
                lb = vb.fma(t43, lb);
                va = FloatVector.fromArray(SPECIES, x, r5 + at + 4 * dw);
                vb = FloatVector.fromArray(SPECIES, x, r5 + at + 4 * dw + LANES);
                la = va.fma(t44, la);
                lb = vb.fma(t44, lb);
                ua.intoArray(y, yo + at);
                ub.intoArray(y, yo + at + LANES);
                la.intoArray(y, yo + outW + at);
                lb.intoArray(y, yo + outW + at + LANES);
            }
        }
        return r;
    }
}
