package io.github.conv4j.bench.direct;

import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.separable.RankOne;
import io.github.conv4j.kernel.separable.SeparableConv;
import io.github.conv4j.spec.ConvGeometry;
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

/** 5×5 Gaussian on a 2160×3840 float image: separable against direct (OpenCV GaussianBlur float32: 8.4 ms). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class SeparableBench {
    /** Threads given to {@code Parallel} (1 for the single-thread anchors). */
    @Param({"1"})
    public int threads;

    private ConvGeometry g;
    private float[] x;
    private float[] w;
    private float[] col;
    private float[] row;
    private float[] y;

    /** Builds the image, the factored kernel and the reused output. */
    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        g = Geometries.sameImage(2160, 3840, 5, 5);
        x = DirectReport.fill(new SplittableRandom(2), 2160 * 3840);
        w = Workloads.gaussian5x5();
        float[][] f = RankOne.factor(w, 0, 5, 5);
        col = f[0];
        row = f[1];
        y = new float[x.length];
    }

    /** @return the output */
    @Benchmark
    public float[] separable() {
        SeparableConv.forward(g, x, col, row, null, y);
        return y;
    }

    /** @return the output */
    @Benchmark
    public float[] direct() {
        DirectPlaneConv.forward(g, x, w, null, y);
        return y;
    }
}
