package io.github.conv4j.bench.direct;

import io.github.conv4j.spec.ConvGeometry;

/** Geometries of the benchmark workloads, built directly so that every padding is explicit. */
final class Geometries {
    private Geometries() {}

    /** A single-channel image, output the size of the input (pad (k−1)/2 before, the rest after). */
    static ConvGeometry sameImage(int h, int w, int kh, int kw) {
        int pt = (kh - 1) / 2;
        int pl = (kw - 1) / 2;
        return new ConvGeometry(1, 1, h, w, 1, kh, kw, 1, 1, pt, kh - 1 - pt, pl, kw - 1 - pl, 1, 1, 1, h, w);
    }
}
