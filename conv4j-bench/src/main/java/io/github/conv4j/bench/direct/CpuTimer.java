package io.github.conv4j.bench.direct;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Times a workload by wall clock and by the calling thread's CPU time. On a shared machine a preempted thread
 * accrues no CPU time, so the CPU-time median estimates the undisturbed time when the wall clock cannot
 * (the method of the anchors' "†" entries).
 */
final class CpuTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimer() {}

    /** Runs {@code body} for warm-up, then {@code samples} timed calls; returns {wall median, cpu median, wall min} in ms. */
    static double[] time(Runnable body, int warmup, int samples) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] wall = new double[samples];
        double[] cpu = new double[samples];
        for (int i = 0; i < samples; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            body.run();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[samples / 2], cpu[samples / 2], wall[0]};
    }
}
