package io.github.conv4j.kernel.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TileFft#transpose}: the scalar loop against the definition, and both vector paths of {@link VectorTranspose}
 * (8 × 8 blocks in registers, gathers) against the scalar loop on random sizes around one and two vectors of rows, strides longer than the rows, offsets and
 * sentinels around the destination (a pure copy, so the same bits).
 */
class TransposeTest {
    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @Test
    void scalarTransposeFollowsTheDefinition() {
        // A 2 × 3 source with stride 4 at offset 1 into a destination with stride 3 at offset 2.
        float[] sr = {9, 1, 2, 3, 9, 4, 5, 6, 9};
        float[] si = {9, -1, -2, -3, 9, -4, -5, -6, 9};
        float[] dr = new float[11];
        float[] di = new float[11];
        TileFft.scalarTranspose(sr, si, 1, 4, dr, di, 2, 3, 2, 3);
        assertThat(dr).containsExactly(0, 0, 1, 4, 0, 2, 5, 0, 3, 6, 0);
        assertThat(di).containsExactly(0, 0, -1, -4, 0, -2, -5, 0, -3, -6, 0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void vectorPathsMatchTheScalarLoop(long seed) {
        assumeTrue(FftSimd.VECTOR, "no Vector API");
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 1 + r.nextInt(70);
        int cols = 1 + r.nextInt(70);
        int sStride = cols + r.nextInt(5);
        int dStride = rows + r.nextInt(5);
        int sOff = r.nextInt(4);
        int dOff = r.nextInt(4);
        float[] sr = new float[sOff + rows * sStride + r.nextInt(3)];
        float[] si = new float[sr.length];
        for (int i = 0; i < sr.length; i++) {
            sr[i] = (float) r.nextGaussian();
            si[i] = (float) r.nextGaussian();
        }
        float[] expectedR = new float[dOff + cols * dStride + 2];
        Arrays.fill(expectedR, Float.NaN);
        float[] expectedI = expectedR.clone();
        float[] actualR = expectedR.clone();
        float[] actualI = expectedR.clone();
        TileFft.scalarTranspose(sr, si, sOff, sStride, expectedR, expectedI, dOff, dStride, rows, cols);
        TileFft.transpose(sr, si, sOff, sStride, actualR, actualI, dOff, dStride, rows, cols, true);
        assertThat(actualR).as("rows %d cols %d", rows, cols).containsExactly(expectedR);
        assertThat(actualI).as("rows %d cols %d", rows, cols).containsExactly(expectedI);
        // Both vector paths, whichever this JDK runs: each for its whole rows, the rest as the scalar loop.
        for (boolean blocks : new boolean[] {false, true}) {
            float[] r2 = new float[expectedR.length];
            float[] i2 = new float[expectedR.length];
            Arrays.fill(r2, Float.NaN);
            Arrays.fill(i2, Float.NaN);
            int done = blocks
                    ? VectorTranspose.blockRows(sr, si, sOff, sStride, r2, i2, dOff, dStride, rows, cols)
                    : VectorTranspose.gatherRows(sr, si, sOff, sStride, r2, i2, dOff, dStride, rows, cols);
            TileFft.scalarTranspose(
                    sr, si, sOff + done * sStride, sStride, r2, i2, dOff + done, dStride, rows - done, cols);
            assertThat(r2).as("blocks %s rows %d cols %d", blocks, rows, cols).containsExactly(expectedR);
            assertThat(i2).as("blocks %s rows %d cols %d", blocks, rows, cols).containsExactly(expectedI);
        }
    }
}
