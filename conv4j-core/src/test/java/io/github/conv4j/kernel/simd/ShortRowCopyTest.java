package io.github.conv4j.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The short-row copies write exactly the cells they name: compared with a plain element loop on random windows,
 * including rows at the very end of both arrays (the whole-vector window would pass the end there), with every other
 * cell of the destination left at its sentinel.
 */
class ShortRowCopyTest {
    private static final float SENTINEL = -7.5f;

    @Test
    void rowsMaskedCopiesEachRowAndNothingElse() {
        assumeTrue(Simd.available());
        SplittableRandom r = new SplittableRandom(17);
        int lanes = ShortRowCopy.SLACK;
        for (int trial = 0; trial < 300; trial++) {
            // Narrower than a vector (masked), one to four vectors (exact copies), and wider (System.arraycopy).
            int width = 1 + r.nextInt(ShortRowCopy.MAX_WIDTH + 2 * lanes);
            int rows = 1 + r.nextInt(20);
            int srcStep = width + r.nextInt(3);
            int dstStep = width + r.nextInt(4);
            int from = r.nextInt(5);
            int to = r.nextInt(5);
            // Often end the arrays right after the last row, where the vector window does not fit.
            int srcTail = r.nextBoolean() ? 0 : r.nextInt(2 * lanes);
            int dstTail = r.nextBoolean() ? 0 : r.nextInt(2 * lanes);
            float[] src = gaussian(r, from + (rows - 1) * srcStep + width + srcTail);
            float[] dst = sentinels(to + (rows - 1) * dstStep + width + dstTail);
            float[] expected = copiedByLoop(src, from, srcStep, dst, to, dstStep, width, rows);
            ShortRowCopy.rowsMasked(src, from, srcStep, dst, to, dstStep, width, rows);
            assertThat(dst)
                    .as("width %d, rows %d, steps %d/%d, tails %d/%d", width, rows, srcStep, dstStep, srcTail, dstTail)
                    .isEqualTo(expected);
        }
    }

    @Test
    void rowsCopiesEachRowPackedAndWritesNothingOutsideThem() {
        assumeTrue(Simd.available());
        SplittableRandom r = new SplittableRandom(29);
        int lanes = ShortRowCopy.SLACK;
        for (int trial = 0; trial < 300; trial++) {
            // Narrower than a vector, one to four vectors (the exact copies), and wider (System.arraycopy).
            int width = 1 + r.nextInt(ShortRowCopy.MAX_WIDTH + 2 * lanes);
            int rows = 1 + r.nextInt(20);
            int step = width + r.nextInt(3);
            int from = r.nextInt(5);
            int dst = r.nextInt(5);
            float[] src = gaussian(r, from + (rows - 1) * step + width + ShortRowCopy.SLACK);
            // Often end the destination right after the last row.
            float[] cols = sentinels(dst + rows * width + (r.nextBoolean() ? 0 : r.nextInt(2 * lanes)));
            float[] expected = copiedByLoop(src, from, step, cols, dst, width, width, rows);
            ShortRowCopy.rows(src, from, step, cols, dst, width, rows);
            assertThat(cols).as("width %d, rows %d, step %d", width, rows, step).isEqualTo(expected);
        }
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static float[] sentinels(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, SENTINEL);
        return a;
    }

    /** {@code dst} with the rows copied one element at a time: what the copies must produce. */
    private static float[] copiedByLoop(
            float[] src, int from, int srcStep, float[] dst, int to, int dstStep, int width, int rows) {
        float[] expected = dst.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                expected[to + i * dstStep + j] = src[from + i * srcStep + j];
            }
        }
        return expected;
    }
}
