package io.github.conv4j.ops;

import io.github.conv4j.kernel.AlgorithmSelector;
import io.github.conv4j.kernel.Choice;
import io.github.conv4j.kernel.im2col.Im2colConv;
import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.kernel.winograd.WinogradConv;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * Runs the three convolution products (forward, transposed, weight gradient) for validated geometries: the seam
 * between the ops (what) and the kernels (how). Every convolution, its backward, the transposed convolution and
 * {@code convolve2d} come through here, and {@link AlgorithmSelector} picks the kernel, so a faster kernel speeds up
 * all of them.
 */
final class ConvCompute {
    private ConvCompute() {}

    static void checkAlgorithm(String op, Algorithm algorithm) {
        if (algorithm == null) {
            throw new IllegalArgumentException(op + ": algorithm must not be null (use Algorithm.AUTO)");
        }
    }

    private static Algorithm choose(String op, ConvGeometry g, Algorithm forced, DType dtype) {
        try {
            Choice c = AlgorithmSelector.choose(g, forced, dtype);
            return c.algorithm();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    static Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Algorithm algorithm, DType dtype) {
        int[] shape = g.outputShape();
        Algorithm a = choose("conv2d", g, algorithm, dtype);
        if (a == Algorithm.REFERENCE) {
            double[] y = new double[size(shape)];
            ReferenceConv2d.forward(g, x.toDoubleArray(), w.toDoubleArray(), b == null ? null : b.toDoubleArray(), y);
            return Tensor.fromDoubles(y, dtype, shape);
        }
        float[] y = new float[size(shape)];
        float[] bias = b == null ? null : floats(b);
        switch (a) {
            case WINOGRAD -> WinogradConv.forward(g, floats(x), floats(w), bias, y);
            default -> Im2colConv.forward(g, floats(x), floats(w), bias, y);
        }
        return Tensor.wrap(y, shape);
    }

    static Tensor transposed(ConvGeometry g, Tensor y, Tensor w, Algorithm algorithm, DType dtype) {
        int[] shape = g.inputShape();
        Algorithm a = choose("convTranspose2d", g, algorithm, dtype);
        if (a == Algorithm.REFERENCE) {
            double[] x = new double[size(shape)];
            ReferenceConv2d.transposed(g, y.toDoubleArray(), w.toDoubleArray(), x);
            return Tensor.fromDoubles(x, dtype, shape);
        }
        float[] x = new float[size(shape)];
        ConvGeometry flipped = a == Algorithm.WINOGRAD ? WinogradBackward.inputGradientGeometry(g) : null;
        if (flipped != null && WinogradConv.supports(flipped)) {
            WinogradConv.forward(flipped, floats(y), WinogradBackward.flipTransposed(g, floats(w)), null, x);
        } else {
            Im2colConv.transposed(g, floats(y), floats(w), x);
        }
        return Tensor.wrap(x, shape);
    }

    static Tensor weightGradient(ConvGeometry g, Tensor x, Tensor gy, Algorithm algorithm, DType dtype) {
        int[] shape = g.weightShape();
        Algorithm a = choose("conv2d backward", g, algorithm, dtype);
        if (a == Algorithm.REFERENCE) {
            double[] gw = new double[size(shape)];
            ReferenceConv2d.weightGradient(g, x.toDoubleArray(), gy.toDoubleArray(), gw);
            return Tensor.fromDoubles(gw, dtype, shape);
        }
        float[] gw = new float[size(shape)];
        Im2colConv.weightGradient(g, floats(x), floats(gy), gw);
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
