package io.github.conv4j.kernel.winograd;

import static io.github.conv4j.kernel.KernelTestSupport.U;
import static io.github.conv4j.kernel.KernelTestSupport.abs;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.onThreads;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static io.github.conv4j.kernel.KernelTestSupport.toDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.ConvSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The F(2×2, 3×3) weight gradient against the double reference on seeded random problems (batches, groups, odd sizes,
 * asymmetric padding, partial tiles at the bottom and right, rows wide enough for whole vectors and many chunks).
 *
 * <p>Tolerance {@code |gw − ref| ≤ K·u·S + ½ulp}, with S the largest {@code Σ|x||gy|} among the 9 taps of the
 * weight's channel pair (the transforms mix the taps) and {@code u = 2⁻²⁴}. Each gradient is a sum of
 * {@code N·H_out·W_out} products, which the GEMM adds in blocks; the transforms add a few roundings with entries ±1 and
 * ½. {@link #measuredErrorConstant} prints the worst {@code |gw − ref| / (u·S)}: 3.4 on 150 problems. The test
 * allows K = 16, above the measured value, yet an indexing error (a wrong tap or tile) gives errors of the order of S
 * itself, 2^24 u·S.
 */
class WinogradWeightGradientTest {
    private static final double K = 16;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReference(long seed) {
        Problem p = Problem.randomProblem(seed);
        p.assertClose(p.run(), K);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameBitsOnAnyThreadCount(long seed) {
        Problem p = Problem.randomProblem(seed + 100);
        assertThat(onThreads(3, p::run)).as(p.g.descriptor()).containsExactly(onThreads(1, p::run));
    }

    @Test
    void manyChunksAndWideRows() {
        Problem p = Problem.of(ConvSpec.parse("n3c20h70w67o24k3p1"), new SplittableRandom(3));
        p.assertClose(p.run(), K);
        Problem grouped = Problem.of(ConvSpec.parse("n2c8h40w41o6k3p2x0g2"), new SplittableRandom(4));
        grouped.assertClose(grouped.run(), K);
    }

    @Test
    void declinesNonFiniteAndHugeDataWithoutWriting() {
        ConvGeometry g = ConvSpec.parse("n1c2h6w6o2k3p1");
        float[] x = new float[72];
        float[] gy = new float[72];
        Arrays.fill(x, 1f);
        Arrays.fill(gy, 1f);
        float[] gw = new float[36];
        for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 0x1p100f}) {
            Arrays.fill(gw, 7f);
            gy[5] = bad;
            assertThat(WinogradWeightGradient.compute(g, x, gy, gw)).isFalse();
            assertThat(gw).containsOnly(7f);
        }
        gy[5] = 1f;
        assertThat(WinogradWeightGradient.compute(g, x, gy, gw)).isTrue();
        // The centre tap of a 6×6 all-ones plane with padding 1 sees all 36 outputs.
        assertThat(gw[4]).isEqualTo(36f);
        assertThat(gw[0]).isEqualTo(25f);
    }

    @Test
    void refusesOtherGeometries() {
        for (String spec : new String[] {"n1c1h9w9o1k3s2", "n1c1h9w9o1k3d2", "n1c1h9w9o1k5"}) {
            ConvGeometry g = ConvSpec.parse(spec);
            assertThat(WinogradWeightGradient.supports(g)).as(spec).isFalse();
            assertThatThrownBy(() -> WinogradWeightGradient.compute(g, new float[81], new float[81], new float[25]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(spec);
        }
    }

    /** Prints the constant quoted in the class comment; fails only above the tolerance. */
    @Test
    void measuredErrorConstant() {
        double worst = 0;
        for (long seed = 0; seed < 150; seed++) {
            Problem p = Problem.randomProblem(seed + 300);
            worst = Math.max(worst, p.worstRatio(p.run()));
        }
        System.out.printf("Winograd F(2x2, 3x3) weight gradient: max |gw - ref| / (u·S) = %.3f%n", worst);
        assertThat(worst).isLessThan(K);
    }

    private static final class Problem {
        final ConvGeometry g;
        final float[] x;
        final float[] gy;
        final double[] ref;
        final double[] scale;

        private Problem(ConvGeometry g, float[] x, float[] gy) {
            this.g = g;
            this.x = x;
            this.gy = gy;
            int size = g.outC() * g.inCPerGroup() * 9;
            ref = new double[size];
            double[] mag = new double[size];
            ReferenceConv2d.weightGradient(g, toDouble(x), toDouble(gy), ref);
            ReferenceConv2d.weightGradient(g, abs(toDouble(x)), abs(toDouble(gy)), mag);
            scale = new double[size];
            for (int pair = 0; pair < size / 9; pair++) {
                double max = 0;
                for (int tap = 0; tap < 9; tap++) {
                    max = Math.max(max, mag[pair * 9 + tap]);
                }
                Arrays.fill(scale, pair * 9, pair * 9 + 9, max);
            }
        }

        static Problem randomProblem(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = 1 + r.nextInt(3);
            int pt = r.nextInt(3);
            int pb = r.nextInt(3);
            int pl = r.nextInt(3);
            int pr = r.nextInt(3);
            boolean wide = r.nextInt(3) == 0;
            ConvGeometry g = geometry(
                    1 + r.nextInt(3),
                    groups * (1 + r.nextInt(6)),
                    Math.max(1, 3 - pt - pb) + r.nextInt(18),
                    Math.max(1, 3 - pl - pr) + r.nextInt(wide ? 80 : 18),
                    groups * (1 + r.nextInt(5)),
                    groups,
                    3,
                    3,
                    1,
                    1,
                    pt,
                    pb,
                    pl,
                    pr,
                    1,
                    1);
            return of(g, r);
        }

        static Problem of(ConvGeometry g, SplittableRandom r) {
            float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), false);
            float[] gy = random(r, g.n() * g.outC() * g.outH() * g.outW(), false);
            return new Problem(g, x, gy);
        }

        float[] run() {
            float[] gw = new float[ref.length];
            Arrays.fill(gw, Float.NaN);
            assertThat(WinogradWeightGradient.compute(g, x, gy, gw)).isTrue();
            return gw;
        }

        double worstRatio(float[] gw) {
            double worst = 0;
            for (int i = 0; i < gw.length; i++) {
                if (scale[i] > 0) {
                    worst = Math.max(worst, Math.abs(gw[i] - ref[i]) / (U * scale[i]));
                }
            }
            return worst;
        }

        void assertClose(float[] gw, double k) {
            for (int i = 0; i < gw.length; i++) {
                double tol = k * U * scale[i] + 0.5 * Math.ulp((float) ref[i]);
                assertThat(Math.abs(gw[i] - ref[i]))
                        .as("%s: gw[%d] = %s, expected %s ± %s", g.descriptor(), i, gw[i], ref[i], tol)
                        .isLessThanOrEqualTo(tol);
            }
        }
    }
}
