package io.github.conv4j.ops;

import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;

/**
 * Runs the three convolution products (forward, transposed, weight gradient) for validated geometries: the seam
 * between the ops (what) and the kernels (how). Every convolution, its backward, the transposed convolution and
 * {@code convolve2d} come through here, so a faster kernel plugged in here speeds up all of them.
 */
final class ConvCompute {
    private ConvCompute() {}

    static void checkAlgorithm(String op, Algorithm algorithm) {
        if (algorithm != Algorithm.AUTO && algorithm != Algorithm.REFERENCE) {
            throw new IllegalArgumentException(op + ": algorithm " + algorithm + " is not available for this problem");
        }
    }

    static Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Algorithm algorithm, DType dtype) {
        double[] y = new double[size(g.outputShape())];
        ReferenceConv2d.forward(g, x.toDoubleArray(), w.toDoubleArray(), b == null ? null : b.toDoubleArray(), y);
        return Tensor.fromDoubles(y, dtype, g.outputShape());
    }

    static Tensor transposed(ConvGeometry g, Tensor y, Tensor w, Algorithm algorithm, DType dtype) {
        double[] x = new double[size(g.inputShape())];
        ReferenceConv2d.transposed(g, y.toDoubleArray(), w.toDoubleArray(), x);
        return Tensor.fromDoubles(x, dtype, g.inputShape());
    }

    static Tensor weightGradient(ConvGeometry g, Tensor x, Tensor gy, DType dtype) {
        double[] gw = new double[size(g.weightShape())];
        ReferenceConv2d.weightGradient(g, x.toDoubleArray(), gy.toDoubleArray(), gw);
        return Tensor.fromDoubles(gw, dtype, g.weightShape());
    }

    static Tensor biasGradient(ConvGeometry g, Tensor gy, DType dtype) {
        double[] gb = new double[g.outC()];
        ReferenceConv2d.biasGradient(g, gy.toDoubleArray(), gb);
        return Tensor.fromDoubles(gb, dtype, g.outC());
    }

    private static int size(int[] shape) {
        return io.github.conv4j.tensor.Shapes.numel("result", shape);
    }
}
