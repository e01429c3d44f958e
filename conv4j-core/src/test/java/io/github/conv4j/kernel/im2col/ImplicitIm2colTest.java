package io.github.conv4j.kernel.im2col;

import static io.github.conv4j.kernel.KernelTestSupport.assertMatchesReference;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The implicit im2col path ({@link Im2colConv#forward} for few input channels) against the double reference on
 * seeded random geometries: strides 1 to 3, dilation 1 and 2, asymmetric padding, groups, output widths that are and
 * are not multiples of the register block's two vectors, output channels not a multiple of 6, NaN and infinities.
 * Each output is one fused multiply-add chain over {@code K = C_in/G·kH·kW} taps, then the bias: tolerance
 * {@code K·u·(|b| + Σ|x·w|)} (see {@code KernelTestSupport}). Without the Vector API module the explicit path runs
 * the same cases.
 */
class ImplicitIm2colTest {
    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReference(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int groups = 1 + r.nextInt(2);
        int kh = 1 + r.nextInt(7);
        int kw = 1 + r.nextInt(7);
        int dh = 1 + r.nextInt(2);
        int dw = 1 + r.nextInt(2);
        int pt = r.nextInt(4);
        int pb = r.nextInt(4);
        int pl = r.nextInt(4);
        int pr = r.nextInt(4);
        int inH = Math.max(1, dh * (kh - 1) + 1 - pt - pb) + r.nextInt(20);
        int inW = Math.max(1, dw * (kw - 1) + 1 - pl - pr) + r.nextInt(90);
        ConvGeometry g = geometry(
                1 + r.nextInt(2),
                groups * (1 + r.nextInt(ImplicitIm2col.MAX_CHANNELS)),
                inH,
                inW,
                groups * (ImplicitIm2col.MIN_OUT_CHANNELS + r.nextInt(10)),
                groups,
                kh,
                kw,
                1 + r.nextInt(3),
                1 + r.nextInt(3),
                pt,
                pb,
                pl,
                pr,
                dh,
                dw);
        assertThat(ImplicitIm2col.applies(g)).isEqualTo(Simd.available());
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), seed % 5 == 0);
        float[] w = random(r, g.outC() * g.inCPerGroup() * kh * kw, false);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        float[] y = new float[g.n() * g.outC() * g.outH() * g.outW()];
        Arrays.fill(y, Float.NaN);
        Im2colConv.forward(g, x, w, b, y);
        int k = g.inCPerGroup() * kh * kw;
        assertMatchesReference(g, x, w, b, y, k, "implicit im2col");

        int before = Parallel.threads();
        try {
            Parallel.setThreads(3);
            float[] three = new float[y.length];
            Im2colConv.forward(g, x, w, b, three);
            assertThat(three).as("3 threads").containsExactly(y);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Output widths whose row ends in four vectors' worth of columns (run as two blocks of two, not three and one) and
     * their neighbours, for 8- and 16-float vectors: the stem's 112 among them.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {29, 32, 33, 56, 61, 64, 65, 109, 112, 113, 120})
    void rowEndsOfEveryWidthMatchTheReference(int outW) {
        SplittableRandom r = new SplittableRandom(outW);
        ConvGeometry g = geometry(1, 3, 9, 2 * outW - 1, 13, 1, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1);
        assertThat(g.outW()).isEqualTo(outW);
        float[] x = random(r, g.inC() * g.inH() * g.inW(), false);
        float[] w = random(r, g.outC() * g.inC() * 49, false);
        float[] b = random(r, g.outC(), false);
        float[] y = new float[g.outC() * g.outH() * g.outW()];
        Arrays.fill(y, Float.NaN);
        Im2colConv.forward(g, x, w, b, y);
        assertMatchesReference(g, x, w, b, y, 3 * 49, "implicit im2col, output width " + outW);
    }

    /**
     * One sample whose rows are split over threads in groups (64 channels and 64 columns make the parallel grain three
     * rows), with row counts that leave a last group of one and two rows: every split gives the same bits and
     * matches the reference. With 16-float vectors the rows run as one sequence of three-vector blocks, some of them
     * spanning two rows.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {7, 10, 11, 12})
    void rowGroupsSplitOverThreadsMatchTheReference(int outH) {
        SplittableRandom r = new SplittableRandom(outH);
        ConvGeometry g = geometry(1, 3, 2 * outH - 1, 127, 64, 1, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1);
        assertThat(g.outH()).isEqualTo(outH);
        assertThat(g.outW()).isEqualTo(64);
        float[] x = random(r, g.inC() * g.inH() * g.inW(), false);
        float[] w = random(r, g.outC() * g.inC() * 49, false);
        float[] b = outH % 2 == 0 ? random(r, g.outC(), false) : null;
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] y = new float[g.outC() * g.outH() * g.outW()];
            Arrays.fill(y, Float.NaN);
            Im2colConv.forward(g, x, w, b, y);
            assertMatchesReference(g, x, w, b, y, 3 * 49, "implicit im2col, " + outH + " rows");
            for (int threads = 2; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] split = new float[y.length];
                Im2colConv.forward(g, x, w, b, split);
                assertThat(split).as(threads + " threads").containsExactly(y);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Both register blocks, 6 and 4 output channels, on any machine (the default is one of them): each matches the
     * reference and they give the same bits, on widths that end in a whole pair of vectors, a single vector and part
     * of one, channel counts not a multiple of either block, with and without bias.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void bothBlockHeightsMatchTheReferenceAndEachOther(long seed) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Simd.available());
        SplittableRandom r = new SplittableRandom(seed);
        int kh = 1 + r.nextInt(7);
        int kw = 1 + r.nextInt(7);
        int inH = kh + r.nextInt(12);
        int inW = kw + r.nextInt(130);
        ConvGeometry g = geometry(
                1 + r.nextInt(2),
                1 + r.nextInt(ImplicitIm2col.MAX_CHANNELS),
                inH,
                inW,
                ImplicitIm2col.MIN_OUT_CHANNELS + r.nextInt(15),
                1,
                kh,
                kw,
                1 + r.nextInt(2),
                1 + r.nextInt(3),
                r.nextInt(3),
                r.nextInt(3),
                r.nextInt(3),
                r.nextInt(3),
                1,
                1);
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), seed % 7 == 0);
        float[] w = random(r, g.outC() * g.inC() * kh * kw, false);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        int k = g.inC() * kh * kw;
        float[] six = new float[g.n() * g.outC() * g.outH() * g.outW()];
        Arrays.fill(six, Float.NaN);
        ImplicitIm2col.forward(g, x, w, b, six, VectorImplicitIm2col.MR);
        assertMatchesReference(g, x, w, b, six, k, "implicit im2col, 6-channel block");
        float[] four = new float[six.length];
        Arrays.fill(four, Float.NaN);
        ImplicitIm2col.forward(g, x, w, b, four, VectorImplicitIm2colQuad.MR);
        assertMatchesReference(g, x, w, b, four, k, "implicit im2col, 4-channel block");
        assertThat(four).as("4-channel block against 6-channel block").containsExactly(six);
    }
}
