package io.github.conv4j.kernel.direct;

import static io.github.conv4j.kernel.KernelTestSupport.assertMatchesReference;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.ConvGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plane kernel against the double reference on seeded random problems. Bound: every output is a chain of
 * {@code kH·kW} fused multiply-adds from the bias, so {@code K = kH·kW + 2} (one spare for the bias term and one for
 * the reference's own float input conversion, which is exact, kept as margin).
 */
class DirectPlaneConvTest {

    record Case(long seed, ConvGeometry g, boolean special) {
        @Override
        public String toString() {
            return "seed " + seed + " " + g.descriptor() + (special ? " +NaN/Inf" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> list = new ArrayList<>();
        // Seeds from 400 on draw planes wider than ConvTuning.SMALL_PLANE_MAX_WIDTH, which take the row kernel
        // instead of the flat small-plane sweep; both paths must meet the same bound and agree vector/scalar.
        for (long seed = 0; seed < 520; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
            boolean wide = seed >= 400;
            int[] ks = {1, 2, 3, 3, 5, 5, 7, 4, 9, 11};
            int kh = r.nextInt(6) == 0 ? 1 : ks[r.nextInt(ks.length)];
            int kw = ks[r.nextInt(ks.length)];
            int sh = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int sw = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int dh = r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
            int dw = r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
            int tiny = r.nextInt(8);
            int inH = tiny == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(30);
            int inW = wide
                    ? io.github.conv4j.kernel.ConvTuning.SMALL_PLANE_MAX_WIDTH + 1 + r.nextInt(40)
                    : tiny == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(45);
            if (wide) {
                inH = 1 + r.nextInt(12);
            }
            int pt = r.nextInt(kh + 1);
            int pb = r.nextInt(kh + 1);
            int pl = r.nextInt(kw + 1);
            int pr = r.nextInt(kw + 1);
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            int mult = 1 + r.nextInt(2);
            ConvGeometry g;
            try {
                g = geometry(n, c, inH, inW, c * mult, c, kh, kw, sh, sw, pt, pb, pl, pr, dh, dw);
            } catch (IllegalArgumentException e) {
                continue;
            }
            list.add(new Case(seed, g, r.nextInt(5) == 0));
        }
        // Image-filter shapes with widths around the vector length.
        for (int k : new int[] {1, 2, 3, 5, 7}) {
            for (int w : new int[] {7, 8, 9, 16, 17, 33}) {
                list.add(new Case(
                        -k * 100 - w,
                        geometry(1, 1, 11, w, 1, 1, k, k, 1, 1, k / 2, k / 2, k / 2, k / 2, 1, 1),
                        false));
            }
        }
        list.add(new Case(-1, geometry(1, 1, 13, 29, 1, 1, 1, 2, 1, 1, 0, 0, 0, 0, 1, 1), false));
        // Small planes with output rows of four vectors or more (8 or 16 lanes) go straight to the output rows, the
        // last block of a row overlapping the one before: widths on and off the block, vertical strides and
        // dilations, asymmetric padding.
        for (int outW : new int[] {32, 33, 64, 65, 70, 100, 112, 130, 200}) {
            for (int sh = 1; sh <= 2; sh++) {
                for (int k = 3; k <= 5; k += 2) {
                    int dh = k == 3 ? sh : 1;
                    int inW = outW + k - 1 - 1;
                    list.add(new Case(
                            -20000 - 100 * outW - 10 * sh - k,
                            geometry(1, 2, 7 + 2 * k, inW, 2, 2, k, k, sh, 1, k / 2, 0, 1, 0, dh, 1),
                            outW == 65));
                }
            }
        }
        // Such rows are swept a band of output rows at a time from a bordered copy of the band's input rows, two rows
        // at
        // once when they share input rows: planes of several bands with an odd last band, bottom padding (band rows
        // past the input must read as zeros, whatever an earlier band left there), and dilations that break the pairs.
        for (int outH : new int[] {SmallPlanes.BAND_ROWS - 1, 2 * SmallPlanes.BAND_ROWS + 3}) {
            for (int dh = 1; dh <= 2; dh++) {
                for (int k = 3; k <= 5; k += 2) {
                    int p = k / 2;
                    int inH = outH + (k - 1) * dh - 2 * p;
                    list.add(new Case(
                            -30000 - 100 * outH - 10 * dh - k,
                            geometry(1, 3, inH, 70, 3, 3, k, k, 1, 1, p, p, p, p, dh, 1),
                            dh == 2));
                }
            }
        }
        // Narrow 3×3 planes without vertical dilation sweep the flat buffer four rows at a time: row pitches below, at
        // and between whole vectors (8 or 16 lanes; a pitch under a vector runs into the next row), row counts of every
        // remainder by four, vertical strides (the flat buffer holds every dense row) and horizontal dilations.
        for (int inW : new int[] {5, 7, 12, 14, 15, 22, 30, 40}) {
            for (int inH = 4; inH <= 11; inH++) {
                int sh = 1 + (inH + inW) % 2;
                int dw = inH % 3 == 0 ? 2 : 1;
                list.add(new Case(
                        -40000 - 100 * inW - inH,
                        geometry(1, 2, inH, inW, 2, 2, 3, 3, sh, 1, 1, inH % 2, 1, 1, 1, dw),
                        inH == 9));
            }
        }
        // Wide 3×3 and 5×5 planes take the register kernels; the 3×3 one sweeps two output rows at once when they
        // share input rows (vertical stride equal to the dilation): odd and even row counts, strides and dilations
        // that do and do not, and a few columns of each plane left to the scalar path.
        int wide = io.github.conv4j.kernel.ConvTuning.SMALL_PLANE_MAX_WIDTH + 1;
        for (int k = 3; k <= 5; k += 2) {
            for (int sh = 1; sh <= 2; sh++) {
                for (int dh = 1; dh <= 2; dh++) {
                    for (int h = 3; h <= 9; h += 3) {
                        int p = k / 2;
                        list.add(new Case(
                                -1000 * k - 100 * sh - 10 * dh - h,
                                geometry(1, 2, h + (k - 1) * dh, wide + h, 2, 2, k, k, sh, 1, p, p, p, p, dh, 1),
                                h == 6));
                    }
                }
            }
        }
        // 5×5 rows whose interior is not a whole number of four-vector groups (8 lanes: 264 columns = 33 vectors;
        // 16 lanes: 273 = 17 vectors and a column), which end on an overlapping group.
        for (int width : new int[] {268, 277}) {
            list.add(new Case(-6000 - width, geometry(1, 1, 9, width, 1, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1), false));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesReferenceAndScalarPathBitForBit(Case c) {
        ConvGeometry g = c.g();
        SplittableRandom r = new SplittableRandom(c.seed());
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), c.special());
        float[] w = random(r, g.outC() * g.kh() * g.kw(), false);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        float[] yv = new float[g.n() * g.outC() * g.outH() * g.outW()];
        float[] ys = new float[yv.length];
        DirectPlaneConv.forward(g, x, w, b, yv, true);
        DirectPlaneConv.forward(g, x, w, b, ys, false);
        assertMatchesReference(g, x, w, b, yv, g.kh() * g.kw() + 2, "vector");
        assertMatchesReference(g, x, w, b, ys, g.kh() * g.kw() + 2, "scalar");
        assertThat(yv).as("vector and scalar paths agree bit for bit").isEqualTo(ys);
    }

    /**
     * 3×3 "same" planes no wider than a vector go straight from the input to the output with whole-vector loads and
     * stores ({@link VectorNarrowPlanes}); the first and last planes of an array, whose windows would leave it, keep
     * the bordered path. Widths around one vector (8 or 16 lanes) and half of one (a row's store then reaches two rows
     * on), heights from one row, several planes ({@link #assertInsideAndBitForBit} says what is checked).
     */
    @ParameterizedTest
    @MethodSource("narrowSamePlanes")
    void narrowSamePlanesMatchAndStayInsideTheirRows(int inW, int inH, int mult) {
        ConvGeometry g = geometry(2, 3, inH, inW, 3 * mult, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        assertInsideAndBitForBit(g, 1000L * inW + 10L * inH + mult, inW % 3 == 0);
    }

    /** The same for 5×5 "same" planes ({@link VectorNarrowPlanes5x5}): two pixels of padding, five shifted loads. */
    @ParameterizedTest
    @MethodSource("narrowSamePlanes")
    void narrowSamePlanes5x5MatchAndStayInsideTheirRows(int inW, int inH, int mult) {
        ConvGeometry g = geometry(2, 3, inH, inW, 3 * mult, 3, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1);
        assertInsideAndBitForBit(g, 7000L * inW + 10L * inH + mult, inW % 3 == 0);
    }

    /**
     * Horizontal strides on small planes take the phase planes ({@link PhasePlanes}), and 3×3 stride-2 "same" planes
     * the direct path beside them ({@link VectorStride2Planes}, the first and last planes of an array excepted), with
     * the same checks as the narrow planes above: widths around one and two vectors, the 14- to 112-wide planes of
     * MobileNet, odd and even sizes (an even size leaves the last output's right tap on the padding), one-row planes.
     */
    @ParameterizedTest
    @MethodSource("stridedPlanes")
    void stridedPlanesMatchAndStayInsideTheirRows(int inW, int inH, int kind) {
        // kind 0: 3×3 stride 2 pad 1; 1: 3×3 stride 2 no padding; 2: 5×5 stride (1, 2) pad (2, 1, 2, 0);
        // 3: 3×3 stride 3 dilation 2 pad 1; 4: 2×2 stride 2 (pooling-like, no padding); 5: 1×1 stride 2; 6: 5×5
        // stride 2 pad 2 (phase planes).
        ConvGeometry g =
                switch (kind) {
                    case 0 -> geometry(2, 3, inH, inW, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
                    case 1 -> geometry(2, 3, inH + 2, inW + 2, 6, 3, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1);
                    case 2 -> geometry(1, 2, inH + 1, inW + 3, 2, 2, 5, 5, 1, 2, 2, 1, 2, 0, 1, 1);
                    case 3 -> geometry(1, 2, inH + 2, inW + 2, 4, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2);
                    case 4 -> geometry(2, 2, inH + 1, inW + 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1);
                    case 5 -> geometry(1, 3, inH, inW, 3, 3, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1);
                    default -> geometry(2, 3, inH, inW, 3, 3, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1);
                };
        assertInsideAndBitForBit(g, 100000L * kind + 1000L * inW + inH, (inW + inH) % 4 == 0);
    }

    static Stream<Arguments> stridedPlanes() {
        List<Arguments> list = new ArrayList<>();
        for (int kind = 0; kind < 7; kind++) {
            for (int inW : new int[] {1, 2, 3, 5, 8, 14, 15, 16, 17, 28, 31, 32, 33, 56, 112}) {
                for (int inH : new int[] {1, 2, 7, 14}) {
                    list.add(Arguments.of(inW, inH, kind));
                }
            }
        }
        return list.stream();
    }

    /**
     * The vector path against the reference and bit for bit against the scalar path, on arrays longer than the
     * problem: their extra floats are NaN in the input (a lane read from them into a kept output would show) and a
     * sentinel in the output (a store past the last plane would overwrite it). The output starts as NaN, so an output
     * left unwritten fails the reference check.
     */
    private static void assertInsideAndBitForBit(ConvGeometry g, long seed, boolean special) {
        SplittableRandom r = new SplittableRandom(seed);
        int xSize = g.n() * g.inC() * g.inH() * g.inW();
        int ySize = g.n() * g.outC() * g.outH() * g.outW();
        int slack = 40;
        float[] x = Arrays.copyOf(random(r, xSize, special), xSize + slack);
        Arrays.fill(x, xSize, x.length, Float.NaN);
        float[] w = random(r, g.outC() * g.kh() * g.kw(), false);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        float[] yv = new float[ySize + slack];
        float[] ys = new float[ySize];
        Arrays.fill(yv, 0, ySize, Float.NaN);
        Arrays.fill(yv, ySize, yv.length, 12345f);
        DirectPlaneConv.forward(g, x, w, b, yv, true);
        DirectPlaneConv.forward(g, x, w, b, ys, false);
        float[] written = Arrays.copyOf(yv, ySize);
        assertMatchesReference(g, x, w, b, written, g.kh() * g.kw() + 2, "vector");
        assertThat(written).as("vector and scalar paths agree bit for bit").isEqualTo(ys);
        assertThat(Arrays.copyOfRange(yv, ySize, yv.length))
                .as("floats past the output")
                .containsOnly(12345f);
    }

    static Stream<Arguments> narrowSamePlanes() {
        List<Arguments> list = new ArrayList<>();
        for (int inW : new int[] {1, 2, 3, 5, 7, 8, 9, 14, 15, 16, 17}) {
            for (int inH : new int[] {1, 2, 3, 5, 14}) {
                list.add(Arguments.of(inW, inH, 1 + (inW + inH) % 2));
            }
        }
        return list.stream();
    }

    @Test
    void largeImageUsesVectorPathsAndMatches() {
        SplittableRandom r = new SplittableRandom(42);
        for (int k : new int[] {3, 5, 7}) {
            ConvGeometry g = geometry(1, 1, 40, 303, 1, 1, k, k, 1, 1, k / 2, k / 2, k / 2, k / 2, 1, 1);
            float[] x = random(r, 40 * 303, false);
            float[] w = random(r, k * k, false);
            float[] y = new float[g.outH() * g.outW()];
            DirectPlaneConv.forward(g, x, w, null, y);
            assertMatchesReference(g, x, w, null, y, k * k + 2, "public entry");
        }
    }

    @Test
    void rejectsUnsupportedAndShortArrays() {
        ConvGeometry grouped = geometry(1, 2, 5, 5, 1, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1);
        assertThat(DirectPlaneConv.supports(grouped)).isFalse();
        assertThatThrownBy(() -> DirectPlaneConv.forward(grouped, new float[50], new float[18], null, new float[9]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C_in/groups == 1");
        ConvGeometry g = geometry(1, 1, 5, 5, 1, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1);
        assertThatThrownBy(() -> DirectPlaneConv.forward(g, new float[25], new float[9], null, new float[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y has 8");
    }
}
