package io.github.conv4j.kernel.depthwise;

import static io.github.conv4j.kernel.KernelTestSupport.assertMatchesReference;
import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvGeometry;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Depthwise against the reference; bound {@code K = kH·kW + 2} as for the plane kernel it runs on. */
class DepthwiseConvTest {

    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesReference(long seed) {
        SplittableRandom r = new SplittableRandom(seed + 1000);
        int c = 1 + r.nextInt(6);
        int mult = 1 + r.nextInt(3);
        int k = new int[] {1, 3, 3, 5, 7, 2}[r.nextInt(6)];
        int s = 1 + r.nextInt(2);
        int d = r.nextInt(4) == 0 ? 2 : 1;
        int h = d * (k - 1) + 1 + r.nextInt(20);
        int w = d * (k - 1) + 1 + r.nextInt(40);
        int p = r.nextInt(k);
        ConvGeometry g = geometry(1 + r.nextInt(2), c, h, w, c * mult, c, k, k, s, s, p, p, p, r.nextInt(k), d, d);
        float[] x = random(r, g.n() * c * h * w, r.nextInt(5) == 0);
        float[] wt = random(r, g.outC() * k * k, false);
        float[] b = random(r, g.outC(), false);
        float[] y = new float[g.n() * g.outC() * g.outH() * g.outW()];
        assertThat(DepthwiseConv.supports(g)).isTrue();
        DepthwiseConv.forward(g, x, wt, b, y);
        assertMatchesReference(g, x, wt, b, y, k * k + 2, "depthwise");
    }

    @Test
    void mobileNetShapeThroughPublicGeometry() {
        ConvGeometry g = ConvGeometry.forConv2d(
                new int[] {1, 16, 28, 28},
                new int[] {16, 1, 3, 3},
                Conv2dOptions.defaults().padding(1).stride(2).groups(16));
        SplittableRandom r = new SplittableRandom(9);
        float[] x = random(r, 16 * 28 * 28, false);
        float[] w = random(r, 16 * 9, false);
        float[] y = new float[16 * 14 * 14];
        DepthwiseConv.forward(g, x, w, null, y);
        assertMatchesReference(g, x, w, null, y, 11, "mobilenet");
    }

    @Test
    void rejectsNonDepthwise() {
        ConvGeometry g = geometry(1, 4, 5, 5, 4, 2, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1);
        assertThat(DepthwiseConv.supports(g)).isFalse();
        assertThatThrownBy(() -> DepthwiseConv.forward(g, new float[100], new float[72], null, new float[36]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups == C_in");
    }
}
