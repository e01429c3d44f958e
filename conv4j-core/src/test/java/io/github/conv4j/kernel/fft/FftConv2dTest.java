package io.github.conv4j.kernel.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.KernelTestSupport;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FftConv2d} against {@link ReferenceConv2d} on seeded random geometries.
 *
 * <p>Tolerance, per output plane {@code (n, o)}, with {@code u = 2^−24} and {@code N = nh·nw}:
 * {@code |y − ref| ≤ C·log2(N)·u·Σ_c ‖x_{n,c}‖₂·‖w_{o,c}‖₁ + 2u·|ref|}. Why: a float radix-2 FFT has
 * {@code ‖δX‖₂ ≤ a·‖X‖₂ = a·√N·‖x‖₂} and, since every partial sum is bounded by {@code ‖x‖₁}, also
 * {@code |δX_k| ≤ a·‖x‖₁}, with {@code a = c·log2(N)·u}, {@code c ≈ 3} (see {@link FftPlanTest}). So the spectrum
 * product {@code Σ_c X_c·conj(K_c)} is off by at most {@code (2a + u)·√N·Σ_c ‖x_c‖₂·‖w_c‖₁} in L2 (using
 * {@code |K_k| ≤ ‖w‖₁}), and the scaled inverse adds {@code a} times the same sum; every output value is bounded by
 * the L2 norm, so the worst case is {@code C ≈ 3c + 1 ≈ 10}. Rounding errors add like a random walk, not in step:
 * the measured ratio (printed by {@link #measuredErrorConstant}) is 0.03-0.04. The tests assert C = 2: 50× the
 * measured value, so a change that made the arithmetic several times less accurate would still fail nothing, but
 * any indexing or twiddle error, which is of the order of the output itself, fails.
 */
class FftConv2dTest {
    private static final double C = 2;
    private static final double EPS = 0x1p-24;

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReferenceOnRandomGeometries(long seed) {
        Problem p = Problem.random(seed);
        float[] y = new float[size(p.g.outputShape())];
        assertThat(FftConv2d.supports(p.g)).isTrue();
        assertThat(FftConv2d.forward(p.g, p.x, p.w, p.b, y)).isTrue();
        p.check(y, FftTiling.choose(p.g));
    }

    /** Also runs the scalar loops (every third seed), which a JVM without the Vector API module would use. */
    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReferenceWithManySmallTiles(long seed) {
        Problem p = Problem.random(seed + 1000);
        int nh = Math.max(2, FftTiling.ceilPow2(p.g.kh()) * (1 + (int) (seed % 2)));
        int nw = FftTiling.ceilPow2(p.g.kw()) * (1 + (int) (seed / 2 % 2));
        int th = nh - p.g.kh() + 1;
        int tw = nw - p.g.kw() + 1;
        FftTiling t = new FftTiling(nh, nw, th, tw, (p.g.outH() + th - 1) / th, (p.g.outW() + tw - 1) / tw);
        float[] y = new float[size(p.g.outputShape())];
        FftConv2d.compute(p.g, t, p.x, p.w, p.b, y, new FftWorkspace(FftSimd.VECTOR && seed % 3 != 0));
        p.check(y, t);
    }

    @Test
    void largeKernelOnImageLargerThanOneTile() {
        Problem p = Problem.of(7, geometry(1, 1, 1, 200, 170, 31, 25, 3, 12, 0, 15), true);
        FftTiling t = FftTiling.choose(p.g);
        assertThat(t.tilesH() * t.tilesW()).isGreaterThan(1);
        float[] y = new float[size(p.g.outputShape())];
        assertThat(FftConv2d.forward(p.g, p.x, p.w, p.b, y)).isTrue();
        p.check(y, t);
    }

    /** One-pixel planes and one-wide kernels reach the FFT lengths 1 and 2, the smallest the plans handle. */
    @Test
    void degenerateShapes() {
        ConvGeometry[] shapes = {
            geometry(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0),
            geometry(2, 1, 2, 5, 1, 3, 1, 0, 0, 0, 0),
            geometry(1, 2, 1, 1, 7, 1, 3, 0, 0, 1, 1),
            geometry(1, 1, 1, 1, 1, 2, 2, 1, 0, 0, 1),
            geometry(1, 1, 1, 3, 3, 1, 1, 4, 0, 0, 5),
        };
        for (ConvGeometry g : shapes) {
            Problem p = Problem.of(11, g, true);
            float[] y = new float[size(g.outputShape())];
            assertThat(FftConv2d.forward(g, p.x, p.w, p.b, y))
                    .as(g.descriptor())
                    .isTrue();
            p.check(y, FftTiling.choose(g));
        }
    }

    /** Kernel spectra are reused for unchanged weights, and recomputed when the same array is changed in place. */
    @Test
    void kernelSpectraFollowWeightContents() {
        ConvGeometry g = geometry(1, 1, 3, 40, 30, 7, 5, 3, 3, 2, 2);
        Problem p = Problem.of(5, g, false);
        FftWorkspace ws = new FftWorkspace();
        float[] first = new float[size(g.outputShape())];
        float[] again = new float[first.length];
        assertThat(FftConv2d.forward(g, p.x, p.w, null, first, ws)).isTrue();
        assertThat(FftConv2d.forward(g, p.x, p.w, null, again, ws)).isTrue();
        assertThat(again).containsExactly(first);
        p.check(again, FftTiling.choose(g));

        float[] w = p.w.clone();
        float[] changed = new float[first.length];
        assertThat(FftConv2d.forward(g, p.x, w, null, changed, ws)).isTrue();
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        assertThat(FftConv2d.forward(g, p.x, w, null, changed, ws)).isTrue();
        for (int i = 0; i < first.length; i++) {
            assertThat(changed[i]).isCloseTo(-first[i], org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void workspaceIsReusedAcrossShapes() {
        FftWorkspace ws = new FftWorkspace();
        for (long seed = 200; seed < 210; seed++) {
            Problem p = Problem.random(seed);
            float[] y = new float[size(p.g.outputShape())];
            assertThat(FftConv2d.forward(p.g, p.x, p.w, p.b, y, ws)).isTrue();
            p.check(y, FftTiling.choose(p.g));
        }
    }

    @Test
    void declinesNonFiniteAndHugeValuesLeavingOutputUntouched() {
        Problem p = Problem.of(3, geometry(1, 2, 1, 20, 20, 5, 5, 2, 2, 2, 2), false);
        float[][] bad = {
            {Float.NaN}, {Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY}, {1e30f},
        };
        for (float[] v : bad) {
            for (boolean inInput : new boolean[] {true, false}) {
                float[] x = p.x.clone();
                float[] w = p.w.clone();
                (inInput ? x : w)[(inInput ? x : w).length / 2] = v[0];
                float[] y = new float[size(p.g.outputShape())];
                Arrays.fill(y, 42f);
                assertThat(FftConv2d.canCompute(x, w))
                        .as("%s in %s", v[0], inInput)
                        .isFalse();
                assertThat(FftConv2d.forward(p.g, x, w, null, y)).isFalse();
                assertThat(y).containsOnly(42f);
            }
        }
        assertThat(FftConv2d.canCompute(p.x, p.w)).isTrue();
    }

    @Test
    void rejectsStrideAndDilation() {
        ConvGeometry strided = new ConvGeometry(1, 1, 9, 9, 1, 3, 3, 2, 1, 0, 0, 0, 0, 1, 1, 1, 4, 7);
        ConvGeometry dilated = new ConvGeometry(1, 1, 9, 9, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 2, 1, 7, 5);
        assertThat(FftConv2d.supports(strided)).isFalse();
        assertThat(FftConv2d.supports(dilated)).isFalse();
        assertThat(FftConv2d.estimatedNanos(strided)).isInfinite();
        assertThat(FftConv2d.estimatedNanos(geometry(1, 1, 1, 512, 512, 31, 31, 0, 0, 0, 0)))
                .isBetween(1e5, 1e8);
        assertThatThrownBy(() -> FftConv2d.forward(strided, new float[81], new float[9], null, new float[28]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride 1");
    }

    @Test
    void rejectsShortArrays() {
        ConvGeometry g = geometry(1, 1, 1, 9, 9, 3, 3, 0, 0, 0, 0);
        assertThatThrownBy(() -> FftConv2d.forward(g, new float[80], new float[9], null, new float[49]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 80");
    }

    /** Not an assertion: prints the largest observed error in units of the bound without C, for the Javadoc. */
    @Test
    void measuredErrorConstant() {
        double worst = 0;
        for (long seed = 0; seed < 30; seed++) {
            Problem p = Problem.random(seed + 500);
            float[] y = new float[size(p.g.outputShape())];
            FftConv2d.forward(p.g, p.x, p.w, p.b, y);
            worst = Math.max(worst, p.errorRatio(y, FftTiling.choose(p.g)));
        }
        System.out.printf("FftConv2d: max |y - ref| / (log2(N)·2^-24·Σ‖x‖₂‖w‖₁) = %.3f%n", worst);
        assertThat(worst).isLessThan(C);
    }

    static ConvGeometry geometry(
            int n, int groups, int cpgOpg, int h, int w, int kh, int kw, int pt, int pb, int pl, int pr) {
        int c = groups * cpgOpg;
        int outH = h + pt + pb - kh + 1;
        int outW = w + pl + pr - kw + 1;
        return new ConvGeometry(n, c, h, w, c, kh, kw, 1, 1, pt, pb, pl, pr, 1, 1, groups, outH, outW);
    }

    static int size(int[] shape) {
        int s = 1;
        for (int v : shape) {
            s *= v;
        }
        return s;
    }

    /** A geometry with seeded data, and the reference result in double. */
    record Problem(ConvGeometry g, float[] x, float[] w, float[] b, double[] ref) {
        static Problem random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = new int[] {1, 1, 2, 3}[r.nextInt(4)];
            int cpg = 1 + r.nextInt(3);
            int opg = 1 + r.nextInt(2);
            int n = 1 + r.nextInt(2);
            int kh = r.nextInt(4) == 0 ? 1 + r.nextInt(31) : 1 + r.nextInt(9);
            int kw = r.nextInt(4) == 0 ? 1 + r.nextInt(31) : 1 + r.nextInt(9);
            int pt = r.nextInt(kh + 2);
            int pb = r.nextInt(kh + 2);
            int pl = r.nextInt(kw + 2);
            int pr = r.nextInt(kw + 2);
            int h = Math.max(1, kh - pt - pb) + r.nextInt(40);
            int w = Math.max(1, kw - pl - pr) + r.nextInt(40);
            int c = groups * cpg;
            int o = groups * opg;
            ConvGeometry g = new ConvGeometry(
                    n,
                    c,
                    h,
                    w,
                    o,
                    kh,
                    kw,
                    1,
                    1,
                    pt,
                    pb,
                    pl,
                    pr,
                    1,
                    1,
                    groups,
                    h + pt + pb - kh + 1,
                    w + pl + pr - kw + 1);
            return of(r.nextLong(), g, r.nextBoolean());
        }

        static Problem of(long seed, ConvGeometry g, boolean bias) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[size(g.inputShape())];
            float[] w = new float[size(g.weightShape())];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            float[] b = null;
            if (bias) {
                b = new float[g.outC()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
            }
            double[] ref = new double[size(g.outputShape())];
            ReferenceConv2d.forward(g, toDouble(x), toDouble(w), b == null ? null : toDouble(b), ref);
            return new Problem(g, x, w, b, ref);
        }

        /** Largest {@code |y − ref| / (log2(N)·2^−24·Σ_c ‖x_c‖₂‖w_c‖₁)} over all output values. */
        double errorRatio(float[] y, FftTiling t) {
            double worst = 0;
            int plane = g.outH() * g.outW();
            for (int n = 0; n < g.n(); n++) {
                for (int o = 0; o < g.outC(); o++) {
                    double unit = unit(n, o, t);
                    for (int k = 0; k < plane; k++) {
                        int at = (n * g.outC() + o) * plane + k;
                        double err = Math.abs(y[at] - ref[at]) - 2 * EPS * Math.abs(ref[at]);
                        worst = Math.max(worst, err / unit);
                    }
                }
            }
            return worst;
        }

        void check(float[] y, FftTiling t) {
            int plane = g.outH() * g.outW();
            for (int n = 0; n < g.n(); n++) {
                for (int o = 0; o < g.outC(); o++) {
                    double unit = unit(n, o, t);
                    for (int k = 0; k < plane; k++) {
                        int at = (n * g.outC() + o) * plane + k;
                        assertThat((double) y[at])
                                .as("%s tiling %s n=%d o=%d at %d", g.descriptor(), t, n, o, k)
                                .isCloseTo(
                                        ref[at],
                                        org.assertj.core.data.Offset.offset(C * unit + 2 * EPS * Math.abs(ref[at])));
                    }
                }
            }
        }

        private double unit(int n, int o, FftTiling t) {
            int cpg = g.inCPerGroup();
            int cBase = o / g.outCPerGroup() * cpg;
            int inPlane = g.inH() * g.inW();
            int kPlane = g.kh() * g.kw();
            double sum = 0;
            for (int c = 0; c < cpg; c++) {
                double x2 = 0;
                for (int i = 0; i < inPlane; i++) {
                    double v = x[(n * g.inC() + cBase + c) * inPlane + i];
                    x2 += v * v;
                }
                double w1 = 0;
                for (int i = 0; i < kPlane; i++) {
                    w1 += Math.abs(w[(o * cpg + c) * kPlane + i]);
                }
                sum += Math.sqrt(x2) * w1;
            }
            int logs = Math.max(1, Integer.numberOfTrailingZeros(t.nh() * t.nw()));
            return logs * EPS * sum + Float.MIN_NORMAL;
        }

        private static double[] toDouble(float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
    }

    /**
     * The tiles (and the kernel spectra) are spread over the threads: a batch of grouped, multi-channel problems cut
     * into many small tiles gives the same bits on 1, 2 and 3 threads, with the vector and the scalar tile loops, and
     * with kernel spectra computed in the call or kept from the previous one.
     */
    @Test
    void sameBitsOnAnyThreadCount() {
        int threads = Parallel.threads();
        try {
            SplittableRandom r = new SplittableRandom(77);
            ConvGeometry g = KernelTestSupport.geometry(3, 4, 37, 45, 6, 2, 7, 5, 1, 1, 3, 2, 1, 4, 1, 1);
            float[] x = KernelTestSupport.random(r, 3 * 4 * 37 * 45, false);
            float[] w = KernelTestSupport.random(r, 6 * 2 * 7 * 5, false);
            float[] b = KernelTestSupport.random(r, 6, false);
            FftTiling t = new FftTiling(16, 16, 10, 12, (g.outH() + 9) / 10, (g.outW() + 11) / 12);
            for (boolean vector : new boolean[] {FftSimd.VECTOR, false}) {
                FftWorkspace ws = new FftWorkspace(vector);
                float[] one = null;
                for (int n : new int[] {1, 2, 3, 2}) {
                    Parallel.setThreads(n);
                    float[] y = new float[3 * 6 * g.outH() * g.outW()];
                    FftConv2d.compute(g, t, x, w, b, y, n == 2 ? new FftWorkspace(vector) : ws);
                    if (one == null) {
                        one = y;
                    }
                    assertThat(y).as("%d threads, vector %s", n, vector).isEqualTo(one);
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
