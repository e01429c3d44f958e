package io.github.conv4j.ops;

import io.github.conv4j.kernel.reference.ReferencePad;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/** {@code pad} on the last two dimensions, forward and backward. */
final class PadOp {
    private PadOp() {}

    static Tensor pad(
            Tensor input,
            int top,
            int bottom,
            int left,
            int right,
            PaddingMode modeH,
            PaddingMode modeW,
            double value) {
        String op = "pad";
        Checks.notNull(op, "input", input);
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": input must have at least 2 dimensions (the last two are"
                    + " padded), but got input of size " + Shapes.format(input.shape()));
        }
        int[] shape = input.shape();
        int r = shape.length;
        int h = shape[r - 2];
        int w = shape[r - 1];
        checkAxis(op, "height", h, top, bottom, modeH, shape);
        checkAxis(op, "width", w, left, right, modeW, shape);
        int[] outShape = shape.clone();
        outShape[r - 2] = h + top + bottom;
        outShape[r - 1] = w + left + right;
        int planes = Shapes.numel("input", java.util.Arrays.copyOf(shape, r - 2));
        Shapes.numel(op + " output", toLong(outShape));
        int[] rows = ReferencePad.sourceMap(h, top, bottom, modeH);
        int[] cols = ReferencePad.sourceMap(w, left, right, modeW);
        double[] out = new double[Shapes.numel("output", outShape)];
        ReferencePad.pad(planes, h, w, input.toDoubleArray(), rows, cols, value, out);
        Tensor result = Tensor.fromDoubles(out, input.dtype(), outShape);
        if (GradFn.isNeeded(input)) {
            new GradFn("PadBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    double[] gx = new double[input.numel()];
                    ReferencePad.adjoint(planes, h, w, g.toDoubleArray(), rows, cols, gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), shape)};
                }
            }.attachTo(result);
        }
        return result;
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static void checkAxis(
            String op, String axis, int size, int before, int after, PaddingMode mode, int[] shape) {
        if (mode == null) {
            throw new IllegalArgumentException(op + ": mode must not be null");
        }
        if ((long) size + before + after < 0) {
            throw new IllegalArgumentException(op + ": negative padding (" + before + ", " + after + ") along " + axis
                    + " removes more than the " + size + " elements of input " + Shapes.format(shape));
        }
        boolean widens = before > 0 || after > 0;
        if (widens && size == 0 && mode != PaddingMode.ZEROS && mode != PaddingMode.CONSTANT) {
            throw new IllegalArgumentException(op + ": cannot pad an empty " + axis + " in " + mode + " mode (input "
                    + Shapes.format(shape) + ")");
        }
    }
}
