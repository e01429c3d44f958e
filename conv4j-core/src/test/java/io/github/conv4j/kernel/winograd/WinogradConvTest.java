package io.github.conv4j.kernel.winograd;

import static io.github.conv4j.kernel.KernelTestSupport.U;
import static io.github.conv4j.kernel.KernelTestSupport.abs;
import static io.github.conv4j.kernel.KernelTestSupport.assertClose;
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
 * Both Winograd variants against the double reference on seeded random 3×3 problems (odd sizes, asymmetric padding,
 * groups, batches, partial tiles at the bottom and right, planes narrower than a tile, dilations 1 to 3 per axis).
 *
 * <p>Tolerance {@code |y − ref| ≤ K·u·Σ|x||w| + ½ulp} with {@code u = 2⁻²⁴}. Why these K: F(2×2) sums at most 4
 * inputs per transformed value, 9 halved weights per transformed weight and 9 products per output, each rounding
 * once, so its error is a small multiple of the direct method's {@code 9·C_in·u·Σ|x||w|}: K = 4·9·C_in. F(4×4)'s
 * matrices have entries up to 5 (Bᵀ), 8 (Aᵀ) and the inexact 1/6 and 1/24 (G), and every output combines 36
 * products, so its error grows with those norms: {@link #measuredErrorConstants} prints the worst
 * {@code |y − ref| / (u·S)} over 200 problems, S the tile's largest {@code Σ|x||w|}: 0.58·9·C_in for F(2×2) and
 * 11.5·9·C_in for F(4×4) on uniform data, the worst on groups of one input channel, where the transforms' rounding is
 * not averaged over channels; the test allows 4× and 16× the direct K, above what was measured yet far below an
 * indexing error (of the order of the output itself, 2^24 times u).
 */
class WinogradConvTest {
    private static final double F2_K = 4;
    private static final double F4_K = 16;

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void f2MatchesReference(long seed) {
        Problem p = Problem.randomProblem(seed);
        float[] y = p.run(2);
        assertClose(y, p.ref, p.tileMagnitudes(2), F2_K * 9 * p.g.inCPerGroup(), "F(2x2) " + p.g.descriptor());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void f4MatchesReference(long seed) {
        Problem p = Problem.randomProblem(seed + 100);
        float[] y = p.run(4);
        assertClose(y, p.ref, p.tileMagnitudes(4), F4_K * 9 * p.g.inCPerGroup(), "F(4x4) " + p.g.descriptor());
    }

    /** Chunks run in parallel or stages do, depending on the thread count: the bits must not change. */
    @ParameterizedTest
    @MethodSource("seeds")
    void sameBitsOnAnyThreadCount(long seed) {
        Problem p = Problem.randomProblem(seed + 200);
        for (int tile : new int[] {2, 4}) {
            float[] one = onThreads(1, () -> p.run(tile));
            for (int threads : new int[] {2, 3}) {
                assertThat(onThreads(threads, () -> p.run(tile)))
                        .as("tile %d, %s, %d threads", tile, p.g.descriptor(), threads)
                        .containsExactly(one);
            }
        }
    }

    /**
     * A plan that calls itself the same for any thread count is: its GEMMs then take the dot-product tail, whose bits
     * depend on their column count, so a different chunking on another thread count would change the result. The
     * random problems and larger ones give both kinds of plan.
     */
    @Test
    void plansThatClaimIndependenceOfTheThreadCountHaveIt() {
        int independent = 0;
        int dependent = 0;
        for (long seed = 0; seed < 300; seed++) {
            ConvGeometry g = WinogradConv.undilated(Problem.randomProblem(seed).g);
            for (int tile : new int[] {2, 4}) {
                TilePlan one = TilePlan.of(g, tile, 1);
                boolean claims = false;
                for (int threads = 1; threads <= 8; threads++) {
                    TilePlan plan = TilePlan.of(g, tile, threads);
                    claims |= plan.sameForAnyThreadCount();
                }
                if (claims) {
                    independent++;
                    for (int threads = 2; threads <= 8; threads++) {
                        assertThat(TilePlan.of(g, tile, threads))
                                .as("%s, tile %d, %d threads", g.descriptor(), tile, threads)
                                .isEqualTo(one);
                    }
                } else {
                    dependent++;
                }
            }
        }
        assertThat(independent).as("plans claiming independence").isGreaterThan(20);
        assertThat(dependent).as("plans cut by the thread count").isGreaterThan(20);
    }

    /**
     * Dilation 2 along rows of 32 to 90 columns, so the phase gather and scatter run on whole vectors (16 float lanes
     * need 32 columns), with every parity of the left padding.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void dilatedWideRowsOnTheVectorPath(long seed) {
        SplittableRandom r = new SplittableRandom(seed + 400);
        int dh = 1 + r.nextInt(3);
        int pt = r.nextInt(4);
        int pb = r.nextInt(4);
        ConvGeometry g = geometry(
                1 + r.nextInt(2),
                1 + r.nextInt(4),
                Math.max(1, 2 * dh + 1 - pt - pb) + r.nextInt(12),
                32 + r.nextInt(59),
                1 + r.nextInt(4),
                1,
                3,
                3,
                1,
                1,
                pt,
                pb,
                r.nextInt(4),
                r.nextInt(4),
                dh,
                2);
        Problem p = Problem.of(g, r);
        int tile = WinogradConv.tileFor(g);
        double k = (tile == 2 ? F2_K : F4_K) * 9 * g.inCPerGroup();
        assertClose(p.run(tile), p.ref, p.tileMagnitudes(tile), k, "F(" + tile + ") " + g.descriptor());
    }

    /** An input whose phases exceed the workspace budget runs in passes of samples (4 samples, 3 per pass here). */
    /**
     * The input gradient's product reading the original weights rotated in place must give the bits of the forward
     * product on the rotated, transposed copy (both variants, groups, the cache's first, cached and changed-weight
     * calls), and decline what the forward product declines.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void flippedWeightsReadInPlaceMatchAFlippedCopy(long seed) {
        SplittableRandom r = new SplittableRandom(seed + 700);
        int groups = 1 + r.nextInt(2);
        int cpg = 16 + r.nextInt(9);
        int opg = 16 + r.nextInt(9);
        int h = 3 + r.nextInt(14);
        int wd = 3 + r.nextInt(14);
        // The forward geometry of an input gradient: stride 1, padding 2 − p for the original padding p.
        int p = r.nextInt(3);
        ConvGeometry g =
                geometry(1 + r.nextInt(2), groups * cpg, h, wd, groups * opg, groups, 3, 3, 1, 1, p, p, p, p, 1, 1);
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), false);
        // The original weights (C_out_orig, C_in_orig / G, 3, 3) = (g.inC(), opg, 3, 3).
        float[] w = random(r, g.inC() * opg * 9, false);
        TransformedWeights.clear();
        for (int call = 0; call < 4; call++) {
            if (call == 3) {
                w[r.nextInt(w.length)] += 1f;
            }
            float[] flipped = new float[w.length];
            for (int grp = 0; grp < groups; grp++) {
                for (int o = 0; o < opg; o++) {
                    for (int c = 0; c < cpg; c++) {
                        for (int k = 0; k < 9; k++) {
                            flipped[((grp * opg + o) * cpg + c) * 9 + k] = w[((grp * cpg + c) * opg + o) * 9 + 8 - k];
                        }
                    }
                }
            }
            float[] expected = new float[g.n() * g.outC() * g.outH() * g.outW()];
            float[] actual = new float[expected.length];
            assertThat(WinogradConv.forward(g, x, flipped, null, expected)).isTrue();
            // The same array read unflipped too (a layer's forward pass): its cache entry must stay apart.
            assertThat(WinogradConv.forward(g, x, w, null, new float[expected.length]))
                    .isTrue();
            assertThat(WinogradConv.forwardFlipped(g, x, w, actual)).isTrue();
            assertThat(actual).as("call %d, %s", call, g.descriptor()).isEqualTo(expected);
        }
        x[r.nextInt(x.length)] = Float.NaN;
        assertThat(WinogradConv.forwardFlipped(g, x, w, new float[g.n() * g.outC() * g.outH() * g.outW()]))
                .isFalse();
        ConvGeometry dilated = geometry(1, 16, 9, 9, 16, 1, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2);
        assertThatThrownBy(() -> WinogradConv.forwardFlipped(dilated, new float[81 * 16], new float[16 * 16 * 9], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("undilated");
    }

    @Test
    void dilatedInPassesOfSamples() {
        ConvGeometry g = ConvSpec.parse("n4c64h256w256o2k3p2d2");
        Problem p = Problem.of(g, new SplittableRandom(8));
        int tile = WinogradConv.tileFor(g);
        assertClose(p.run(tile), p.ref, p.tileMagnitudes(tile), F4_K * 9 * 64, "F(4x4) " + g.descriptor());
    }

    @Test
    void largeLayerWithManyChunks() {
        ConvGeometry g = ConvSpec.parse("n2c24h30w29o20k3p1");
        Problem p = Problem.of(g, new SplittableRandom(5));
        assertClose(p.run(4), p.ref, p.tileMagnitudes(4), F4_K * 9 * 24, "F(4x4) " + g.descriptor());
        assertClose(p.run(2), p.ref, p.tileMagnitudes(2), F2_K * 9 * 24, "F(2x2) " + g.descriptor());
    }

    @Test
    void declinesNonFiniteAndHugeDataWithoutWriting() {
        ConvGeometry g = ConvSpec.parse("n1c2h6w6o2k3p1");
        float[] x = new float[72];
        float[] w = new float[36];
        Arrays.fill(x, 1f);
        Arrays.fill(w, 1f);
        float[] y = new float[72];
        Arrays.fill(y, 7f);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0x1p100f}) {
            x[5] = bad;
            for (int tile : new int[] {2, 4}) {
                assertThat(WinogradConv.forward(g, x, w, null, y, tile)).isFalse();
                assertThat(y).containsOnly(7f);
            }
        }
        x[5] = 1f;
        assertThat(WinogradConv.forward(g, x, w, null, y)).isTrue();
        assertThat(y[7]).isEqualTo(18f);
        // Dilated: the phases are checked before anything is written.
        ConvGeometry dilated = ConvSpec.parse("n1c2h6w6o2k3p2d2");
        Arrays.fill(y, 7f);
        x[30] = Float.NaN;
        assertThat(WinogradConv.forward(dilated, x, w, null, y)).isFalse();
        assertThat(y).containsOnly(7f);
        x[30] = 1f;
        assertThat(WinogradConv.forward(dilated, x, w, null, y)).isTrue();
        // Output (1, 1) of channel 0 sees input rows and columns -1, 1, 3: four of its nine taps inside, two channels.
        assertThat(y[7]).isEqualTo(8f);
    }

    @Test
    void refusesOtherGeometriesAndTiles() {
        ConvGeometry dilated = ConvSpec.parse("n2c3h20w17o4k3p2d2");
        assertThat(WinogradConv.supports(dilated)).isTrue();
        assertThat(WinogradConv.undilated(dilated).descriptor()).isEqualTo("n4c3h12w22o4k3");
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n1c1h20w20o1k3p2d2"))).isEqualTo(2);
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n1c1h24w24o1k3p2d2"))).isEqualTo(4);
        ConvGeometry strided = ConvSpec.parse("n1c1h9w9o1k3s2");
        assertThat(WinogradConv.supports(strided)).isFalse();
        assertThatThrownBy(() -> WinogradConv.forward(strided, new float[81], new float[9], null, new float[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n1c1h9w9o1k3s2");
        ConvGeometry g = ConvSpec.parse("n1c1h6w6o1k3");
        assertThatThrownBy(() -> WinogradConv.forward(g, new float[36], new float[9], null, new float[16], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tile (3) must be 2 or 4");
        assertThat(WinogradConv.tileFor(g)).isEqualTo(2);
        // Large enough outputs take F(4×4) only with enough 4×4 tiles over the batch
        // (ConvTuning.WINOGRAD_F4_MIN_TILES):
        // one 14×14 sample has 16, two have 32.
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n1c1h14w14o1k3p1"))).isEqualTo(2);
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n2c1h14w14o1k3p1"))).isEqualTo(4);
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n1c1h28w28o1k3p1"))).isEqualTo(4);
        assertThat(WinogradConv.tileFor(ConvSpec.parse("n1c1h14w11o1k3p1"))).isEqualTo(2);
    }

    /** Prints the measured error constants quoted in the class comment (always passes only if below the bound). */
    @Test
    void measuredErrorConstants() {
        for (int tile : new int[] {2, 4}) {
            double worst = 0;
            double worstOwn = 0;
            for (long seed = 0; seed < 200; seed++) {
                Problem p = Problem.randomProblem(seed + 300);
                float[] y = p.run(tile);
                double[] scale = p.tileMagnitudes(tile);
                double k = 9.0 * p.g.inCPerGroup();
                for (int i = 0; i < y.length; i++) {
                    double err = Math.abs(y[i] - p.ref[i]);
                    if (scale[i] > 0) {
                        worst = Math.max(worst, err / (U * scale[i]) / k);
                    }
                    if (p.mag[i] > 0) {
                        worstOwn = Math.max(worstOwn, err / (U * p.mag[i]) / k);
                    }
                }
            }
            System.out.printf(
                    "Winograd F(%dx%d, 3x3): max |y - ref| / (9·C_in·u·S) = %.3f with S the tile's largest Σ|x||w|,"
                            + " %.3f with the output's own%n",
                    tile, tile, worst, worstOwn);
            assertThat(worst).isLessThan(tile == 2 ? F2_K : F4_K);
        }
    }

    private static final class Problem {
        final ConvGeometry g;
        final float[] x;
        final float[] w;
        final float[] b;
        final double[] ref;
        final double[] mag;

        private Problem(ConvGeometry g, float[] x, float[] w, float[] b) {
            this.g = g;
            this.x = x;
            this.w = w;
            this.b = b;
            int size = g.n() * g.outC() * g.outH() * g.outW();
            ref = new double[size];
            mag = new double[size];
            double[] bd = b == null ? null : toDouble(b);
            ReferenceConv2d.forward(g, toDouble(x), toDouble(w), bd, ref);
            ReferenceConv2d.forward(g, abs(toDouble(x)), abs(toDouble(w)), bd == null ? null : abs(bd), mag);
        }

        /**
         * For each output, the largest {@code Σ|x||w|} of its m×m tile: a tile's transforms mix its whole input patch,
         * so an output's rounding error scales with its neighbours' magnitudes as well as its own.
         */
        double[] tileMagnitudes(int tile) {
            double[] t = new double[mag.length];
            int h = g.outH();
            int w = g.outW();
            for (int plane = 0; plane < g.n() * g.outC(); plane++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double max = 0;
                        for (int a : tileRows(i, tile)) {
                            for (int c : tileColumns(j, tile)) {
                                max = Math.max(max, mag[(plane * h + a) * w + c]);
                            }
                        }
                        t[(plane * h + i) * w + j] = max;
                    }
                }
            }
            return t;
        }

        /**
         * The output rows in row {@code i}'s Winograd tile. A dilated problem runs on its phases: rows {@code a + dh·t}
         * as separate samples ({@code DilationPhases}), so a tile holds rows of one phase.
         */
        private int[] tileRows(int i, int tile) {
            int dh = g.dh();
            int t0 = i / dh / tile * tile;
            return java.util.stream.IntStream.range(t0, t0 + tile)
                    .map(t -> i % dh + dh * t)
                    .filter(a -> a < g.outH())
                    .toArray();
        }

        /**
         * The output columns in column {@code j}'s tile: column phases lie side by side, {@code b + dw·u} at
         * {@code b·seg + u} with {@code seg = ceil(W_out/dw) + 2}, so a tile may straddle two phases.
         */
        private int[] tileColumns(int j, int tile) {
            int dw = g.dw();
            int tw = (g.outW() + dw - 1) / dw;
            int seg = tw + 2;
            int m0 = ((j % dw) * seg + j / dw) / tile * tile;
            return java.util.stream.IntStream.range(m0, m0 + tile)
                    .filter(m -> m / seg < dw && m % seg < tw)
                    .map(m -> m / seg + dw * (m % seg))
                    .filter(c -> c < g.outW())
                    .toArray();
        }

        static Problem randomProblem(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = 1 + r.nextInt(3);
            int pt = r.nextInt(3);
            int pb = r.nextInt(3);
            int pl = r.nextInt(3);
            int pr = r.nextInt(3);
            // A third of the problems dilated (1 to 3 per axis): they run as phase problems.
            boolean dilated = r.nextInt(3) == 0;
            int dh = dilated ? 1 + r.nextInt(3) : 1;
            int dw = dilated ? 1 + r.nextInt(3) : 1;
            ConvGeometry g = geometry(
                    1 + r.nextInt(3),
                    groups * (1 + r.nextInt(6)),
                    Math.max(1, 2 * dh + 1 - pt - pb) + r.nextInt(18),
                    Math.max(1, 2 * dw + 1 - pl - pr) + r.nextInt(18),
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
                    dh,
                    dw);
            return of(g, r);
        }

        static Problem of(ConvGeometry g, SplittableRandom r) {
            float[] x = io.github.conv4j.kernel.KernelTestSupport.random(r, g.n() * g.inC() * g.inH() * g.inW(), false);
            float[] w = io.github.conv4j.kernel.KernelTestSupport.random(r, g.outC() * g.inCPerGroup() * 9, false);
            float[] b = r.nextBoolean() ? io.github.conv4j.kernel.KernelTestSupport.random(r, g.outC(), false) : null;
            return new Problem(g, x, w, b);
        }

        float[] run(int tile) {
            float[] y = new float[ref.length];
            Arrays.fill(y, Float.NaN);
            assertThat(WinogradConv.forward(g, x, w, b, y, tile)).isTrue();
            return y;
        }
    }
}
