package io.github.conv4j.bench.direct;

import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A quick table of the DIRECT-NOTES workloads (wall median, thread-CPU median, best wall, in ms) for a noisy shared
 * machine, where JMH's wall-clock scores swing with other processes. Run:
 * {@code java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar
 * io.github.conv4j.bench.direct.DirectReport [samples [threads]]}.
 */
public final class DirectReport {
    private DirectReport() {}

    /**
     * Prints one line per workload.
     *
     * @param args optional sample count (default 21) and thread count (default 1)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        Parallel.setThreads(args.length > 1 ? Integer.parseInt(args[1]) : 1);
        Map<String, Runnable> work = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(1);
        float[] image = fill(r, 2160 * 3840);
        float[] out = new float[2160 * 3840];
        for (String k : new String[] {"3x3", "5x5", "7x7", "1x2", "sobel"}) {
            int kh = k.equals("1x2") ? 1 : k.equals("sobel") ? 3 : k.charAt(0) - '0';
            int kw = k.equals("1x2") ? 2 : kh;
            ConvGeometry g = Geometries.sameImage(2160, 3840, kh, kw);
            float[] w = fill(r, kh * kw);
            work.put("gray 2160x3840 " + k, () -> DirectPlaneConv.forward(g, image, w, null, out));
        }
        Workloads.addOthers(work, r, image, out);
        System.out.printf("threads: %d%n", Parallel.threads());
        System.out.printf("%-40s %10s %10s %10s%n", "workload", "wall-med", "cpu-med", "wall-best");
        for (Map.Entry<String, Runnable> e : work.entrySet()) {
            double[] t = CpuTimer.time(e.getValue(), 5, samples);
            System.out.printf("%-40s %10.2f %10.2f %10.2f%n", e.getKey(), t[0], t[1], t[2]);
        }
    }

    static float[] fill(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }
}
