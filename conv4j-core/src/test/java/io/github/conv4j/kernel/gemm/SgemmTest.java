package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.parallel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SgemmTest {
    /** Sizes around the register blocks (4, 6, 8 rows; 8 to 48 columns), KC = 256, primes, and 1. */
    private static final int[] DIMS = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16, 17, 24, 31, 32, 33, 47, 48, 49, 61, 64, 65, 97, 127, 128, 131, 193, 255,
        256, 257, 293, 300
    };

    private static final float[] ALPHAS = {1f, -1f, 0.5f, 1.75f};
    private static final float[] BETAS = {0f, 1f, -0.5f, 2f};

    private int savedThreads;

    @BeforeEach
    void saveThreads() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Seeded random cases; the product m*n*k is capped so the double-precision oracle keeps the suite fast. */
    static Stream<GemmCase> randomCases() {
        Random r = new Random(20261122);
        List<GemmCase> cases = new ArrayList<>();
        while (cases.size() < 160) {
            int m = DIMS[r.nextInt(DIMS.length)];
            int n = DIMS[r.nextInt(DIMS.length)];
            int k = DIMS[r.nextInt(DIMS.length)];
            if ((long) m * n * k > 3_000_000) {
                continue;
            }
            boolean padded = r.nextBoolean();
            cases.add(new GemmCase(
                    r.nextBoolean(),
                    r.nextBoolean(),
                    m,
                    n,
                    k,
                    ALPHAS[r.nextInt(ALPHAS.length)],
                    BETAS[r.nextInt(BETAS.length)],
                    padded ? r.nextInt(7) : 0,
                    padded ? r.nextInt(9) : 0,
                    padded ? r.nextInt(7) : 0,
                    padded ? r.nextInt(9) : 0,
                    padded ? r.nextInt(7) : 0,
                    padded ? r.nextInt(9) : 0,
                    r.nextLong()));
        }
        return cases.stream();
    }

    /** Every transpose combination on shapes with edges in both directions and k across a depth-block boundary. */
    static Stream<GemmCase> transposeCases() {
        List<GemmCase> cases = new ArrayList<>();
        int[][] shapes = {{1, 1, 1}, {1, 37, 5}, {37, 1, 5}, {7, 5, 1}, {29, 67, 300}, {131, 97, 257}};
        long seed = 1;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                cases.add(new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0f, 3, 5, 1, 2, 4, 3, seed++));
                cases.add(new GemmCase(
                        (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], -0.75f, 1f, 0, 1, 2, 0, 0, 7, seed++));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource({"randomCases", "transposeCases"})
    void matchesTheReferenceWithinTheFloat32ErrorBoundAndEveryKernelAgreesBitForBit(GemmCase cs) {
        GemmCase.Data d = cs.data();
        float[] c = d.c().clone();
        cs.runSgemm(d, c);
        cs.assertMatchesReference(d, c);
        for (MicroKernel kernel : availableKernels()) {
            float[] other = d.c().clone();
            cs.runKernel(kernel, d, other);
            assertThat(other).as("%s with %s", cs, kernel.name()).isEqualTo(c);
        }
    }

    @Test
    void theExampleInTheJavadocHolds() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Sgemm.multiply(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(58, 64, 139, 154);
        float[] dense = new float[4];
        Sgemm.multiply(2, 2, 3, a, b, dense);
        assertThat(dense).containsExactly(58, 64, 139, 154);
    }

    /** Large enough for several tiles, in both the shared-B mode (several row tiles) and the per-tile-B mode. */
    static Stream<GemmCase> parallelCases() {
        return Stream.of(
                GemmCase.dense(false, false, 300, 300, 300, 1f, 0f, 11),
                GemmCase.dense(true, true, 293, 257, 300, -1f, 0.5f, 12),
                new GemmCase(false, true, 64, 1500, 300, 2f, 1f, 3, 2, 1, 0, 5, 4, 13),
                GemmCase.dense(true, false, 600, 40, 600, 1f, 0f, 14),
                // Last columns computed as dot products (ColumnTail), in the tiles of the last columns or alone.
                GemmCase.dense(false, false, 600, 49, 600, 1f, 0f, 15),
                new GemmCase(false, true, 400, 200, 300, -1f, 0.5f, 1, 3, 2, 1, 0, 2, 16),
                GemmCase.dense(false, false, 2000, 5, 700, 1f, 1f, 17));
    }

    @ParameterizedTest
    @MethodSource("parallelCases")
    void resultsAreBitIdenticalForOneToFourThreads(GemmCase cs) {
        GemmCase.Data d = cs.data();
        MicroKernel kernel = GemmKernels.selected();
        assertThat(GemmTuning.plan(cs.m(), cs.n(), cs.k(), kernel.mr(), kernel.nr())
                        .grain())
                .as("the case must actually be split into parallel chunks")
                .isLessThan(planTiles(cs, kernel));
        Parallel.setThreads(1);
        float[] single = d.c().clone();
        cs.runSgemm(d, single);
        cs.assertMatchesReference(d, single);
        for (int threads = 2; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            float[] c = d.c().clone();
            cs.runSgemm(d, c);
            assertThat(c).as("%s on %d threads", cs, threads).isEqualTo(single);
        }
    }

    /**
     * The tiling (tile sizes, shared or per-tile B, column blocks of the shared B, grain) must not change a single
     * bit; only the depth block (KC) may, and then the result must still be within the bound.
     */
    @Test
    void tilingDoesNotChangeTheResult() {
        GemmCase cs = new GemmCase(true, false, 150, 170, 300, 1.5f, -1f, 2, 3, 0, 5, 1, 2, 21);
        GemmCase.Data d = cs.data();
        for (MicroKernel kernel : availableKernels()) {
            int mr = kernel.mr();
            int nr = kernel.nr();
            int kc = GemmTuning.depthBlock(cs.k());
            float[] expected = d.c().clone();
            cs.runKernel(kernel, d, expected);
            List<GemmTuning.Plan> plans = List.of(
                    plan(cs, 150, 170, kc, false, 1),
                    plan(cs, mr, nr, kc, false, 7),
                    plan(cs, 3 * mr, 2 * nr, kc, true, 1),
                    plan(cs, 5 * mr, nr, kc, true, 2),
                    plan(cs, 12 * mr, 3 * nr, kc, true, 100));
            for (GemmTuning.Plan p : plans) {
                float[] c = d.c().clone();
                cs.runPlan(kernel, p, d, c);
                assertThat(c).as("%s, %s, %s", cs, kernel.name(), p).isEqualTo(expected);
            }
        }
        MicroKernel kernel = GemmKernels.selected();
        GemmCase.Expectation expectation = cs.expectation(d);
        for (int otherKc : new int[] {1, 7, 100, 300}) {
            float[] c = d.c().clone();
            cs.runPlan(kernel, plan(cs, 4 * kernel.mr(), 2 * kernel.nr(), otherKc, true, 1), d, c);
            expectation.assertMatches(c);
        }
    }

    /**
     * A last panel at most one vector wide runs on the narrow partner kernel, packed that wide: same bits as the wide
     * kernel alone, in the shared-B and per-tile-B modes, transposed B or not, with a partial last row block; and the
     * partner must really run (a counting wrapper), or the comparison would prove nothing.
     */
    @Test
    void narrowLastPanelsGiveTheWideKernelsBits() {
        org.junit.jupiter.api.Assumptions.assumeTrue(GemmKernels.vectorModulePresent());
        for (String shape : GemmKernels.VECTOR_SHAPES) {
            MicroKernel wide = GemmKernels.create(shape);
            MicroKernel narrow = GemmKernels.narrowPartner(wide);
            if (narrow == null) {
                assertThat(wide.nr()).as(shape).isEqualTo(GemmKernels.vectorLanes());
                continue;
            }
            int lanes = narrow.nr();
            int[] widths = {1, lanes - 3, lanes, lanes + 1, wide.nr() + lanes, 3 * wide.nr() + 5};
            for (int n : widths) {
                for (boolean transB : new boolean[] {false, true}) {
                    GemmCase cs =
                            new GemmCase(false, transB, 4 * wide.mr() + 1, n, 300, 1.5f, 0.5f, 1, 2, 3, 0, 0, 0, n);
                    GemmCase.Data d = cs.data();
                    int kc = GemmTuning.depthBlock(cs.k());
                    for (boolean shareB : new boolean[] {false, true}) {
                        GemmTuning.Plan p = plan(cs, 2 * wide.mr(), 2 * wide.nr(), kc, shareB, 1);
                        float[] expected = d.c().clone();
                        cs.runPlan(wide, null, p, d, expected);
                        cs.assertMatchesReference(d, expected);
                        CountingKernel counting = new CountingKernel(narrow);
                        float[] c = d.c().clone();
                        cs.runPlan(wide, counting, p, d, c);
                        String what = cs + " " + wide.name() + " shareB " + shareB;
                        assertThat(c).as(what).isEqualTo(expected);
                        boolean narrowEdge = n % wide.nr() != 0 && n % wide.nr() <= lanes;
                        assertThat(counting.calls > 0).as(what).isEqualTo(narrowEdge);
                    }
                }
            }
        }
    }

    /** Delegates to a kernel and counts its calls. */
    private static final class CountingKernel implements MicroKernel {
        private final MicroKernel inner;
        private int calls;

        CountingKernel(MicroKernel inner) {
            this.inner = inner;
        }

        @Override
        public int mr() {
            return inner.mr();
        }

        @Override
        public int nr() {
            return inner.nr();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void multiply(
                int kc,
                float[] a,
                int aOff,
                int lda,
                float[] b,
                int bOff,
                float alpha,
                float beta,
                float[] c,
                int cOff,
                int ldc) {
            calls++;
            inner.multiply(kc, a, aOff, lda, b, bOff, alpha, beta, c, cOff, ldc);
        }
    }

    @Test
    void betaZeroOverwritesNaNGarbageAndBetaOneAccumulates() {
        GemmCase cs = GemmCase.dense(false, false, 9, 21, 13, 1f, 0f, 31);
        GemmCase.Data d = cs.data();
        float[] c = d.c().clone();
        assertThat(c).contains(Float.NaN);
        cs.runSgemm(d, c);
        assertThat(c).doesNotContain(Float.NaN);
        float[] twice = c.clone();
        Sgemm.multiply(false, false, 9, 21, 13, 1f, d.a(), 0, 13, d.b(), 0, 21, 1f, twice, 0, 21);
        float[] doubled = c.clone();
        for (int i = 0; i < 9 * 21; i++) {
            doubled[i] = 2 * c[i];
        }
        // The same product added to itself: the second call adds exactly what the first wrote (same arithmetic).
        assertThat(twice).isEqualTo(doubled);
    }

    @Test
    void alphaZeroOrEmptyDepthOnlyScalesCAndNeverReadsAOrB() {
        float[] nanA = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] nanB = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        Sgemm.multiply(false, false, 2, 2, 2, 0f, nanA, 0, 2, nanB, 0, 2, 3f, c, 0, 2);
        assertThat(c).containsExactly(3, 6, 9, 12);
        Sgemm.multiply(false, false, 2, 2, 0, 1f, nanA, 0, 1, nanB, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0, 0, 0, 0);
        float[] garbage = {Float.NaN, Float.POSITIVE_INFINITY, 5, 6};
        Sgemm.multiply(false, false, 2, 2, 2, 0f, nanA, 0, 2, nanB, 0, 2, 0f, garbage, 0, 2);
        assertThat(garbage).containsExactly(0, 0, 0, 0);
        float[] untouched = {7};
        Sgemm.multiply(false, false, 0, 1, 3, 1f, new float[0], 0, 3, nanB, 0, 1, 0f, untouched, 0, 1);
        Sgemm.multiply(false, false, 1, 0, 3, 1f, nanA, 0, 3, new float[0], 0, 1, 0f, untouched, 0, 1);
        assertThat(untouched).containsExactly(7);
    }

    @Test
    void nanAndInfinityPropagateLikeTheReference() {
        GemmCase cs = GemmCase.dense(false, false, 37, 41, 300, 1f, 1f, 41);
        GemmCase.Data d = cs.data();
        d.a()[3 * 300 + 17] = Float.NaN; // row 3 of C becomes NaN
        d.a()[5 * 300 + 250] = Float.POSITIVE_INFINITY; // row 5: +-Inf, or NaN where B(250, j) is 0
        d.b()[250 * 41 + 6] = 0f;
        d.b()[99 * 41 + 9] = Float.NEGATIVE_INFINITY; // column 9: +-Inf or NaN
        d.c()[20 * 41 + 30] = Float.NaN; // beta = 1 keeps it
        float[] c = d.c().clone();
        cs.runSgemm(d, c);
        cs.assertMatchesReference(d, c);
        assertThat(c[3 * 41]).isNaN();
        assertThat(c[5 * 41 + 6]).isNaN();
        assertThat(c[20 * 41 + 30]).isNaN();
        assertThat(Float.isInfinite(c[0 * 41 + 9])).isTrue();
    }

    @Test
    void rejectsInvalidArgumentsWithoutWriting() {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = new float[12];
        assertInvalid(() -> Sgemm.multiply(false, false, -1, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2), "m (-1)");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 2, -3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2), "k (-3)");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 3, 4, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 3), "lda (3)");
        assertInvalid(() -> Sgemm.multiply(true, false, 3, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2), "lda (2)");
        assertInvalid(() -> Sgemm.multiply(false, true, 2, 3, 2, 1f, a, 0, 2, b, 0, 1, 0f, c, 0, 3), "ldb (1)");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 3, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 2), "ldc (2)");
        assertInvalid(() -> Sgemm.multiply(false, false, 3, 3, 3, 1f, a, 4, 3, b, 0, 3, 0f, c, 0, 3), "a (length 12)");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 2, 2, 1f, a, 0, 2, b, -1, 2, 0f, c, 0, 2), "bOff (-1)");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 2, 2, 1f, a, 0, 2, null, 0, 2, 0f, c, 0, 2), "b must");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 2, 2, 1f, c, 0, 2, b, 0, 2, 0f, c, 2, 2), "overlap a");
        assertInvalid(() -> Sgemm.multiply(false, false, 2, 2, 2, 1f, a, 0, 2, c, 0, 2, 0f, c, 3, 2), "overlap b");
        assertThat(c).containsOnly(0f);
    }

    @Test
    void neighbouringColumnBlocksOfOneArrayAreNotAnOverlap() {
        // One 3 x 5 row-major matrix: A = its columns 0..1, C = its columns 2..4 (interleaved ranges, no shared cell).
        float[] x = {1, 2, 0, 0, 0, 3, 4, 0, 0, 0, 5, 6, 0, 0, 0};
        float[] b = {1, 0, 1, 0, 1, 1};
        Sgemm.multiply(false, false, 3, 3, 2, 1f, x, 0, 5, b, 0, 3, 0f, x, 2, 5);
        assertThat(x).containsExactly(1, 2, 1, 2, 3, 3, 4, 3, 4, 7, 5, 6, 5, 6, 11);
    }

    @Test
    void reportsTheKernelInUse() {
        String expected = GemmKernels.vectorModulePresent() ? "vector " : "scalar ";
        assertThat(Sgemm.kernelName()).startsWith(expected);
        assertThatThrownBy(() -> GemmKernels.create("9x9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'9x9' is unknown");
    }

    private static void assertInvalid(Runnable call, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    static List<MicroKernel> availableKernels() {
        List<MicroKernel> kernels = new ArrayList<>();
        kernels.add(GemmKernels.create(GemmKernels.SCALAR));
        if (GemmKernels.vectorModulePresent()) {
            for (String shape : GemmKernels.VECTOR_SHAPES) {
                kernels.add(GemmKernels.create(shape));
            }
        }
        return kernels;
    }

    private static int planTiles(GemmCase cs, MicroKernel kernel) {
        GemmTuning.Plan p = GemmTuning.plan(cs.m(), cs.n(), cs.k(), kernel.mr(), kernel.nr());
        return p.tilesM() * p.tilesN();
    }

    /** A consistent plan with the given tile size (whole register blocks), mode, column-block width and grain. */
    private static GemmTuning.Plan plan(GemmCase cs, int tileRows, int tileCols, int kc, boolean shareB, int grain) {
        int tilesM = GemmTuning.ceilDiv(cs.m(), tileRows);
        int tilesN = GemmTuning.ceilDiv(cs.n(), tileCols);
        int blockTilesN = shareB ? Math.max(1, tilesN / 2) : tilesN;
        return new GemmTuning.Plan(tileRows, tileCols, tilesM, tilesN, kc, shareB, blockTilesN, grain, 1);
    }
}
