package io.github.conv4j.kernel.fft;

import io.github.conv4j.spec.ConvGeometry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times {@link FftConv2d} on the anchor problem, 1×1×512×512 ⊛ 31×31 valid (SciPy oaconvolve 4.1 ms, fftconvolve
 * 7.2 ms at one thread): warm-up, then the median of 15 samples, each the mean of enough calls to last ~50 ms; the
 * thread-CPU median is printed too, since a preempted thread accrues none (the machine is shared). A
 * main, not a test, so that the build never depends on the machine's load. Run from {@code conv4j-core} after
 * {@code mvn -o test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.github.conv4j.kernel.fft.FftConvBench [H W K]
 * </pre>
 */
public final class FftConvBench {
    private FftConvBench() {}

    /**
     * @param args optional {@code H W K}: image height, width and square kernel size (default 512 512 31)
     */
    public static void main(String[] args) {
        int h = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int w = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 31;
        ConvGeometry g = new ConvGeometry(1, 1, h, w, 1, k, k, 1, 1, 0, 0, 0, 0, 1, 1, 1, h - k + 1, w - k + 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[h * w];
        float[] kernel = new float[k * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) r.nextGaussian();
        }
        float[] y = new float[g.outH() * g.outW()];
        FftWorkspace ws = new FftWorkspace();
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        int calls = 0;
        while (System.nanoTime() < warmEnd) {
            FftConv2d.forward(g, x, kernel, null, y, ws);
            calls++;
        }
        long t0 = System.nanoTime();
        FftConv2d.forward(g, x, kernel, null, y, ws);
        double oneMs = (System.nanoTime() - t0) / 1e6;
        int reps = Math.max(1, (int) (50 / Math.max(oneMs, 1e-3)));
        double[] samples = new double[15];
        double[] cpu = new double[15];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int s = 0; s < samples.length; s++) {
            long start = System.nanoTime();
            long cpuStart = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                FftConv2d.forward(g, x, kernel, null, y, ws);
            }
            cpu[s] = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6 / reps;
            samples[s] = (System.nanoTime() - start) / 1e6 / reps;
        }
        Arrays.sort(samples);
        Arrays.sort(cpu);
        FftTiling t = FftTiling.choose(g);
        System.out.printf(
                "%s java %s: tiling %dx%d FFT, %dx%d tiles; wall median %.3f ms (min %.3f, max %.3f),"
                        + " thread-CPU median %.3f ms (15 samples x %d calls, %d warm-up calls)%n",
                g.descriptor(),
                System.getProperty("java.version"),
                t.nh(),
                t.nw(),
                t.tilesH(),
                t.tilesW(),
                samples[7],
                samples[0],
                samples[14],
                cpu[7],
                reps,
                calls);
    }
}
