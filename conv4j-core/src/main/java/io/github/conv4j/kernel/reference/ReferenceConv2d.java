package io.github.conv4j.kernel.reference;

import io.github.conv4j.spec.ConvGeometry;

/**
 * Direct 2-D cross-correlation with zero padding, its adjoint (the transposed convolution) and its weight gradient,
 * as plain loops accumulating in double. Arrays are row-major: {@code x} is {@code (N, C_in, H, W)}, {@code w} is
 * {@code (C_out, C_in/G, kH, kW)}, {@code y} is {@code (N, C_out, H_out, W_out)}.
 */
public final class ReferenceConv2d {
    private ReferenceConv2d() {}

    /**
     * {@code y[n,o,i,j] = b[o] + Σ_{c,p,q} x[n, g·C_in/G + c, i·sh + p·dh − padTop, j·sw + q·dw − padLeft]·w[o,c,p,q]},
     * out-of-range input positions reading zero.
     *
     * @param g the geometry
     * @param x the input
     * @param w the weight
     * @param b the bias (length C_out) or {@code null}
     * @param y the output, overwritten
     */
    public static void forward(ConvGeometry g, double[] x, double[] w, double[] b, double[] y) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int planeIn = g.inH() * g.inW();
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.outC(); o++) {
                int cBase = (o / opg) * cpg;
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        double acc = b == null ? 0 : b[o];
                        for (int c = 0; c < cpg; c++) {
                            int xBase = (n * g.inC() + cBase + c) * planeIn;
                            int wBase = (o * cpg + c) * g.kh() * g.kw();
                            for (int p = 0; p < g.kh(); p++) {
                                int ih = i * g.sh() + p * g.dh() - g.padTop();
                                if (ih < 0 || ih >= g.inH()) {
                                    continue;
                                }
                                for (int q = 0; q < g.kw(); q++) {
                                    int iw = j * g.sw() + q * g.dw() - g.padLeft();
                                    if (iw >= 0 && iw < g.inW()) {
                                        acc += x[xBase + ih * g.inW() + iw] * w[wBase + p * g.kw() + q];
                                    }
                                }
                            }
                        }
                        y[((n * g.outC() + o) * g.outH() + i) * g.outW() + j] = acc;
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #forward} without bias: scatters every output value back through the kernel, so that
     * {@code ⟨forward(x), y⟩ = ⟨x, transposed(y)⟩}. This is both the input gradient of a convolution and the
     * transposed convolution.
     *
     * @param g the geometry of the forward convolution
     * @param y a tensor of the forward output's shape
     * @param w the weight
     * @param x the result, of the forward input's shape, overwritten
     */
    public static void transposed(ConvGeometry g, double[] y, double[] w, double[] x) {
        java.util.Arrays.fill(x, 0);
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int planeIn = g.inH() * g.inW();
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.outC(); o++) {
                int cBase = (o / opg) * cpg;
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        double v = y[((n * g.outC() + o) * g.outH() + i) * g.outW() + j];
                        for (int c = 0; c < cpg; c++) {
                            int xBase = (n * g.inC() + cBase + c) * planeIn;
                            int wBase = (o * cpg + c) * g.kh() * g.kw();
                            for (int p = 0; p < g.kh(); p++) {
                                int ih = i * g.sh() + p * g.dh() - g.padTop();
                                if (ih < 0 || ih >= g.inH()) {
                                    continue;
                                }
                                for (int q = 0; q < g.kw(); q++) {
                                    int iw = j * g.sw() + q * g.dw() - g.padLeft();
                                    if (iw >= 0 && iw < g.inW()) {
                                        x[xBase + ih * g.inW() + iw] += v * w[wBase + p * g.kw() + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The gradient of {@code ⟨forward(x, w), gy⟩} with respect to {@code w}:
     * {@code gw[o,c,p,q] = Σ_{n,i,j} x[n, g·C_in/G + c, i·sh + p·dh − padTop, j·sw + q·dw − padLeft]·gy[n,o,i,j]}.
     *
     * @param g the geometry
     * @param x the forward input
     * @param gy the gradient of the output
     * @param gw the weight gradient, overwritten
     */
    public static void weightGradient(ConvGeometry g, double[] x, double[] gy, double[] gw) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int planeIn = g.inH() * g.inW();
        for (int o = 0; o < g.outC(); o++) {
            int cBase = (o / opg) * cpg;
            for (int c = 0; c < cpg; c++) {
                for (int p = 0; p < g.kh(); p++) {
                    for (int q = 0; q < g.kw(); q++) {
                        double acc = 0;
                        for (int n = 0; n < g.n(); n++) {
                            int xBase = (n * g.inC() + cBase + c) * planeIn;
                            for (int i = 0; i < g.outH(); i++) {
                                int ih = i * g.sh() + p * g.dh() - g.padTop();
                                if (ih < 0 || ih >= g.inH()) {
                                    continue;
                                }
                                int yRow = ((n * g.outC() + o) * g.outH() + i) * g.outW();
                                for (int j = 0; j < g.outW(); j++) {
                                    int iw = j * g.sw() + q * g.dw() - g.padLeft();
                                    if (iw >= 0 && iw < g.inW()) {
                                        acc += x[xBase + ih * g.inW() + iw] * gy[yRow + j];
                                    }
                                }
                            }
                        }
                        gw[((o * cpg + c) * g.kh() + p) * g.kw() + q] = acc;
                    }
                }
            }
        }
    }

    /**
     * The bias gradient: {@code gb[o] = Σ_{n,i,j} gy[n,o,i,j]}.
     *
     * @param g the geometry
     * @param gy the gradient of the output
     * @param gb the bias gradient, overwritten
     */
    public static void biasGradient(ConvGeometry g, double[] gy, double[] gb) {
        int plane = g.outH() * g.outW();
        for (int o = 0; o < g.outC(); o++) {
            double acc = 0;
            for (int n = 0; n < g.n(); n++) {
                int base = (n * g.outC() + o) * plane;
                for (int k = 0; k < plane; k++) {
                    acc += gy[base + k];
                }
            }
            gb[o] = acc;
        }
    }
}
