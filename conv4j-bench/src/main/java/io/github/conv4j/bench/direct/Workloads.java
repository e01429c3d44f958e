package io.github.conv4j.bench.direct;

import io.github.conv4j.kernel.depthwise.DepthwiseConv;
import io.github.conv4j.kernel.pool.FastPool;
import io.github.conv4j.kernel.separable.RankOne;
import io.github.conv4j.kernel.separable.SeparableConv;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.spec.PoolGeometry;
import java.util.Map;
import java.util.SplittableRandom;

/** The workloads of {@link DirectReport} beyond the plain image filters; the JMH classes use the same builders. */
final class Workloads {
    static final int[] POOL_SHAPE = {8, 64, 112, 112};

    private Workloads() {}

    /** The 5×5 binomial Gaussian, {@code [1 4 6 4 1]/16} each way, OpenCV's GaussianBlur 5×5 (sigma 0 → 1.1). */
    static float[] gaussian5x5() {
        float[] g1 = {1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f};
        float[] w = new float[25];
        for (int p = 0; p < 5; p++) {
            for (int q = 0; q < 5; q++) {
                w[p * 5 + q] = g1[p] * g1[q];
            }
        }
        return w;
    }

    /** 1080×1920 RGB, 3 channels × 3×3 depthwise, same padding, with bias. */
    static ConvGeometry rgbDepthwise() {
        return new ConvGeometry(1, 3, 1080, 1920, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1080, 1920);
    }

    static PoolGeometry maxPool3s2() {
        return PoolGeometry.of(
                "maxPool2d", POOL_SHAPE, Pool2dOptions.of(3).stride(2).padding(1), true);
    }

    static PoolGeometry avgPool2() {
        return PoolGeometry.of("avgPool2d", POOL_SHAPE, Pool2dOptions.of(2).stride(2), false);
    }

    static void addOthers(Map<String, Runnable> work, SplittableRandom r, float[] image, float[] out) {
        ConvGeometry g5 = Geometries.sameImage(2160, 3840, 5, 5);
        float[][] f = RankOne.factor(gaussian5x5(), 0, 5, 5);
        work.put("gray 2160x3840 gauss5x5 separable", () -> SeparableConv.forward(g5, image, f[0], f[1], null, out));

        ConvGeometry dw = rgbDepthwise();
        float[] rgb = DirectReport.fill(r, 3 * 1080 * 1920);
        float[] w = DirectReport.fill(r, 27);
        float[] b = DirectReport.fill(r, 3);
        float[] rgbOut = new float[rgb.length];
        work.put("rgb 1080x1920 depthwise 3x3", () -> DepthwiseConv.forward(dw, rgb, w, b, rgbOut));

        PoolGeometry mp = maxPool3s2();
        PoolGeometry ap = avgPool2();
        float[] act = DirectReport.fill(r, 8 * 64 * 112 * 112);
        float[] pooled = new float[8 * 64 * 56 * 56];
        int[] idx = new int[pooled.length];
        work.put("maxpool 3x3 s2 p1 8x64x112x112", () -> FastPool.maxPool(mp, act, pooled, null));
        work.put("maxpool 3x3 s2 p1 +indices", () -> FastPool.maxPool(mp, act, pooled, idx));
        work.put("avgpool 2x2 s2 8x64x112x112", () -> FastPool.avgPool(ap, act, pooled));
    }
}
