package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.util.function.Function;

/**
 * Finite-difference gradient checks in double precision, like PyTorch's {@code gradcheck} but along random
 * directions: for a random cotangent {@code c} and direction {@code v}, the central difference
 * {@code (⟨f(x + hv), c⟩ − ⟨f(x − hv), c⟩) / 2h} must equal {@code ⟨∇ₓ⟨f(x), c⟩, v⟩}. For the piecewise-linear ops
 * here (convolution, padding, pooling away from ties) the difference quotient is exact up to rounding, so the
 * tolerance is {@code 1e-7} relative: rounding of ~1e-16 divided by h = 1e-6 gives ~1e-10, far inside it, while a
 * wrong gradient is off by O(1).
 */
final class GradCheck {
    private GradCheck() {}

    static void check(long seed, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].to(DType.FLOAT64).copy().requiresGrad(true);
        }
        Tensor out = f.apply(leaves);
        Tensor cotangent = Tensor.randn(seed, out.shape()).to(DType.FLOAT64);
        out.mul(cotangent).sum().backward();
        double h = 1e-6;
        for (int i = 0; i < leaves.length; i++) {
            Tensor v = Tensor.randn(seed + 31 + i, leaves[i].shape()).to(DType.FLOAT64);
            double analytic =
                    leaves[i].grad() == null ? 0 : leaves[i].grad().mul(v).sum().item();
            double plus = evaluate(f, leaves, i, v, h, cotangent);
            double minus = evaluate(f, leaves, i, v, -h, cotangent);
            double numeric = (plus - minus) / (2 * h);
            double scale = Math.abs(analytic) + Math.abs(numeric) + 1;
            assertThat(Math.abs(analytic - numeric))
                    .as("input %d: analytic %s vs numeric %s", i, analytic, numeric)
                    .isLessThanOrEqualTo(1e-7 * scale);
        }
    }

    private static double evaluate(
            Function<Tensor[], Tensor> f, Tensor[] leaves, int which, Tensor v, double h, Tensor cotangent) {
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor[] shifted = leaves.clone();
            shifted[which] = leaves[which].add(v.mul(h));
            return f.apply(shifted).mul(cotangent).sum().item();
        }
    }
}
