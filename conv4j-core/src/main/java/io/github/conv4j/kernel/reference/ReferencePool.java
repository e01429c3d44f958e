package io.github.conv4j.kernel.reference;

import io.github.conv4j.spec.PoolGeometry;

/**
 * Max and average pooling (fixed and adaptive windows) and their input gradients, as plain loops. Indices are flat
 * positions {@code h·W + w} within each input plane, as PyTorch returns them.
 */
public final class ReferencePool {
    private ReferencePool() {}

    /**
     * Max pooling; padding never wins (it is −∞). A window containing NaN yields NaN (the last NaN's index), ties
     * keep the first maximum, as in PyTorch.
     *
     * @param g the geometry
     * @param x the input, {@code planes × inH × inW}
     * @param y the output, overwritten
     * @param indices the argmax of every output, overwritten
     */
    public static void maxPool(PoolGeometry g, double[] x, double[] y, int[] indices) {
        for (int pl = 0; pl < g.planes(); pl++) {
            int xBase = pl * g.inH() * g.inW();
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int p = 0; p < g.kh(); p++) {
                        int ih = i * g.sh() - g.ph() + p * g.dh();
                        if (ih < 0 || ih >= g.inH()) {
                            continue;
                        }
                        for (int q = 0; q < g.kw(); q++) {
                            int iw = j * g.sw() - g.pw() + q * g.dw();
                            if (iw < 0 || iw >= g.inW()) {
                                continue;
                            }
                            double v = x[xBase + ih * g.inW() + iw];
                            if (v > best || Double.isNaN(v) || arg < 0) {
                                best = v;
                                arg = ih * g.inW() + iw;
                            }
                        }
                    }
                    int o = (pl * g.outH() + i) * g.outW() + j;
                    y[o] = best;
                    indices[o] = arg;
                }
            }
        }
    }

    /**
     * The input gradient of max pooling: each output gradient goes to its argmax.
     *
     * @param g the geometry
     * @param indices the argmaxes from {@link #maxPool}
     * @param gy the output gradient
     * @param gx the input gradient, overwritten
     */
    public static void maxPoolBackward(PoolGeometry g, int[] indices, double[] gy, double[] gx) {
        java.util.Arrays.fill(gx, 0);
        int plane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        for (int pl = 0; pl < g.planes(); pl++) {
            for (int k = 0; k < outPlane; k++) {
                int idx = indices[pl * outPlane + k];
                if (idx >= 0) {
                    gx[pl * plane + idx] += gy[pl * outPlane + k];
                }
            }
        }
    }

    /**
     * The divisor of one average-pooling window, PyTorch's rule: the window clipped to the padded input
     * ({@code countIncludePad}) or to the input, unless overridden.
     */
    static int divisor(PoolGeometry g, int i, int j) {
        if (g.divisorOverride() != 0) {
            return g.divisorOverride();
        }
        int h0 = i * g.sh() - g.ph();
        int w0 = j * g.sw() - g.pw();
        int h1 = Math.min(h0 + g.kh(), g.inH() + g.ph());
        int w1 = Math.min(w0 + g.kw(), g.inW() + g.pw());
        if (g.countIncludePad()) {
            return (h1 - h0) * (w1 - w0);
        }
        return (Math.min(h1, g.inH()) - Math.max(h0, 0)) * (Math.min(w1, g.inW()) - Math.max(w0, 0));
    }

    /**
     * Average pooling.
     *
     * @param g the geometry
     * @param x the input
     * @param y the output, overwritten
     */
    public static void avgPool(PoolGeometry g, double[] x, double[] y) {
        for (int pl = 0; pl < g.planes(); pl++) {
            int xBase = pl * g.inH() * g.inW();
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    int h0 = i * g.sh() - g.ph();
                    int w0 = j * g.sw() - g.pw();
                    double acc = 0;
                    for (int ih = Math.max(h0, 0); ih < Math.min(h0 + g.kh(), g.inH()); ih++) {
                        for (int iw = Math.max(w0, 0); iw < Math.min(w0 + g.kw(), g.inW()); iw++) {
                            acc += x[xBase + ih * g.inW() + iw];
                        }
                    }
                    y[(pl * g.outH() + i) * g.outW() + j] = acc / divisor(g, i, j);
                }
            }
        }
    }

    /**
     * The input gradient of average pooling.
     *
     * @param g the geometry
     * @param gy the output gradient
     * @param gx the input gradient, overwritten
     */
    public static void avgPoolBackward(PoolGeometry g, double[] gy, double[] gx) {
        java.util.Arrays.fill(gx, 0);
        for (int pl = 0; pl < g.planes(); pl++) {
            int xBase = pl * g.inH() * g.inW();
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    int h0 = i * g.sh() - g.ph();
                    int w0 = j * g.sw() - g.pw();
                    double v = gy[(pl * g.outH() + i) * g.outW() + j] / divisor(g, i, j);
                    for (int ih = Math.max(h0, 0); ih < Math.min(h0 + g.kh(), g.inH()); ih++) {
                        for (int iw = Math.max(w0, 0); iw < Math.min(w0 + g.kw(), g.inW()); iw++) {
                            gx[xBase + ih * g.inW() + iw] += v;
                        }
                    }
                }
            }
        }
    }

    /** Start of adaptive window {@code i}: {@code floor(i·in/out)}. */
    public static int adaptiveStart(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    /** End (exclusive) of adaptive window {@code i}: {@code ceil((i+1)·in/out)}. */
    public static int adaptiveEnd(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    /**
     * Adaptive average pooling to {@code outH × outW}.
     *
     * @param planes number of planes
     * @param inH input height
     * @param inW input width
     * @param outH output height
     * @param outW output width
     * @param x the input
     * @param y the output, overwritten
     */
    public static void adaptiveAvgPool(int planes, int inH, int inW, int outH, int outW, double[] x, double[] y) {
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < outH; i++) {
                int h0 = adaptiveStart(i, inH, outH);
                int h1 = adaptiveEnd(i, inH, outH);
                for (int j = 0; j < outW; j++) {
                    int w0 = adaptiveStart(j, inW, outW);
                    int w1 = adaptiveEnd(j, inW, outW);
                    double acc = 0;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            acc += x[(pl * inH + ih) * inW + iw];
                        }
                    }
                    y[(pl * outH + i) * outW + j] = acc / ((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    /**
     * The input gradient of adaptive average pooling.
     *
     * @param planes number of planes
     * @param inH input height
     * @param inW input width
     * @param outH output height
     * @param outW output width
     * @param gy the output gradient
     * @param gx the input gradient, overwritten
     */
    public static void adaptiveAvgPoolBackward(
            int planes, int inH, int inW, int outH, int outW, double[] gy, double[] gx) {
        java.util.Arrays.fill(gx, 0);
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < outH; i++) {
                int h0 = adaptiveStart(i, inH, outH);
                int h1 = adaptiveEnd(i, inH, outH);
                for (int j = 0; j < outW; j++) {
                    int w0 = adaptiveStart(j, inW, outW);
                    int w1 = adaptiveEnd(j, inW, outW);
                    double v = gy[(pl * outH + i) * outW + j] / ((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            gx[(pl * inH + ih) * inW + iw] += v;
                        }
                    }
                }
            }
        }
    }

    /**
     * Adaptive max pooling to {@code outH × outW}; NaN and tie rules as {@link #maxPool}.
     *
     * @param planes number of planes
     * @param inH input height
     * @param inW input width
     * @param outH output height
     * @param outW output width
     * @param x the input
     * @param y the output, overwritten
     * @param indices the argmaxes, overwritten
     */
    public static void adaptiveMaxPool(
            int planes, int inH, int inW, int outH, int outW, double[] x, double[] y, int[] indices) {
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < outH; i++) {
                int h0 = adaptiveStart(i, inH, outH);
                int h1 = adaptiveEnd(i, inH, outH);
                for (int j = 0; j < outW; j++) {
                    int w0 = adaptiveStart(j, inW, outW);
                    int w1 = adaptiveEnd(j, inW, outW);
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            double v = x[(pl * inH + ih) * inW + iw];
                            if (v > best || Double.isNaN(v) || arg < 0) {
                                best = v;
                                arg = ih * inW + iw;
                            }
                        }
                    }
                    y[(pl * outH + i) * outW + j] = best;
                    indices[(pl * outH + i) * outW + j] = arg;
                }
            }
        }
    }
}
