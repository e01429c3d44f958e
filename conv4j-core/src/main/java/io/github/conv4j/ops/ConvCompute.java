package io.github.conv4j.ops;

import io.github.conv4j.kernel.AlgorithmSelector;
import io.github.conv4j.kernel.depthwise.DepthwiseConv;
import io.github.conv4j.kernel.depthwise.DepthwiseInputGradient;
import io.github.conv4j.kernel.depthwise.DepthwiseWeightGradient;
import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.fft.FftConv2d;
import io.github.conv4j.kernel.im2col.Im2colConv;
import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.kernel.separable.SeparableConv;
import io.github.conv4j.kernel.winograd.WinogradConv;
import io.github.conv4j.kernel.winograd.WinogradWeightGradient;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * Runs the three convolution products (forward, transposed, weight gradient) for validated geometries: the seam
 * between the ops (what) and the kernels (how). Every convolution, its backward, the transposed convolution and
 * {@code convolve2d} come through here, and {@link AlgorithmSelector} picks the kernel, so a faster kernel speeds up
 * all of them. Forced algorithms apply to the forward product; gradients use the forced kernel where it can compute
 * them and the automatic choice otherwise.
 */
final class ConvCompute {
    private ConvCompute() {}

    static void checkAlgorithm(String op, Algorithm algorithm) {
        if (algorithm == null) {
            throw new IllegalArgumentException(op + ": algorithm must not be null (use Algorithm.AUTO)");
        }
    }

