package io.github.conv4j.ops;

import io.github.conv4j.kernel.reference.ReferenceUnfold;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/** {@code unfold} (im2col) and {@code fold} (col2im), each the other's gradient. */
final class UnfoldOps {
    private UnfoldOps() {}

    private static ConvGeometry geometry(
            String op, int[] inputShape, IntPair kernelSize, IntPair dilation, IntPair padding, IntPair stride) {
        if (kernelSize == null || dilation == null || padding == null || stride == null) {
            throw new IllegalArgumentException(op + ": kernelSize, dilation, padding and stride must not be null");
        }
        if (padding.h() < 0 || padding.w() < 0) {
            throw new IllegalArgumentException(op + ": padding must be >= 0, got " + padding);
        }
        Conv2dOptions options = Conv2dOptions.defaults()
                .stride(stride)
                .dilation(dilation)
                .padding(Padding.of(padding.h(), padding.w()));
        int[] weightShape = {1, inputShape[1], kernelSize.h(), kernelSize.w()};
        return ConvGeometry.forConv2d(inputShape, weightShape, options);
    }

    static Tensor unfold(Tensor input, IntPair kernelSize, IntPair dilation, IntPair padding, IntPair stride) {
        String op = "unfold";
        Checks.notNull(op, "input", input);
        Checks.rank(op, "input", input, 4);
        ConvGeometry g = geometry(op, input.shape(), kernelSize, dilation, padding, stride);
        int[] outShape = {g.n(), g.inC() * g.kh() * g.kw(), g.outH() * g.outW()};
        double[] cols = new double[Shapes.numel("unfold output", toLong(outShape))];
        ReferenceUnfold.unfold(g, input.toDoubleArray(), cols);
        Tensor out = Tensor.fromDoubles(cols, input.dtype(), outShape);
        if (GradFn.isNeeded(input)) {
            new GradFn("Im2ColBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] gx = new double[input.numel()];
                    ReferenceUnfold.fold(g, gy.toDoubleArray(), gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), input.shape())};
                }
            }.attachTo(out);
        }
        return out;
    }

    static Tensor fold(
            Tensor input, IntPair outputSize, IntPair kernelSize, IntPair dilation, IntPair padding, IntPair stride) {
        String op = "fold";
        Checks.notNull(op, "input", input);
        Checks.rank(op, "input", input, 3);
        if (outputSize == null || kernelSize == null) {
            throw new IllegalArgumentException(op + ": outputSize and kernelSize must not be null");
        }
        int taps = kernelSize.h() * kernelSize.w();
        int rows = input.size(1);
        if (kernelSize.h() < 1 || kernelSize.w() < 1 || rows % taps != 0) {
            throw new IllegalArgumentException(op + ": expected size of input's dimension 1 to be divisible by the"
                    + " product of kernel_size (" + kernelSize + " = " + taps + "), but got input of size "
                    + Shapes.format(input.shape()));
        }
        int[] xShape = {input.size(0), rows / taps, outputSize.h(), outputSize.w()};
        ConvGeometry g = geometry(op, xShape, kernelSize, dilation, padding, stride);
        if (g.outH() * g.outW() != input.size(2)) {
            throw new IllegalArgumentException(op + ": given output_size=" + outputSize + ", kernel_size="
                    + kernelSize + ", dilation=" + dilation + ", padding=" + padding + ", stride=" + stride
                    + ", expected size of input's dimension 2 to match the calculated number of sliding blocks "
                    + g.outH() + " * " + g.outW() + " = " + g.outH() * g.outW() + ", but got input of size "
                    + Shapes.format(input.shape()));
        }
        double[] x = new double[Shapes.numel("fold output", xShape)];
        ReferenceUnfold.fold(g, input.toDoubleArray(), x);
        Tensor out = Tensor.fromDoubles(x, input.dtype(), xShape);
        if (GradFn.isNeeded(input)) {
            new GradFn("Col2ImBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] cols = new double[input.numel()];
                    ReferenceUnfold.unfold(g, gy.toDoubleArray(), cols);
                    return new Tensor[] {Tensor.fromDoubles(cols, input.dtype(), input.shape())};
                }
            }.attachTo(out);
        }
        return out;
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }
}
