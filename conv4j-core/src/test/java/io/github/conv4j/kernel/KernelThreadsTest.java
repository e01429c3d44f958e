package io.github.conv4j.kernel;

import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.kernel.depthwise.DepthwiseConv;
import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.pool.FastPool;
import io.github.conv4j.kernel.separable.SeparableConv;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.spec.PoolGeometry;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The direct-family kernels give the same bits on 1, 2 and 3 threads (row blocks are computed the same anywhere). */
class KernelThreadsTest {
    private final int threads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threads);
    }

    private static <T> void sameOnAnyThreadCount(Supplier<T> run) {
        Parallel.setThreads(1);
        T one = run.get();
        for (int t : new int[] {2, 3}) {
            Parallel.setThreads(t);
            assertThat(run.get()).as("%d threads", t).isEqualTo(one);
        }
    }

    @Test
    void convolutionKernels() {
        SplittableRandom r = new SplittableRandom(5);
        ConvGeometry big = geometry(1, 1, 301, 257, 1, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1);
        float[] x = random(r, 301 * 257, false);
        float[] w = random(r, 25, false);
        float[] col = random(r, 5, false);
        float[] row = random(r, 5, false);
        sameOnAnyThreadCount(() -> {
            float[] y = new float[big.outH() * big.outW()];
            DirectPlaneConv.forward(big, x, w, null, y);
            return y;
        });
        sameOnAnyThreadCount(() -> {
            float[] y = new float[big.outH() * big.outW()];
            SeparableConv.forward(big, x, col, row, null, y);
            return y;
        });
        ConvGeometry dw = geometry(2, 16, 30, 30, 32, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        float[] xd = random(r, 2 * 16 * 900, false);
        float[] wd = random(r, 32 * 9, false);
        sameOnAnyThreadCount(() -> {
            float[] y = new float[2 * 32 * dw.outH() * dw.outW()];
            DepthwiseConv.forward(dw, xd, wd, null, y);
            return y;
        });
    }

    /**
     * 1×1 convolutions give whole samples to threads, one-sample problems split their output channels, others share
     * each GEMM: the same bits on any thread count.
     */
    @Test
    void im2colKernels() {
        SplittableRandom r = new SplittableRandom(7);
        for (ConvGeometry g : new ConvGeometry[] {
            geometry(5, 24, 17, 19, 36, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1),
            geometry(3, 8, 21, 18, 16, 1, 3, 3, 2, 1, 1, 0, 2, 1, 1, 2),
            // One sample: output channels split between threads, each building its own column matrix.
            geometry(1, 20, 13, 15, 100, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1),
            geometry(1, 24, 9, 11, 97, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1)
        }) {
            float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), false);
            float[] w = random(r, g.outC() * g.inCPerGroup() * g.kh() * g.kw(), false);
            float[] b = random(r, g.outC(), false);
            float[] one = new float[g.n() * g.outC() * g.outH() * g.outW()];
            sameOnAnyThreadCount(() -> {
                float[] y = new float[one.length];
                io.github.conv4j.kernel.im2col.Im2colConv.forward(g, x, w, b, y);
                return y;
            });
            Parallel.setThreads(2);
            io.github.conv4j.kernel.im2col.Im2colConv.forward(g, x, w, b, one);
            KernelTestSupport.assertMatchesReference(g, x, w, b, one, g.inCPerGroup() * g.kh() * g.kw(), "im2col");
        }
    }

    @Test
    void pooling() {
        SplittableRandom r = new SplittableRandom(6);
        int[] shape = {2, 8, 64, 64};
        float[] x = random(r, 2 * 8 * 64 * 64, true);
        PoolGeometry mp = PoolGeometry.of(
                "maxPool2d", shape, Pool2dOptions.of(3).stride(2).padding(1), true);
        PoolGeometry ap =
                PoolGeometry.of("avgPool2d", shape, Pool2dOptions.of(2).stride(2), false);
        int size = 2 * 8 * 32 * 32;
        sameOnAnyThreadCount(() -> {
            float[] y = new float[size];
            FastPool.maxPool(mp, x, y, null);
            return y;
        });
        sameOnAnyThreadCount(() -> {
            int[] idx = new int[size];
            FastPool.maxPool(mp, x, new float[size], idx);
            return idx;
        });
        sameOnAnyThreadCount(() -> {
            float[] y = new float[size];
            FastPool.avgPool(ap, x, y);
            return y;
        });
    }
}
