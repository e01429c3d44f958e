package io.github.conv4j.cli.bench;

import java.util.Arrays;

/**
 * A small timing harness: warm-up until the JIT has settled, then a fixed number of samples, each the wall time of
 * one call. Medians are reported because these machines are shared and noisy.
 *
 * @param samplesMs every sample in milliseconds, sorted
 */
public record Timing(double[] samplesMs) {
    /**
     * Times a call.
     *
     * @param call the operation
     * @param warmupMs how long to warm up (at least two calls)
     * @param samples how many timed calls
     * @return the samples
     */
    public static Timing measure(Runnable call, long warmupMs, int samples) {
        long end = System.nanoTime() + warmupMs * 1_000_000;
        int calls = 0;
        while (calls < 2 || System.nanoTime() < end) {
            call.run();
            calls++;
        }
        double[] t = new double[samples];
        for (int i = 0; i < samples; i++) {
            long s = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return new Timing(t);
    }

    /** @return the median sample in milliseconds */
    public double medianMs() {
        int n = samplesMs.length;
        return n % 2 == 1 ? samplesMs[n / 2] : (samplesMs[n / 2 - 1] + samplesMs[n / 2]) / 2;
    }

    /** @return the fastest sample in milliseconds */
    public double minMs() {
        return samplesMs[0];
    }
}
