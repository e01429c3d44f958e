package io.github.conv4j.ops;

import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Tensor;

/**
 * {@code convTranspose2d}: the adjoint of a convolution, plus bias. Its input gradient is the convolution of the
 * output gradient, its weight gradient the convolution of the output gradient with the input.
 */
final class ConvTranspose2dOp {
    private ConvTranspose2dOp() {}

    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dOptions options) {
        String op = "convTranspose2d";
        Checks.notNull(op, "input", input);
        Checks.notNull(op, "weight", weight);
        if (options == null) {
            throw new IllegalArgumentException(
                    op + ": options must not be null (use ConvTranspose2dOptions.defaults())");
        }
        Checks.rank(op, "input", input, 3, 4);
        Checks.sameDtype(op, input, "input", weight, "weight");
        Checks.sameDtype(op, input, "input", bias, "bias");
        ConvCompute.checkAlgorithm(op, options.algorithm());
        boolean unbatched = input.dim() == 3;
        Tensor x = Checks.batched(input);
        ConvGeometry g = options.geometry(x.shape(), weight.shape());
        Checks.bias(op, bias, g.inC(), weight);
        Algorithm algorithm = options.algorithm();
        Tensor y = ConvCompute.transposed(g, x, weight, algorithm, x.dtype());
        if (GradFn.isNeeded(x, weight)) {
            new GradFn("ConvolutionBackward1", x, weight) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    Tensor gx =
                            x.requiresGrad() ? ConvCompute.forward(g, gy, weight, null, algorithm, x.dtype()) : null;
                    Tensor gw = weight.requiresGrad()
                            ? ConvCompute.weightGradient(g, gy, x, algorithm, weight.dtype())
                            : null;
                    return new Tensor[] {gx, gw};
                }
            }.attachTo(y);
        }
        // The bias is added as its own recorded operation, so its gradient comes from broadcasting's reduction.
        Tensor out = bias == null ? y : y.add(bias.reshape(1, bias.size(0), 1, 1));
        return Checks.unbatched(out, unbatched);
    }
}
