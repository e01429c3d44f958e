package io.github.conv4j.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector pair split against a plain loop: pair counts below, at and around multiples of the vector length (the
 * last vector overlapping the previous one), rows ending at the array's end, and no cell outside the two halves
 * touched.
 */
class PairSplitTest {
    @Test
    void splitsEvenAndOddPositionsExactly() {
        assumeTrue(Simd.available());
        SplittableRandom r = new SplittableRandom(23);
        for (int count = 0; count < 100; count++) {
            int from = r.nextInt(4);
            float[] src = new float[from + 2 * count];
            for (int i = 0; i < src.length; i++) {
                src[i] = (float) r.nextGaussian();
            }
            int evenAt = 1 + r.nextInt(3);
            int oddAt = evenAt + count + r.nextInt(3);
            float[] dst = new float[oddAt + count + 2];
            Arrays.fill(dst, -3.25f);
            float[] expected = dst.clone();
            int done = PairSplit.split(src, from, dst, evenAt, oddAt, count);
            for (int i = 0; i < done; i++) {
                expected[evenAt + i] = src[from + 2 * i];
                expected[oddAt + i] = src[from + 2 * i + 1];
            }
            assertThat(done).as("count %d", count).isIn(0, count);
            assertThat(done == count).as("count %d", count).isEqualTo(count >= ShortRowCopy.SLACK || count == 0);
            assertThat(dst).as("count %d", count).isEqualTo(expected);
        }
    }

    /**
     * Short rows with zero padding: every left padding, width and pair count that fits one vector, rows at the array's
     * start (the masked load begins before index 0) and end, and nothing outside the two halves written.
     */
    @Test
    void splitsShortPaddedRowsExactly() {
        assumeTrue(Simd.available());
        int lanes = ShortRowCopy.SLACK;
        SplittableRandom r = new SplittableRandom(29);
        int checked = 0;
        for (int left = 0; left <= 3; left++) {
            for (int width = 1; width <= lanes; width++) {
                for (int count = 1; count <= lanes / 2; count++) {
                    if (!PairSplit.fitsShort(width, left, count)) {
                        continue;
                    }
                    boolean atStart = r.nextBoolean();
                    int rowAt = atStart ? 0 : 1 + r.nextInt(5);
                    float[] src = new float[rowAt + width];
                    for (int i = 0; i < src.length; i++) {
                        src[i] = 1 + (float) r.nextGaussian();
                    }
                    int evenAt = r.nextInt(3);
                    int oddAt = evenAt + count + r.nextInt(3);
                    float[] dst = new float[oddAt + count + 2];
                    Arrays.fill(dst, -3.25f);
                    float[] expected = dst.clone();
                    for (int i = 0; i < count; i++) {
                        int even = 2 * i - left;
                        int odd = even + 1;
                        expected[evenAt + i] = even >= 0 && even < width ? src[rowAt + even] : 0f;
                        expected[oddAt + i] = odd >= 0 && odd < width ? src[rowAt + odd] : 0f;
                    }
                    PairSplit.splitShort(src, rowAt, width, left, dst, evenAt, oddAt, count);
                    assertThat(dst)
                            .as("left %d, width %d, count %d, row at %d", left, width, count, rowAt)
                            .isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(PairSplit.fitsShort(lanes + 1, 0, 1)).isFalse();
        assertThat(PairSplit.fitsShort(lanes - 1, 2, 1)).isFalse();
        assertThat(PairSplit.fitsShort(1, 0, lanes / 2 + 1)).isFalse();
    }
}
