package io.github.conv4j.kernel.fft;

import io.github.conv4j.kernel.Magnitudes;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * 2-D cross-correlation by FFT, in float32, with the semantics of
 * {@link io.github.conv4j.kernel.reference.ReferenceConv2d#forward}: zero padding, groups, batch, optional bias;
 * stride 1 and dilation 1 only. Worth it for large kernels on few channels (a 31×31 kernel costs the direct method
 * 961 multiply-adds per output, the FFT a few dozen).
 *
 * <p>Method: overlap-save tiling chosen by {@link FftTiling}; each kernel plane (once per call, or never when the
 * workspace holds the spectra of identical weights) and each input tile is transformed once, the spectra of a group's input channels are multiplied by the conjugate kernel spectra and summed, and one
 * inverse per output tile and channel yields the circular correlation, whose first {@code tileH × tileW} values are
 * exact (no wrap-around).
 *
 * <p>Accuracy: the error is spread over the whole tile, not local as in the direct method. For one output plane,
 * {@code max|y − y_exact| ≤ C·log2(nh·nw)·2^−24·Σ_c ‖x_c‖₂·‖w_c‖₁} with {@code x_c} the input plane and {@code w_c}
 * the kernel of channel {@code c} (plus the float rounding of the result); worst-case analysis gives {@code C ≈ 10},
 * measured is 0.03-0.04, the tests assert {@code C = 2} (derivation in {@code FftConv2dTest}). Outputs that are
 * tiny next to those norms therefore carry relatively large errors.
 *
 * <p>Non-finite values: an FFT would spread one NaN or infinity over a whole tile, so {@link #forward} declines
 * (returns {@code false} and leaves {@code y} untouched) when {@link #canCompute} is false; the caller then runs a
 * direct kernel.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.forConv2d(new int[] {1, 1, 512, 512}, new int[] {1, 1, 31, 31},
 *         Conv2dOptions.defaults());
 * float[] y = new float[1 * 1 * 482 * 482];
 * if (!FftConv2d.supports(g) || !FftConv2d.forward(g, x, w, null, y)) {
 *     directKernel.forward(g, x, w, null, y);
 * }
 * }</pre>
 */
public final class FftConv2d {
    /**
     * Products of magnitudes up to {@code 2^40} keep every intermediate of the largest allowed transform
     * ({@link FftTiling#MAX_SIDE}², summed over a group) below {@code Float.MAX_VALUE}.
     */
    private static final int MAX_PRODUCT_EXPONENT = 40;

    /**
     * Nanoseconds per cost unit of {@link FftTiling#cost}: 0.08-0.12 measured on the target (Zen 3, one thread,
     * Vector API, JDK 17 and 25) over single- and multi-channel problems with kernels 3×3 to 31×31.
     */
    private static final double NANOS_PER_UNIT = 0.1;

    private static final ThreadLocal<FftWorkspace> WORKSPACE = ThreadLocal.withInitial(FftWorkspace::new);

    /** Tile buffers of the other kind than {@link #WORKSPACE}'s, for workspaces made with it (tests). */
    private static final ThreadLocal<FftWorkspace> OTHER_KIND =
            ThreadLocal.withInitial(() -> new FftWorkspace(!FftSimd.VECTOR));

    private FftConv2d() {}

    /**
     * Whether this kernel computes {@code g}: stride 1, dilation 1, and a tiling whose workspace fits 64 MiB.
     *
     * @param g the geometry
     * @return {@code true} if {@link #forward} accepts {@code g}
     */
    public static boolean supports(ConvGeometry g) {
        return tiling(g) != null;
    }

    private static FftTiling tiling(ConvGeometry g) {
        return g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1 ? FftTiling.choose(g) : null;
    }

    /**
     * A rough time estimate for a kernel selector: the tiling's cost model times a calibration constant, within
     * about a factor 2 of one-thread measurements with the Vector API (about 4× more without it).
     *
     * <pre>{@code
     * boolean useFft = FftConv2d.estimatedNanos(g) < g.flops() / directGflops;
     * }</pre>
     *
     * @param g the geometry
     * @return estimated nanoseconds for one {@link #forward} call, or {@link Double#POSITIVE_INFINITY} if
     *     {@code !supports(g)}
     */
    public static double estimatedNanos(ConvGeometry g) {
        FftTiling t = tiling(g);
        return t == null ? Double.POSITIVE_INFINITY : t.cost(g) * NANOS_PER_UNIT;
    }

    /**
     * Whether the FFT result can match the direct method's: every value finite and {@code max|x|·max|w| ≤ 2^40},
     * so that no intermediate overflows. Scans both arrays once.
     *
     * @param x the input
     * @param w the weight
     * @return {@code false} if the direct method must be used
     */
    public static boolean canCompute(float[] x, float[] w) {
        return canCompute(x, x.length, w, w.length);
    }

    /** Scans only the prefixes the geometry reads: a caller's larger buffer may hold anything past them. */
    private static boolean canCompute(float[] x, int xLen, float[] w, int wLen) {
        return Magnitudes.productsBelow(x, xLen, w, wLen, MAX_PRODUCT_EXPONENT);
    }

    /**
     * Computes {@code y = x ⋆ w + b} with a per-thread workspace. See {@link #forward(ConvGeometry, float[], float[],
     * float[], float[], FftWorkspace)}.
     *
     * @param g the geometry
     * @param x the input, {@code (N, C_in, H, W)} row-major
     * @param w the weight, {@code (C_out, C_in/G, kH, kW)}
     * @param b the bias, length {@code C_out}, or {@code null}
     * @param y the output, {@code (N, C_out, H_out, W_out)}, overwritten
     * @return {@code true} if computed, {@code false} if declined because of non-finite or huge values
     * @throws IllegalArgumentException if {@code !supports(g)} or an array is shorter than its shape
     */
    public static boolean forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        return forward(g, x, w, b, y, WORKSPACE.get());
    }

    /**
     * Computes {@code y[n,o,i,j] = b[o] + Σ_{c,p,q} x[n, g·C_in/G + c, i + p − padTop, j + q − padLeft]·w[o,c,p,q]},
     * out-of-range input reading zero, by FFT. Declines, leaving {@code y} untouched, when
     * {@link #canCompute(float[], float[])} is false.
     *
     * @param g the geometry
     * @param x the input, {@code (N, C_in, H, W)} row-major
     * @param w the weight, {@code (C_out, C_in/G, kH, kW)}
     * @param b the bias, length {@code C_out}, or {@code null}
     * @param y the output, {@code (N, C_out, H_out, W_out)}, overwritten
     * @param ws scratch, reused across calls
     * @return {@code true} if computed, {@code false} if declined
     * @throws IllegalArgumentException if {@code !supports(g)} or an array is shorter than its shape
     */
    public static boolean forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, FftWorkspace ws) {
        FftTiling t = g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1 ? ws.tiling(g) : null;
        if (t == null) {
            throw new IllegalArgumentException("FftConv2d does not support " + g.descriptor()
                    + " (needs stride 1, dilation 1 and a workspace under 64 MiB)");
        }
        checkLength("x", x, (long) g.n() * g.inC() * g.inH() * g.inW());
        checkLength("w", w, (long) g.outC() * g.inCPerGroup() * g.kh() * g.kw());
        checkLength("y", y, (long) g.n() * g.outC() * g.outH() * g.outW());
        if (b != null) {
            checkLength("b", b, g.outC());
        }
        if (!canCompute(x, g.n() * g.inC() * g.inH() * g.inW(), w, g.outC() * g.inCPerGroup() * g.kh() * g.kw())) {
            return false;
        }
        compute(g, t, x, w, b, y, ws);
        return true;
    }

    /** The computation with a given tiling and no checks: lets tests force many tiles on small problems. */
    static void compute(ConvGeometry g, FftTiling t, float[] x, float[] w, float[] b, float[] y, FftWorkspace ws) {
        new Run(g, t, ws).compute(x, w, b, y);
    }

    private static void checkLength(String name, float[] a, long need) {
        if (a.length < need) {
            throw new IllegalArgumentException(
                    "FftConv2d: " + name + " has " + a.length + " elements, the geometry needs " + need);
        }
    }

    /**
     * This thread's tile buffers for a call whose workspace is {@code ws}: the transforms of the call's tiles run on
     * every thread of {@link Parallel}, each with its own tile, input spectra and accumulator, all reading the kernel
     * spectra in {@code ws}. The default per-thread workspace serves when its kind (vector or scalar loops) matches.
     */
    private static FftWorkspace scratch(FftWorkspace ws) {
        return ws.vector() == FftSimd.VECTOR ? WORKSPACE.get() : OTHER_KIND.get();
    }

    /** One call's loops, with the sizes it uses everywhere held in fields. */
    private static final class Run {
        private final ConvGeometry g;
        private final FftTiling t;
        private final FftWorkspace ws;
        private final int spec;
        private final int cpg;
        private final int opg;

        Run(ConvGeometry g, FftTiling t, FftWorkspace ws) {
            this.g = g;
            this.t = t;
            this.ws = ws;
            this.spec = ws.tile(t.nh(), t.nw()).spectrumSize();
            this.cpg = g.inCPerGroup();
            this.opg = g.outCPerGroup();
            ws.ensure(g.outC() * cpg * spec, 0, 0);
        }

        /**
         * The kernel spectra (unless {@code ws} holds them for these weights), then the output tiles: both spread over
         * the threads, each tile computed whole by one thread in the same order of operations as on any other, so the
         * result does not depend on the thread count.
         */
        void compute(float[] x, float[] w, float[] b, float[] y) {
            int kPlane = g.kh() * g.kw();
            int wLen = g.outC() * cpg * kPlane;
            if (!ws.kernelSpectraCurrent(w, wLen, g.kh(), g.kw(), t.nh(), t.nw())) {
                Parallel.forRange(g.outC() * cpg, 1, (k0, k1) -> {
                    TileFft tile = scratch(ws).tile(t.nh(), t.nw());
                    for (int k = k0; k < k1; k++) {
                        tile.load(w, k * kPlane, g.kh(), g.kw(), 0, 0);
                        tile.forward(ws.kernelRe, ws.kernelIm, k * spec);
                    }
                });
                ws.kernelSpectraComputed(w, wLen, g.kh(), g.kw(), t.nh(), t.nw());
            }
            int perImage = t.tilesH() * t.tilesW();
            Parallel.forRange(g.n() * perImage, 1, (i0, i1) -> {
                FftWorkspace s = scratch(ws);
                s.ensure(0, cpg * spec, spec);
                TileFft tile = s.tile(t.nh(), t.nw());
                for (int i = i0; i < i1; i++) {
                    int n = i / perImage;
                    int ti = (i % perImage) / t.tilesW();
                    int tj = i % t.tilesW();
                    tile(x, b, y, n, ti, tj, s, tile);
                }
            });
        }

        /** Output tile {@code (ti, tj)} of sample {@code n}, all channels, with this thread's buffers. */
        private void tile(float[] x, float[] b, float[] y, int n, int ti, int tj, FftWorkspace s, TileFft tile) {
            float scale = 1f / ((float) t.nh() * t.nw());
            int inPlane = g.inH() * g.inW();
            int i0 = ti * t.tileH();
            int rows = Math.min(t.tileH(), g.outH() - i0);
            int j0 = tj * t.tileW();
            int cols = Math.min(t.tileW(), g.outW() - j0);
            for (int grp = 0; grp < g.groups(); grp++) {
                for (int c = 0; c < cpg; c++) {
                    int plane = (n * g.inC() + grp * cpg + c) * inPlane;
                    tile.load(x, plane, g.inH(), g.inW(), i0 - g.padTop(), j0 - g.padLeft());
                    tile.forward(s.inputRe, s.inputIm, c * spec);
                }
                for (int o = grp * opg; o < (grp + 1) * opg; o++) {
                    accumulate(o, s);
                    tile.inverse(s.accRe, s.accIm, 0);
                    int yOff = ((n * g.outC() + o) * g.outH() + i0) * g.outW() + j0;
                    tile.store(y, yOff, g.outW(), rows, cols, scale, b == null ? 0f : b[o]);
                }
            }
        }

        /** {@code acc = Σ_c X_c·conj(K_{o,c})}: correlation is convolution with the conjugate spectrum. */
        private void accumulate(int o, FftWorkspace own) {
            float[] ar = own.accRe;
            float[] ai = own.accIm;
            float[] xr = own.inputRe;
            float[] xi = own.inputIm;
            float[] kr = ws.kernelRe;
            float[] ki = ws.kernelIm;
            if (own.vector()) {
                VectorSpectra.accumulate(ar, ai, xr, xi, kr, ki, o * cpg * spec, spec, cpg);
                return;
            }
            for (int c = 0; c < cpg; c++) {
                int xo = c * spec;
                int ko = (o * cpg + c) * spec;
                if (c == 0) {
                    for (int s = 0; s < spec; s++) {
                        float a = xr[xo + s];
                        float bb = xi[xo + s];
                        float p = kr[ko + s];
                        float q = ki[ko + s];
                        ar[s] = a * p + bb * q;
                        ai[s] = bb * p - a * q;
                    }
                } else {
                    for (int s = 0; s < spec; s++) {
                        float a = xr[xo + s];
                        float bb = xi[xo + s];
                        float p = kr[ko + s];
                        float q = ki[ko + s];
                        ar[s] += a * p + bb * q;
                        ai[s] += bb * p - a * q;
                    }
                }
            }
        }
    }
}
