package io.github.conv4j.bench.direct;

import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.parallel.Parallel;
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

/**
 * One 2160×3840 float32 gray image through the direct plane kernel, zero "same" padding, output reused (as OpenCV's
 * anchors: {@code filter2D} 3×3 6.7 ms, 5×5 11.5 ms at 1 thread). {@code sobel} is the 3×3 x-derivative.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class ImageFilterBench {
    static final int H = 2160;
    static final int W = 3840;

    @Param({"3x3", "5x5", "7x7", "1x2", "sobel"})
    public String kernel;

    /** Threads given to {@code Parallel} (1 for the single-thread anchors). */
    @Param({"1"})
    public int threads;

    private ConvGeometry g;
    private float[] x;
    private float[] w;
    private float[] y;

    /** Builds the image, the kernel and the reused output. */
    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        int kh;
        int kw;
        SplittableRandom r = new SplittableRandom(1);
        switch (kernel) {
            case "1x2" -> {
                kh = 1;
                kw = 2;
                w = new float[] {1, -1};
            }
            case "sobel" -> {
                kh = 3;
                kw = 3;
                w = new float[] {-1, 0, 1, -2, 0, 2, -1, 0, 1};
            }
            default -> {
                kh = kernel.charAt(0) - '0';
                kw = kh;
                w = new float[kh * kw];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) r.nextDouble();
                }
            }
        }
        g = Geometries.sameImage(H, W, kh, kw);
        x = new float[H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        y = new float[g.outH() * g.outW()];
    }

    /** @return the output, so the work is not dead */
    @Benchmark
    public float[] direct() {
        DirectPlaneConv.forward(g, x, w, null, y);
        return y;
    }
}
