package io.github.conv4j.ops;

import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Tensor;

/**
 * {@code conv2d}: validation, explicit padding for non-zero modes, the forward product and its backward (input
 * gradient = transposed convolution of the output gradient, weight gradient = convolution of the input with the
 * output gradient, bias gradient = sum of the output gradient).
 */
final class Conv2dOp {
    private Conv2dOp() {}

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options) {
        Prepared p = prepare(input, weight, bias, options);
        return Checks.unbatched(convolve(p.g, p.x, weight, bias, options.algorithm()), p.unbatched);
    }

    /**
     * {@link #conv2d} written into {@code out}: every check (the convolution's and the output's) runs before the
     * first element is written, so bad arguments leave {@code out} as it was.
     */
    static Tensor conv2dInto(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options, Tensor out) {
        String op = "conv2d";
        Prepared p = prepare(input, weight, bias, options);
        Checks.notNull(op, "out", out);
        int[] shape = p.g.outputShape();
        if (p.unbatched) {
            shape = new int[] {shape[1], shape[2], shape[3]};
        }
        Checks.output(op, out, shape, input, weight, bias);
        ConvCompute.forwardInto(op, p.g, p.x, weight, bias, options.algorithm(), out);
        return out;
    }

    /** A validated problem: its zero-padded geometry and input (explicitly padded for other modes). */
    private record Prepared(ConvGeometry g, Tensor x, boolean unbatched) {}

    private static Prepared prepare(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options) {
        String op = "conv2d";
        Checks.notNull(op, "input", input);
        Checks.notNull(op, "weight", weight);
        if (options == null) {
            throw new IllegalArgumentException(op + ": options must not be null (use Conv2dOptions.defaults())");
        }
        Checks.rank(op, "input", input, 3, 4);
        Checks.sameDtype(op, input, "input", weight, "weight");
        Checks.sameDtype(op, input, "input", bias, "bias");
        ConvCompute.checkAlgorithm(op, options.algorithm());
        boolean unbatched = input.dim() == 3;
        Tensor x = Checks.batched(input);
        ConvGeometry g = ConvGeometry.forConv2d(x.shape(), weight.shape(), options);
        Checks.bias(op, bias, g.outC(), weight);
        if (!options.zeroPadded() && !g.unpadded()) {
            x = PadOp.pad(
                    x,
                    g.padTop(),
                    g.padBottom(),
                    g.padLeft(),
                    g.padRight(),
                    options.paddingModeH(),
                    options.paddingModeW(),
                    options.paddingValue());
            g = new ConvGeometry(
                    g.n(),
                    g.inC(),
                    x.size(2),
                    x.size(3),
                    g.outC(),
                    g.kh(),
                    g.kw(),
                    g.sh(),
                    g.sw(),
                    0,
                    0,
                    0,
                    0,
                    g.dh(),
                    g.dw(),
                    g.groups(),
                    g.outH(),
                    g.outW());
        }
        return new Prepared(g, x, unbatched);
    }

    /** The zero-padded convolution of a validated geometry, recording its backward. */
    static Tensor convolve(ConvGeometry g, Tensor x, Tensor weight, Tensor bias, Algorithm algorithm) {
        Tensor y = ConvCompute.forward(g, x, weight, bias, algorithm, x.dtype());
        if (GradFn.isNeeded(x, weight, bias)) {
            new GradFn("ConvolutionBackward0", x, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    Tensor gx = x.requiresGrad() ? ConvCompute.transposed(g, gy, weight, algorithm, x.dtype()) : null;
                    Tensor gw = weight.requiresGrad()
                            ? ConvCompute.weightGradient(g, x, gy, algorithm, weight.dtype())
                            : null;
                    Tensor gb =
                            bias != null && bias.requiresGrad() ? ConvCompute.biasGradient(g, gy, bias.dtype()) : null;
                    return new Tensor[] {gx, gw, gb};
                }
            }.attachTo(y);
        }
        return y;
    }
}
