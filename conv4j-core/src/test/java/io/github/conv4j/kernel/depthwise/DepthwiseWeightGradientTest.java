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
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The depthwise weight gradient against the double reference, and its vector path bit for bit against the scalar one
 * and across thread counts. Bound: each tap's sum is a chain of {@code H_out} fused multiply-adds per column, then
 * {@code W_out} additions of the columns and {@code N} of the samples, so {@code K = H_out + W_out + N + 2} units of
 * {@code 2⁻²⁴·Σ|gy·x|} (recursive summation; the 2 is margin for the reference's own rounding to float).
 */
class DepthwiseWeightGradientTest {

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReferenceAndScalarPathBitForBit(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        int s = 1 + r.nextInt(2);
        int c = 1 + r.nextInt(5);
        int mult = 1 + r.nextInt(2);
        // Widths around one and two vectors (8 or 16 lanes) and MobileNet's planes.
        int[] widths = {1, 2, 3, 7, 8, 9, 14, 15, 16, 17, 28, 31, 32, 33, 56};
        int w = widths[r.nextInt(widths.length)];
        int h = 1 + r.nextInt(20);
        ConvGeometry g = geometry(1 + r.nextInt(3), c, h, w, c * mult, c, 3, 3, s, s, 1, 1, 1, 1, 1, 1);
        float[] x = random(r, g.n() * c * h * w, r.nextInt(4) == 0);
        // NaN and ∞ in gy meet the padding as gy·0 in both paths (the general im2col path's semantics), where the
        // reference skips those products: with them, only the two paths are compared.
        boolean gySpecial = r.nextInt(4) == 0;
        float[] gy = random(r, g.n() * g.outC() * g.outH() * g.outW(), gySpecial);
        float[] vector = new float[g.outC() * 9];
        float[] scalar = new float[g.outC() * 9];
        DepthwiseWeightGradient.compute(g, x, gy, vector, true);
        DepthwiseWeightGradient.compute(g, x, gy, scalar, false);
        double[] ref = new double[vector.length];
        double[] mag = new double[vector.length];
        ReferenceConv2d.weightGradient(g, toDouble(x), toDouble(gy), ref);
        ReferenceConv2d.weightGradient(g, abs(toDouble(x)), abs(toDouble(gy)), mag);
        double k = g.outH() + g.outW() + g.n() + 2;
        if (!gySpecial) {
            assertClose(vector, ref, mag, k, "vector " + g.descriptor());
        }
        assertThat(vector).as("vector and scalar paths agree bit for bit").isEqualTo(scalar);
    }

    /**
     * One ∞ in the upstream gradient on each edge row and column of the plane in turn: the taps that read the padding
     * there take {@code ∞·0 = NaN}, the others ±∞, in the vector path as in the scalar one (the random cases above
     * rarely put one on an edge).
     */
    @ParameterizedTest
    @MethodSource("edgeCases")
    void infinityOnAnEdgeOfTheGradientMeetsThePaddingAsInTheScalarPath(int stride, int h, int w) {
        ConvGeometry g = geometry(1, 1, h, w, 1, 1, 3, 3, stride, stride, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(h * 131L + w);
        float[] x = random(r, h * w, false);
        int oh = g.outH();
        int ow = g.outW();
        int[][] spots = {{0, ow / 2}, {oh - 1, ow / 2}, {oh / 2, 0}, {oh / 2, ow - 1}, {0, 0}, {oh - 1, ow - 1}};
        for (int[] spot : spots) {
            float[] gy = random(r, oh * ow, false);
            gy[spot[0] * ow + spot[1]] = Float.POSITIVE_INFINITY;
            float[] vector = new float[9];
            float[] scalar = new float[9];
            DepthwiseWeightGradient.compute(g, x, gy, vector, true);
            DepthwiseWeightGradient.compute(g, x, gy, scalar, false);
            assertThat(vector)
                    .as("%s, ∞ at row %d column %d", g.descriptor(), spot[0], spot[1])
                    .isEqualTo(scalar);
            assertThat(IntStream.range(0, 9).anyMatch(t -> !Float.isFinite(vector[t])))
                    .as("the ∞ reaches the sums")
                    .isTrue();
        }
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(1, 2)
                .flatMap(s -> Stream.of(new int[] {1, 9}, new int[] {2, 17}, new int[] {7, 33}, new int[] {12, 40})
                        .map(hw -> Arguments.of(s, hw[0], hw[1])));
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(5);
        ConvGeometry g = geometry(2, 40, 14, 14, 40, 40, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        float[] x = random(r, 2 * 40 * 14 * 14, false);
        float[] gy = random(r, 2 * 40 * g.outH() * g.outW(), false);
        float[] one = onThreads(1, () -> run(g, x, gy));
        for (int threads = 2; threads <= 3; threads++) {
            assertThat(onThreads(threads, () -> run(g, x, gy)))
                    .as("%d threads", threads)
                    .isEqualTo(one);
        }
    }

    @Test
    void theSelectorTakesItForDepthwise3x3UnlessIm2colIsForced() {
        ConvGeometry g = geometry(1, 8, 14, 14, 8, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        assertThat(AlgorithmSelector.weightGradient(g, Algorithm.AUTO)).isEqualTo(Algorithm.DEPTHWISE);
        assertThat(AlgorithmSelector.weightGradient(g, Algorithm.IM2COL)).isEqualTo(Algorithm.IM2COL);
        ConvGeometry padded2 = geometry(1, 8, 14, 14, 8, 8, 3, 3, 1, 1, 2, 2, 2, 2, 1, 1);
        assertThat(DepthwiseWeightGradient.supports(padded2)).isFalse();
        ConvGeometry grouped = geometry(1, 8, 14, 14, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(DepthwiseWeightGradient.supports(grouped)).isFalse();
    }

    @Test
    void rejectsUnsupportedGeometriesAndShortArrays() {
        ConvGeometry strided3 = geometry(1, 2, 9, 9, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(
                        () -> DepthwiseWeightGradient.compute(strided3, new float[162], new float[18], new float[18]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride 1 or 2");
        ConvGeometry g = geometry(1, 2, 5, 5, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> DepthwiseWeightGradient.compute(g, new float[50], new float[50], new float[17]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }

    private static float[] run(ConvGeometry g, float[] x, float[] gy) {
        float[] gw = new float[g.outC() * 9];
        Arrays.fill(gw, Float.NaN);
        DepthwiseWeightGradient.compute(g, x, gy, gw);
        return gw;
    }
}
