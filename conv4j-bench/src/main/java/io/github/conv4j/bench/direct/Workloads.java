package io.github.conv4j.bench.direct;

import java.util.Map;
import java.util.SplittableRandom;

/** The non-image-filter workloads of {@link DirectReport}; grows with the kernels. */
final class Workloads {
    private Workloads() {}

    static void addOthers(Map<String, Runnable> work, SplittableRandom r, float[] image, float[] out) {}
}
