package io.github.conv4j.bench.direct;

import io.github.conv4j.kernel.depthwise.DepthwiseConv;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.pool.FastPool;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.PoolGeometry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1080×1920 RGB depthwise 3×3, and pooling on 8×64×112×112 (torch 1.13 NCHW at 1 thread: max 3×3 s2 54 ms, avg
 * 2×2 27 ms; bandwidth bound 1.6 ms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class DepthwisePoolBench {
    /** Threads given to {@code Parallel} (1 for the single-thread anchors). */
    @Param({"1"})
    public int threads;

    private ConvGeometry dw;
    private float[] rgb;
    private float[] w;
    private float[] b;
    private float[] rgbOut;
    private PoolGeometry maxPool;
    private PoolGeometry avgPool;
    private float[] act;
    private float[] pooled;
    private int[] indices;

    /** Builds inputs and reused outputs. */
    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        SplittableRandom r = new SplittableRandom(3);
        dw = Workloads.rgbDepthwise();
        rgb = DirectReport.fill(r, 3 * 1080 * 1920);
        w = DirectReport.fill(r, 27);
        b = DirectReport.fill(r, 3);
        rgbOut = new float[rgb.length];
        maxPool = Workloads.maxPool3s2();
        avgPool = Workloads.avgPool2();
        act = DirectReport.fill(r, 8 * 64 * 112 * 112);
        pooled = new float[8 * 64 * 56 * 56];
        indices = new int[pooled.length];
    }

    /** @return the output */
    @Benchmark
    public float[] depthwiseRgb3x3() {
        DepthwiseConv.forward(dw, rgb, w, b, rgbOut);
        return rgbOut;
    }

    /** @return the output */
    @Benchmark
    public float[] maxPool3x3s2() {
        FastPool.maxPool(maxPool, act, pooled, null);
        return pooled;
    }

    /** @return the indices */
    @Benchmark
    public int[] maxPool3x3s2Indices() {
        FastPool.maxPool(maxPool, act, pooled, indices);
        return indices;
    }

    /** @return the output */
    @Benchmark
    public float[] avgPool2x2() {
        FastPool.avgPool(avgPool, act, pooled);
        return pooled;
    }
}
