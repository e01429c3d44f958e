package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/** Reverses the last two dimensions (a 180° rotation of every plane); its own gradient. */
final class FlipOp {
    private FlipOp() {}

    static Tensor flip2d(Tensor input) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException(
                    "flip2d: input must have at least 2 dimensions, got " + Shapes.format(input.shape()));
        }
        int h = input.size(-2);
        int w = input.size(-1);
        int planes = h * w == 0 ? 0 : input.numel() / (h * w);
        double[] src = input.toDoubleArray();
        double[] out = new double[src.length];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[base + i * w + j] = src[base + (h - 1 - i) * w + (w - 1 - j)];
                }
            }
        }
        Tensor result = Tensor.fromDoubles(out, input.dtype(), input.shape());
        if (GradFn.isNeeded(input)) {
            new GradFn("FlipBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {flip2d(g)};
                }
            }.attachTo(result);
        }
        return result;
    }
}
