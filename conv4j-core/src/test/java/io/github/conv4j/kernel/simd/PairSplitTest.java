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
}
