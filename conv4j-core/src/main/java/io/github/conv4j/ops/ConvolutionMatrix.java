package io.github.conv4j.ops;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * Builds the matrix {@code M} of a convolution, so that {@code vec(conv2d(x, w)) = M · vec(x)} for one sample: with
 * zero padding it is doubly block Toeplitz, with circular padding doubly block circulant. Other padding modes fold
 * into the matrix too (several taps can land on the same input pixel).
 */
final class ConvolutionMatrix {
    private ConvolutionMatrix() {}

    static Tensor build(int[] inputShape, Tensor weight, Conv2dOptions options) {
        String op = "convolutionMatrix";
        Checks.notNull(op, "weight", weight);
        if (inputShape == null || inputShape.length != 3) {
            throw new IllegalArgumentException(op + ": inputShape must be (C, H, W), got "
                    + (inputShape == null ? "null" : Shapes.format(inputShape)));
        }
        if (options.paddingModeH() == PaddingMode.CONSTANT && options.paddingValue() != 0
                || options.paddingModeW() == PaddingMode.CONSTANT && options.paddingValue() != 0) {
            throw new IllegalArgumentException(op + ": constant padding with value " + options.paddingValue()
                    + " makes the convolution affine, not linear; no matrix represents it");
        }
        int c = inputShape[0];
        int h = inputShape[1];
        int w = inputShape[2];
        ConvGeometry g = ConvGeometry.forConv2d(new int[] {1, c, h, w}, weight.shape(), options);
        long rows = (long) g.outC() * g.outH() * g.outW();
        long cols = (long) c * h * w;
        Shapes.numel(op + " result", rows, cols);
        int[] rowMap = padMap(h, g.padTop(), g.padBottom(), options.paddingModeH());
        int[] colMap = padMap(w, g.padLeft(), g.padRight(), options.paddingModeW());
        double[] wt = weight.toDoubleArray();
        double[] m = new double[(int) (rows * cols)];
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        for (int o = 0; o < g.outC(); o++) {
            int cBase = (o / opg) * cpg;
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    long row = ((long) o * g.outH() + i) * g.outW() + j;
                    for (int ci = 0; ci < cpg; ci++) {
                        for (int p = 0; p < g.kh(); p++) {
                            int src = rowMap[i * g.sh() + p * g.dh()];
                            if (src < 0) {
                                continue;
                            }
                            for (int q = 0; q < g.kw(); q++) {
                                int srcW = colMap[j * g.sw() + q * g.dw()];
                                if (srcW >= 0) {
                                    long col = ((long) (cBase + ci) * h + src) * w + srcW;
                                    m[(int) (row * cols + col)] += wt[((o * cpg + ci) * g.kh() + p) * g.kw() + q];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.fromDoubles(m, weight.dtype(), (int) rows, (int) cols);
    }

    private static int[] padMap(int size, int before, int after, PaddingMode mode) {
        PaddingMode m = mode == PaddingMode.CONSTANT ? PaddingMode.ZEROS : mode;
        return io.github.conv4j.kernel.reference.ReferencePad.sourceMap(size, before, after, m);
    }
}
