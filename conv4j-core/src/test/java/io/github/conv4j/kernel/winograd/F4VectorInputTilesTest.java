package io.github.conv4j.kernel.winograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.conv4j.kernel.simd.Simd;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * F(4×4)'s one-go staging of short zero-padded rows against its definition: every left padding, widths from one column
 * to past the four loaded vectors, every tile count that fits, rows at the array's start (the masked loads begin before
 * index 0) and end, and nothing outside the four phase rows' first {@code count} cells written.
 */
class F4VectorInputTilesTest {
    @Test
    void stagesShortPaddedRowsExactly() {
        assumeTrue(Simd.available());
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom r = new SplittableRandom(31);
        int checked = 0;
        for (int left = 0; left <= 3; left++) {
            for (int width = 1; width <= 4 * lanes + 6; width++) {
                for (int count = 1; count <= lanes; count++) {
                    boolean atStart = r.nextBoolean();
                    int rowAt = atStart ? 0 : 1 + r.nextInt(5);
                    float[] x = new float[rowAt + width + (atStart ? 0 : r.nextInt(3))];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = 1 + (float) r.nextGaussian();
                    }
                    int at = r.nextInt(3);
                    int row = count + r.nextInt(3);
                    float[] s = new float[at + 4 * row + 2];
                    Arrays.fill(s, -3.25f);
                    float[] expected = s.clone();
                    for (int k = 0; k < 4; k++) {
                        for (int i = 0; i < count; i++) {
                            int c = 4 * i + k - left;
                            expected[at + k * row + i] = c >= 0 && c < width ? x[rowAt + c] : 0f;
                        }
                    }
                    F4VectorInputTiles.stageShort(x, rowAt, width, left, s, at, row, count);
                    assertThat(s)
                            .as("left %d, width %d, count %d, row at %d", left, width, count, rowAt)
                            .isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(F4VectorInputTiles.fitsShort(lanes)).isTrue();
        assertThat(F4VectorInputTiles.fitsShort(lanes + 1)).isFalse();
    }
}
