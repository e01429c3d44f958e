package io.github.conv4j.kernel.depthwise;

import static io.github.conv4j.kernel.KernelTestSupport.abs;
import static io.github.conv4j.kernel.KernelTestSupport.assertClose;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.onThreads;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static io.github.conv4j.kernel.KernelTestSupport.toDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.AlgorithmSelector;
import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stride-2 depthwise input gradient against the double reference, its vector path bit for bit against the scalar
 * one and across thread counts, on arrays longer than the problem (a store past the last plane would show). Bound:
 * each input pixel is a chain of at most four fused multiply-adds from 0, so {@code K = 4 + 2} units of
 * {@code 2⁻²⁴·Σ|w·gy|} (2 for margin).
 */
class DepthwiseInputGradientTest {

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReferenceAndScalarPathBitForBit(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 131 + 3);
        int c = 1 + r.nextInt(5);
        // Widths around one and two vectors (8 or 16 lanes), odd and even, and MobileNet's planes.
        int[] widths = {1, 2, 3, 7, 8, 9, 14, 15, 16, 17, 28, 31, 32, 33, 56, 112};
        int w = widths[r.nextInt(widths.length)];
        int h = 1 + r.nextInt(16);
        ConvGeometry g = geometry(1 + r.nextInt(3), c, h, w, c, c, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        boolean special = r.nextInt(4) == 0;
        float[] gy = random(r, g.n() * c * g.outH() * g.outW(), special);
        float[] wt = random(r, c * 9, false);
        if (special && r.nextBoolean()) {
            // An infinite weight: a product with a zero (a tap that does not reach the pixel) would make NaN.
            wt[r.nextInt(wt.length)] = Float.POSITIVE_INFINITY;
        }
        int size = g.n() * c * h * w;
        int slack = 40;
        float[] vector = new float[size + slack];
        Arrays.fill(vector, Float.NaN);
        Arrays.fill(vector, size, vector.length, 12345f);
        float[] scalar = new float[size];
        DepthwiseInputGradient.compute(g, gy, wt, vector, true);
        DepthwiseInputGradient.compute(g, gy, wt, scalar, false);
        double[] ref = new double[size];
        double[] mag = new double[size];
        ReferenceConv2d.transposed(g, toDouble(gy), toDouble(wt), ref);
        ReferenceConv2d.transposed(g, abs(toDouble(gy)), abs(toDouble(wt)), mag);
        float[] written = Arrays.copyOf(vector, size);
        assertClose(written, ref, mag, 6, "vector " + g.descriptor());
        assertThat(written).as("vector and scalar paths agree bit for bit").isEqualTo(scalar);
        assertThat(Arrays.copyOfRange(vector, size, vector.length))
                .as("floats past the input gradient")
                .containsOnly(12345f);
    }

    /**
     * Rows that do not end on a whole vector: the last vector of the last plane's rows must not be stored past the
     * array's part that holds the result (the rest of the array is a sentinel), on every width around a vector.
     */
    @Test
    void theLastPlaneStopsAtItsEnd() {
        SplittableRandom r = new SplittableRandom(17);
        for (int w : new int[] {1, 2, 3, 5, 7, 9, 14, 15, 17, 28, 31, 33}) {
            for (int h : new int[] {1, 2, 5}) {
                ConvGeometry g = geometry(1, 2, h, w, 2, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
                float[] gy = random(r, 2 * g.outH() * g.outW(), false);
                float[] wt = random(r, 18, false);
                int size = 2 * h * w;
                float[] gx = new float[size + 40];
                Arrays.fill(gx, size, gx.length, 12345f);
                float[] scalar = new float[size];
                DepthwiseInputGradient.compute(g, gy, wt, gx, true);
                DepthwiseInputGradient.compute(g, gy, wt, scalar, false);
                assertThat(Arrays.copyOf(gx, size)).as("%dx%d", h, w).isEqualTo(scalar);
                assertThat(Arrays.copyOfRange(gx, size, gx.length))
                        .as("%dx%d: floats past the input gradient", h, w)
                        .containsOnly(12345f);
            }
        }
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(9);
        ConvGeometry g = geometry(2, 40, 28, 28, 40, 40, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        float[] gy = random(r, 2 * 40 * 14 * 14, false);
        float[] wt = random(r, 40 * 9, false);
        float[] one = onThreads(1, () -> run(g, gy, wt));
        for (int threads = 2; threads <= 3; threads++) {
            assertThat(onThreads(threads, () -> run(g, gy, wt)))
                    .as("%d threads", threads)
                    .isEqualTo(one);
        }
    }

    @Test
    void theSelectorTakesItUnlessIm2colIsForced() {
        ConvGeometry g = geometry(1, 4, 14, 14, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        assertThat(AlgorithmSelector.inputGradient(g, Algorithm.AUTO)).isEqualTo(Algorithm.DEPTHWISE);
        assertThat(AlgorithmSelector.inputGradient(g, Algorithm.IM2COL)).isEqualTo(Algorithm.IM2COL);
        ConvGeometry dense = geometry(1, 4, 14, 14, 4, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        assertThat(AlgorithmSelector.inputGradient(dense, Algorithm.AUTO)).isEqualTo(Algorithm.IM2COL);
    }

    @Test
    void supportsOnlyStride2Padding1WithOneOutputPerChannel() {
        assertThat(DepthwiseInputGradient.supports(geometry(1, 4, 14, 14, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1)))
                .isTrue();
        assertThat(DepthwiseInputGradient.supports(geometry(1, 4, 14, 14, 8, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1)))
                .as("two outputs per channel")
                .isFalse();
        assertThat(DepthwiseInputGradient.supports(geometry(1, 4, 14, 14, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)))
                .as("stride 1")
                .isFalse();
        ConvGeometry g = geometry(1, 2, 6, 6, 2, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> DepthwiseInputGradient.compute(g, new float[18], new float[18], new float[71]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }

    private static float[] run(ConvGeometry g, float[] gy, float[] wt) {
        float[] gx = new float[g.n() * g.inC() * g.inH() * g.inW()];
        DepthwiseInputGradient.compute(g, gy, wt, gx);
        return gx;
    }
}