    static Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Algorithm algorithm, DType dtype) {
        int[] shape = g.outputShape();
        if (dtype == DType.FLOAT64 || algorithm == Algorithm.REFERENCE) {
            checkForced("conv2d", g, algorithm, dtype, null);
            double[] y = new double[size(shape)];
            ReferenceConv2d.forward(g, x.toDoubleArray(), w.toDoubleArray(), b == null ? null : b.toDoubleArray(), y);
            return Tensor.fromDoubles(y, dtype, shape);
        }
        float[] y = new float[size(shape)];
        forwardFloat("conv2d", g, floats(x), floats(w), b == null ? null : floats(b), y, algorithm);
        return Tensor.wrap(y, shape);
    }

    /**
     * The forward product written into a validated {@code out} of the output's element count: float32 straight from
     * the kernels into its array, float64 through the reference and a copy.
     */
    static void forwardInto(String op, ConvGeometry g, Tensor x, Tensor w, Tensor b, Algorithm algorithm, Tensor out) {
        if (x.dtype() == DType.FLOAT64 || algorithm == Algorithm.REFERENCE) {
            Tensor y = forward(g, x, w, b, algorithm, x.dtype());
            try (NoGrad ignored = NoGrad.enter()) {
                out.copyFrom(y.reshape(out.shape()));
            }
            return;
        }
        float[] xs = floats(x);
        float[] ws = floats(w);
        float[] bs = b == null ? null : floats(b);
        // An unsupported forced algorithm throws from the selection, before the kernel writes anything and before the
        // version moves on.
        out.overwrite(op, y -> forwardFloat(op, g, xs, ws, bs, y, algorithm));
    }

    private static void checkForced(String op, ConvGeometry g, Algorithm forced, DType dtype, float[] w) {
        choose(op, g, forced, dtype, w, false);
    }

    private static Algorithm choose(
            String op, ConvGeometry g, Algorithm forced, DType dtype, float[] w, boolean directOnly) {
        try {
            return AlgorithmSelector.choose(g, forced, dtype, w, directOnly).algorithm();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    /** The float32 forward product on the selected kernel; FFT and Winograd decline non-finite data, then AUTO re-chooses. */
    static void forwardFloat(String op, ConvGeometry g, float[] x, float[] w, float[] b, float[] y, Algorithm forced) {
        Algorithm a = choose(op, g, forced, DType.FLOAT32, w, false);
        switch (a) {
            case REFERENCE -> referenceFloat(g, x, w, b, y);
            case DIRECT -> DirectPlaneConv.forward(g, x, w, b, y);
            case DEPTHWISE -> DepthwiseConv.forward(g, x, w, b, y);
            case SEPARABLE -> SeparableConv.forward(g, x, w, b, y);
            case WINOGRAD -> {
                if (!WinogradConv.forward(g, x, w, b, y)) {
                    forwardDirect(op, g, x, w, b, y);
                }
            }
            case FFT -> {
                if (!FftConv2d.forward(g, x, w, b, y)) {
                    forwardDirect(op, g, x, w, b, y);
                }
            }
            default -> Im2colConv.forward(g, x, w, b, y);
        }
    }

    /**
     * The product on a kernel that sums products directly: FFT and Winograd decline NaN, infinities and huge values,
     * which their transforms would smear over whole tiles or overflow.
     */
    private static void forwardDirect(String op, ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        forwardFloat(op, g, x, w, b, y, choose(op, g, Algorithm.AUTO, DType.FLOAT32, w, true));
    }

    private static void referenceFloat(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        double[] out = new double[y.length];
        ReferenceConv2d.forward(g, toDoubles(x), toDoubles(w), b == null ? null : toDoubles(b), out);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) out[i];
        }
    }

    private static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static Tensor transposed(ConvGeometry g, Tensor y, Tensor w, Algorithm algorithm, DType dtype) {
        int[] shape = g.inputShape();
        if (dtype == DType.FLOAT64 || algorithm == Algorithm.REFERENCE) {
            double[] x = new double[size(shape)];
            ReferenceConv2d.transposed(g, y.toDoubleArray(), w.toDoubleArray(), x);
            return Tensor.fromDoubles(x, dtype, shape);
        }
        float[] x = new float[size(shape)];
        if (AlgorithmSelector.inputGradient(g, algorithm) == Algorithm.DEPTHWISE) {
            DepthwiseInputGradient.compute(g, floats(y), floats(w), x);
            return Tensor.wrap(x, shape);
        }
        ConvGeometry flipped = FlippedConvolution.inputGradientGeometry(g);
        if (flipped != null && g.flops() / 2 >= io.github.conv4j.kernel.ConvTuning.TINY_MACS) {
            if (flipped.inCPerGroup() > 1 && flipped.dh() == 1 && flipped.dw() == 1) {
                // Only one-input-channel problems are checked for rank-1 weights, so here the choice needs none.
                Algorithm forced = supportsForced(flipped, algorithm, null) ? algorithm : Algorithm.AUTO;
                if (choose("conv2d backward", flipped, forced, DType.FLOAT32, null, false) == Algorithm.WINOGRAD) {
                    // Winograd reads the original weights rotated in place (no flipped copy, and a transform it can
                    // keep); declined data (NaN, Inf) take a direct kernel on the flipped copy below.
                    if (WinogradConv.forwardFlipped(flipped, floats(y), floats(w), x)) {
                        return Tensor.wrap(x, shape);
                    }
                    float[] wf = FlippedConvolution.flipTransposed(g, floats(w));
                    forwardDirect("conv2d backward", flipped, floats(y), wf, null, x);
                    return Tensor.wrap(x, shape);
                }
            }
            float[] wf = FlippedConvolution.flipTransposed(g, floats(w));
            Algorithm forced = supportsForced(flipped, algorithm, wf) ? algorithm : Algorithm.AUTO;
            forwardFloat("conv2d backward", flipped, floats(y), wf, null, x, forced);
        } else {
            Im2colConv.transposed(g, floats(y), floats(w), x);
        }
        return Tensor.wrap(x, shape);
    }

    private static boolean supportsForced(ConvGeometry g, Algorithm a, float[] w) {
        try {
            AlgorithmSelector.choose(g, a, DType.FLOAT32, w, false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Tensor weightGradient(ConvGeometry g, Tensor x, Tensor gy, Algorithm algorithm, DType dtype) {
        int[] shape = g.weightShape();
        if (dtype == DType.FLOAT64 || algorithm == Algorithm.REFERENCE) {
            double[] gw = new double[size(shape)];
            ReferenceConv2d.weightGradient(g, x.toDoubleArray(), gy.toDoubleArray(), gw);
            return Tensor.fromDoubles(gw, dtype, shape);
        }
        float[] gw = new float[size(shape)];
        float[] xf = floats(x);
        float[] gyf = floats(gy);
        Algorithm chosen = AlgorithmSelector.weightGradient(g, algorithm);
        if (chosen == Algorithm.DEPTHWISE) {
            DepthwiseWeightGradient.compute(g, xf, gyf, gw);
        } else if (chosen != Algorithm.WINOGRAD || !WinogradWeightGradient.compute(g, xf, gyf, gw)) {
            Im2colConv.weightGradient(g, xf, gyf, gw);
        }
        return Tensor.wrap(gw, shape);
    }

    static Tensor biasGradient(ConvGeometry g, Tensor gy, DType dtype) {
        double[] gb = new double[g.outC()];
        ReferenceConv2d.biasGradient(g, gy.toDoubleArray(), gb);
        return Tensor.fromDoubles(gb, dtype, g.outC());
    }

    /** The float32 data without copying, or a rounded copy of float64 data (a float64 upstream gradient). */
    private static float[] floats(Tensor t) {
        return t.dtype() == DType.FLOAT32 ? t.floatArray() : t.toFloatArray();
    }

    private static int size(int[] shape) {
        return Shapes.numel("result", shape);
    }
}
