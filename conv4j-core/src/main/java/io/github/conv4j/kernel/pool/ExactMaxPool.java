package io.github.conv4j.kernel.pool;

import io.github.conv4j.spec.PoolGeometry;

/**
 * Max pooling with argmax indices, element by element in the reference's order: the last NaN of a window wins,
 * otherwise the first strictly greater value, so ties (and {@code ±0}) keep the first in row-major window order.
 */
final class ExactMaxPool {
    private ExactMaxPool() {}

    /** Output rows {@code [i0, i1)} of plane {@code pl}. */
    static void run(PoolGeometry g, float[] x, float[] y, int[] indices, int pl, int i0, int i1) {
        int inH = g.inH();
        int inW = g.inW();
        int outH = g.outH();
        int outW = g.outW();
        int xBase = pl * inH * inW;
        for (int i = i0; i < i1; i++) {
            int h0 = i * g.sh() - g.ph();
            for (int j = 0; j < outW; j++) {
                int w0 = j * g.sw() - g.pw();
                float best = Float.NEGATIVE_INFINITY;
                int arg = -1;
                for (int p = 0; p < g.kh(); p++) {
                    int ih = h0 + p * g.dh();
                    if (ih < 0 || ih >= inH) {
                        continue;
                    }
                    for (int q = 0; q < g.kw(); q++) {
                        int iw = w0 + q * g.dw();
                        if (iw < 0 || iw >= inW) {
                            continue;
                        }
                        float v = x[xBase + ih * inW + iw];
                        if (v > best || Float.isNaN(v) || arg < 0) {
                            best = v;
                            arg = ih * inW + iw;
                        }
                    }
                }
                int o = (pl * outH + i) * outW + j;
                y[o] = best;
                indices[o] = arg;
            }
        }
    }
}
