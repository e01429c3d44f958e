package io.github.conv4j.kernel.pool;

import static io.github.conv4j.kernel.KernelTestSupport.abs;
import static io.github.conv4j.kernel.KernelTestSupport.assertClose;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static io.github.conv4j.kernel.KernelTestSupport.toDouble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.reference.ReferencePool;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.spec.PoolGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pooling against the reference. Max with indices must match exactly (values and indices, NaN rule, first-max ties);
 * max without indices must match in value (zero sign aside); averages are float sums of at most {@code kH·kW} terms
 * then one division: {@code K = kH·kW + 2}.
 */
class FastPoolTest {

    record Case(long seed, int[] shape, Pool2dOptions options, PoolGeometry max, PoolGeometry avg, boolean special) {
        @Override
        public String toString() {
            return "seed " + seed + " " + java.util.Arrays.toString(shape) + " " + options;
        }
    }

    static Stream<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (long seed = 0; seed < 300; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 31 + 5);
            int kh = 1 + r.nextInt(r.nextInt(6) == 0 ? 7 : 3);
            int kw = 1 + r.nextInt(r.nextInt(6) == 0 ? 7 : 3);
            int sh = 1 + r.nextInt(3);
            int sw = 1 + r.nextInt(3);
            int ph = r.nextInt(kh / 2 + 1);
            int pw = r.nextInt(kw / 2 + 1);
            int dh = r.nextInt(4) == 0 ? 2 : 1;
            int dw = r.nextInt(4) == 0 ? 2 : 1;
            int h = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(25);
            int w = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(40);
            int[] shape = {1 + r.nextInt(2), 1 + r.nextInt(3), h, w};
            Pool2dOptions o = Pool2dOptions.of(kh, kw)
                    .stride(new io.github.conv4j.spec.IntPair(sh, sw))
                    .padding(new io.github.conv4j.spec.IntPair(ph, pw))
                    .ceilMode(r.nextBoolean())
                    .countIncludePad(r.nextBoolean())
                    .divisorOverride(r.nextInt(6) == 0 ? 1 + r.nextInt(5) : 0);
            PoolGeometry avg;
            PoolGeometry max;
            try {
                avg = PoolGeometry.of("avgPool2d", shape, o, false);
                max = PoolGeometry.of("maxPool2d", shape, o.dilation(new io.github.conv4j.spec.IntPair(dh, dw)), true);
            } catch (IllegalArgumentException e) {
                continue;
            }
            list.add(new Case(seed, shape, o, max, avg, r.nextInt(4) == 0));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void maxPoolMatchesReference(Case c) {
        PoolGeometry g = c.max();
        SplittableRandom r = new SplittableRandom(c.seed());
        float[] x = random(r, g.planes() * g.inH() * g.inW(), c.special());
        if (r.nextBoolean()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.round(x[i] * 2) / 2f; // many ties, incl. -0.0 and 0.0
            }
        }
        int size = g.planes() * g.outH() * g.outW();
        double[] ref = new double[size];
        int[] refIdx = new int[size];
        ReferencePool.maxPool(g, toDouble(x), ref, refIdx);
        float[] y = new float[size];
        int[] idx = new int[size];
        for (boolean vector : new boolean[] {true, false}) {
            FastPool.maxPool(g, x, y, idx, vector);
            for (int i = 0; i < size; i++) {
                assertThat(Double.compare(y[i], ref[i]))
                        .as("exact value at %d", i)
                        .isZero();
            }
            assertThat(idx).as("indices, vector=%s", vector).isEqualTo(refIdx);
        }

        float[] yv = new float[size];
        float[] ys = new float[size];
        FastPool.maxPool(g, x, yv, null, true);
        FastPool.maxPool(g, x, ys, null, false);
        assertThat(yv).isEqualTo(ys);
        for (int i = 0; i < size; i++) {
            boolean same = Double.isNaN(ref[i]) ? Float.isNaN(yv[i]) : yv[i] == ref[i];
            assertThat(same).as("value at %d: %s vs %s", i, yv[i], ref[i]).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void avgPoolMatchesReference(Case c) {
        PoolGeometry g = c.avg();
        SplittableRandom r = new SplittableRandom(c.seed() + 1);
        float[] x = random(r, g.planes() * g.inH() * g.inW(), c.special());
        int size = g.planes() * g.outH() * g.outW();
        double[] ref = new double[size];
        double[] mag = new double[size];
        double[] xd = toDouble(x);
        ReferencePool.avgPool(g, xd, ref);
        ReferencePool.avgPool(g, abs(xd), mag);
        float[] yv = new float[size];
        float[] ys = new float[size];
        FastPool.avgPool(g, x, yv, true);
        FastPool.avgPool(g, x, ys, false);
        assertClose(yv, ref, mag, g.kh() * g.kw() + 2, "avg " + c);
        assertThat(yv).isEqualTo(ys);
    }

    @Test
    void commonImageNetShapes() {
        SplittableRandom r = new SplittableRandom(3);
        int[] shape = {2, 3, 57, 61};
        float[] x = random(r, 2 * 3 * 57 * 61, false);
        for (Pool2dOptions o : new Pool2dOptions[] {
            Pool2dOptions.of(3).stride(2).padding(1),
            Pool2dOptions.of(2).stride(2),
            Pool2dOptions.of(3).stride(1)
        }) {
            PoolGeometry g = PoolGeometry.of("maxPool2d", shape, o, true);
            int size = g.planes() * g.outH() * g.outW();
            double[] ref = new double[size];
            ReferencePool.maxPool(g, toDouble(x), ref, new int[size]);
            float[] y = new float[size];
            FastPool.maxPool(g, x, y, null);
            assertThat(toDouble(y)).isEqualTo(ref);
        }
    }

    @Test
    void rejectsShortArrays() {
        PoolGeometry g = PoolGeometry.of(
                "maxPool2d", new int[] {1, 1, 4, 4}, Pool2dOptions.of(2).stride(2), true);
        assertThat(FastPool.supports(g)).isTrue();
        assertThatThrownBy(() -> FastPool.maxPool(g, new float[16], new float[3], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y has 3");
    }
}
