package io.github.conv4j.kernel.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.conv4j.kernel.simd.BlockTranspose;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TileFft#transpose}: the scalar loop against the definition, and both vector paths (8 × 8 blocks in registers,
 * {@link BlockTranspose}; gathers, {@link VectorTranspose}) against the scalar loop on random sizes around one and two
 * vectors of rows, strides longer than the rows, offsets, and NaN sentinels around the destination (a pure copy, so
 * the same bits).
 */
class TransposeTest {
    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @Test
    void scalarTransposeFollowsTheDefinition() {
        // A 2 × 3 source with stride 4 at offset 1 into a destination with stride 3 at offset 2.
        float[] s = {9, 1, 2, 3, 9, 4, 5, 6, 9};
        float[] d = new float[11];
        TileFft.scalarTranspose(s, 1, 4, d, 2, 3, 2, 3);
        assertThat(d).containsExactly(0, 0, 1, 4, 0, 2, 5, 0, 3, 6, 0);
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
        float[] s = new float[sOff + rows * sStride + r.nextInt(3)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) r.nextGaussian();
        }
        float[] expected = new float[dOff + cols * dStride + 2];
        Arrays.fill(expected, Float.NaN);
        float[] chosen = expected.clone();
        TileFft.scalarTranspose(s, sOff, sStride, expected, dOff, dStride, rows, cols);
        TileFft.transpose(s, sOff, sStride, chosen, dOff, dStride, rows, cols, true);
        assertThat(chosen).as("rows %d cols %d", rows, cols).containsExactly(expected);
        // Both vector paths, whichever this JDK runs: each for its whole rows, the rest as the scalar loop.
        for (boolean blocks : new boolean[] {false, true}) {
            float[] d = new float[expected.length];
            Arrays.fill(d, Float.NaN);
            int done = blocks
                    ? BlockTranspose.rows(s, sOff, sStride, d, dOff, dStride, rows, cols)
                    : VectorTranspose.gatherRows(s, sOff, sStride, d, dOff, dStride, rows, cols);
            TileFft.scalarTranspose(s, sOff + done * sStride, sStride, d, dOff + done, dStride, rows - done, cols);
            assertThat(d).as("blocks %s rows %d cols %d", blocks, rows, cols).containsExactly(expected);
        }
    }
}
