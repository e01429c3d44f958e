package io.github.conv4j.kernel.separable;

import static io.github.conv4j.kernel.KernelTestSupport.assertMatchesReference;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.ConvGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Separable kernels against the double reference with the rank-1 kernel {@code K = fl(col ⊗ row)}. Bound (see
 * {@link SeparableConv}): two FMA chains of {@code kH} and {@code kW} terms, plus the factorisation's re-rounding of
 * {@code K} (at most ~2u relative per tap): {@code K = kH + kW + 4}.
 */
class SeparableConvTest {

    record Case(long seed, ConvGeometry g, boolean special) {
        @Override
        public String toString() {
            return "seed " + seed + " " + g.descriptor();
        }
    }

    static Stream<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (long seed = 0; seed < 250; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 131 + 7);
            int[] ks = {1, 2, 3, 5, 7, 4, 9};
            int kh = ks[r.nextInt(ks.length)];
            int kw = ks[r.nextInt(ks.length)];
            int sh = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int sw = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int dh = r.nextInt(5) == 0 ? 2 : 1;
            int dw = r.nextInt(5) == 0 ? 2 : 1;
            int inH = 1 + r.nextInt(r.nextInt(8) == 0 ? 3 : 30);
            int inW = 1 + r.nextInt(r.nextInt(8) == 0 ? 3 : 45);
            int c = 1 + r.nextInt(2);
            try {
                ConvGeometry g = geometry(
                        1 + r.nextInt(2),
                        c,
                        inH,
                        inW,
                        c * (1 + r.nextInt(2)),
                        c,
                        kh,
                        kw,
                        sh,
                        sw,
                        r.nextInt(kh + 1),
                        r.nextInt(kh + 1),
                        r.nextInt(kw + 1),
                        r.nextInt(kw + 1),
                        dh,
                        dw);
                list.add(new Case(seed, g, r.nextInt(5) == 0));
            } catch (IllegalArgumentException e) {
                // empty output: skip
            }
        }
        // 5-row vertical passes run four output rows at once, then two, where their windows are inside the input and
        // the vertical stride equals the dilation: widths across whole vectors and a remainder, padding that leaves 0
        // to 2 edge rows, row counts of every remainder by four.
        long seed = 10_000;
        for (int inW : new int[] {16, 37, 70}) {
            for (int s = 1; s <= 2; s++) {
                for (int pad = 0; pad <= 2; pad++) {
                    for (int inH = 9; inH <= 16; inH++) {
                        list.add(new Case(
                                seed++,
                                geometry(1, 1, inH, inW, 1, 1, 5, 5, s, 1, pad, 2 - pad / 2, 2, 2, s, 1),
                                inH == 12));
                    }
                }
            }
        }
        return list.stream();
    }

    /**
     * Any split of the output rows into blocks gives the same bits, and a block writes only its own rows (the row
     * quads and pairs stay within it; other threads own the rest).
     */
    @Test
    void rowBlocksDoNotChangeTheBits() {
        ConvGeometry g = geometry(1, 1, 23, 50, 1, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1);
        SplittableRandom r = new SplittableRandom(77);
        float[] x = random(r, g.inH() * g.inW(), false);
        float[] col = random(r, 5, false);
        float[] row = random(r, 5, false);
        int size = g.outH() * g.outW();
        float[] whole = new float[size];
        SeparableConv.verticalFirst(g, x, 0, col, 0, row, 0, 0.5f, whole, 0, 0, g.outH(), true);
        for (int split = 1; split < g.outH(); split++) {
            float[] parts = new float[size];
            java.util.Arrays.fill(parts, Float.NaN);
            SeparableConv.verticalFirst(g, x, 0, col, 0, row, 0, 0.5f, parts, 0, 0, split, true);
            for (int j = split * g.outW(); j < size; j++) {
                assertThat(parts[j])
                        .as("split at %d: rows past the block untouched", split)
                        .isNaN();
            }
            SeparableConv.verticalFirst(g, x, 0, col, 0, row, 0, 0.5f, parts, 0, split, g.outH(), true);
            assertThat(parts).as("split at %d", split).isEqualTo(whole);
        }
    }

    static float[] outerProducts(SplittableRandom r, ConvGeometry g) {
        float[] w = new float[g.outC() * g.kh() * g.kw()];
        for (int o = 0; o < g.outC(); o++) {
            float[] col = random(r, g.kh(), false);
            float[] row = random(r, g.kw(), false);
            for (int p = 0; p < g.kh(); p++) {
                for (int q = 0; q < g.kw(); q++) {
                    w[(o * g.kh() + p) * g.kw() + q] = col[p] * row[q];
                }
            }
        }
        return w;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bothOrdersMatchReferenceAndScalarPath(Case c) {
        ConvGeometry g = c.g();
        SplittableRandom r = new SplittableRandom(c.seed());
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), c.special());
        float[] w = outerProducts(r, g);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        assertThat(SeparableConv.supports(g, w)).isTrue();
        int size = g.n() * g.outC() * g.outH() * g.outW();
        float[] y = new float[size];
        SeparableConv.forward(g, x, w, b, y);
        double k = g.kh() + g.kw() + 4;
        assertMatchesReference(g, x, w, b, y, k, "public");

        float[] col = new float[g.outC() * g.kh()];
        float[] row = new float[g.outC() * g.kw()];
        for (int o = 0; o < g.outC(); o++) {
            float[][] f = RankOne.factor(w, o * g.kh() * g.kw(), g.kh(), g.kw());
            System.arraycopy(f[0], 0, col, o * g.kh(), g.kh());
            System.arraycopy(f[1], 0, row, o * g.kw(), g.kw());
        }
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        for (boolean vertical : new boolean[] {true, false}) {
            float[] yv = new float[size];
            float[] ys = new float[size];
            for (int t = 0; t < g.n() * g.outC(); t++) {
                int o = t % g.outC();
                int xOff = ((t / g.outC()) * g.inC() + o / g.outCPerGroup()) * inPlane;
                float bo = b == null ? 0f : b[o];
                if (vertical) {
                    SeparableConv.verticalFirst(
                            g, x, xOff, col, o * g.kh(), row, o * g.kw(), bo, yv, t * outPlane, 0, g.outH(), true);
                    SeparableConv.verticalFirst(
                            g, x, xOff, col, o * g.kh(), row, o * g.kw(), bo, ys, t * outPlane, 0, g.outH(), false);
                } else {
                    SeparableConv.horizontalFirst(
                            g, x, xOff, col, o * g.kh(), row, o * g.kw(), bo, yv, t * outPlane, 0, g.outH(), true);
                    SeparableConv.horizontalFirst(
                            g, x, xOff, col, o * g.kh(), row, o * g.kw(), bo, ys, t * outPlane, 0, g.outH(), false);
                }
            }
            assertMatchesReference(g, x, w, b, yv, k, vertical ? "vertical first" : "horizontal first");
            assertThat(yv).isEqualTo(ys);
        }
    }

    @Test
    void rankOneAcceptsOuterProductsAndRejectsTheRest() {
        float[] gauss = new float[25];
        float[] g1 = {1, 4, 6, 4, 1};
        for (int p = 0; p < 5; p++) {
            for (int q = 0; q < 5; q++) {
                gauss[p * 5 + q] = g1[p] * g1[q] / 256f;
            }
        }
        assertThat(RankOne.factor(gauss, 0, 5, 5)).isNotNull();
        float[][] sobel = RankOne.factor(new float[] {-1, 0, 1, -2, 0, 2, -1, 0, 1}, 0, 3, 3);
        assertThat(sobel).isNotNull();
        assertThat(sobel[0]).containsExactly(-1, -2, -1);
        assertThat(RankOne.factor(new float[] {0, 1, 0, 1, -4, 1, 0, 1, 0}, 0, 3, 3))
                .as("Laplacian is rank 2")
                .isNull();
        assertThat(RankOne.factor(new float[] {1, 2, 3, 4}, 0, 2, 2)).isNull();
        assertThat(RankOne.factor(new float[] {1, Float.NaN, 3, 4}, 0, 2, 2)).isNull();
        assertThat(RankOne.factor(new float[4], 0, 2, 2)).isNotNull();
        // A perturbation above the tolerance is rejected, one below it accepted.
        float[] near = gauss.clone();
        near[7] += (float) (gauss[12] * 0x1p-16);
        assertThat(RankOne.factor(near, 0, 5, 5)).isNull();
    }

    @Test
    void choosesTheCheaperOrder() {
        assertThat(SeparableConv.verticalFirst(geometry(1, 1, 64, 64, 1, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1)))
                .isTrue();
        assertThat(SeparableConv.verticalFirst(geometry(1, 1, 64, 64, 1, 1, 5, 5, 1, 4, 2, 2, 2, 2, 1, 1)))
                .isFalse();
    }

    @Test
    void rejectsNonSeparableWeights() {
        ConvGeometry g = geometry(1, 1, 5, 5, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        float[] lap = {0, 1, 0, 1, -4, 1, 0, 1, 0};
        assertThat(SeparableConv.supports(g, lap)).isFalse();
        assertThatThrownBy(() -> SeparableConv.forward(g, new float[25], lap, null, new float[25]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not rank-1");
    }
}
