package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.conv4j.nn.optim.Adam;
import io.github.conv4j.nn.optim.AdamW;
import io.github.conv4j.nn.optim.Optimizer;
import io.github.conv4j.nn.optim.Sgd;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Three optimizer steps on {@code loss = Σ c·p² + p₀·p₁} with {@code c = [1, 2, 3]} from {@code p = [0.5, -1, 2]},
 * compared with PyTorch 1.13. The expected values were printed once by {@code /usr/bin/python3} running the same
 * loop with {@code torch.optim.SGD/Adam/AdamW} on a float64 parameter. Both sides compute in double, so they agree to
 * rounding; 1e-12 leaves room for a different operation order.
 */
class OptimizerTest {
    private static double[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Parameter.of(Tensor.fromDoubles(new double[] {0.5, -1, 2}, DType.FLOAT64, 3));
        Tensor c = Tensor.fromDoubles(new double[] {1, 2, 3}, DType.FLOAT64, 3);
        Optimizer opt = make.apply(List.of(p));
        for (int s = 0; s < 3; s++) {
            opt.zeroGrad();
            Tensor loss = p.pow(2).mul(c).sum().add(cross(p));
            loss.backward();
            opt.step();
        }
        return p.toDoubleArray();
    }

    /** {@code p₀·p₁} through autograd. */
    private static Tensor cross(Tensor p) {
        Tensor mask0 = Tensor.fromDoubles(new double[] {1, 0, 0}, DType.FLOAT64, 3);
        Tensor mask1 = Tensor.fromDoubles(new double[] {0, 1, 0}, DType.FLOAT64, 3);
        return p.mul(mask0).sum().mul(p.mul(mask1).sum());
    }

    private static void expect(Function<List<Tensor>, Optimizer> make, double... expected) {
        assertThat(run(make)).containsExactly(expected, within(1e-12));
    }

    @Test
    void sgdMatchesPyTorch() {
        expect(ps -> new Sgd(ps, 0.1), 0.41600000000000004, -0.3105, 0.12799999999999997);
        expect(ps -> new Sgd(ps, 0.1, 0.9, 0.1, 0.01, false), 0.366387164595, 0.32069082131000004, -1.69055205762);
        expect(
                ps -> new Sgd(ps, 0.05, 0.8, 0, 0.1, true),
                0.39303438549999997,
                -0.10110802599999989,
                -0.4809930980000002);
    }

    @Test
    void adamMatchesPyTorch() {
        expect(ps -> new Adam(ps, 0.1), 0.34539445499332616, -0.7017427510525456, 1.7006233915360325);
        expect(
                ps -> new Adam(ps, 0.05, 0.8, 0.99, 1e-6, 0.1),
                0.41206900596759016,
                -0.8505085687590452,
                1.8502625225099778);
    }

    @Test
    void adamWMatchesPyTorch() {
        expect(ps -> new AdamW(ps, 0.1), 0.34399661308924895, -0.6990685534209758, 1.694944513874826);
        expect(
                ps -> new AdamW(ps, 0.05, 0.8, 0.99, 1e-6, 0.5),
                0.3856664445879544,
                -0.7815278285073501,
                1.707996149080308);
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Tensor a = Parameter.of(Tensor.of(1f, 2f));
        Tensor b = Parameter.of(Tensor.of(3f));
        Adam opt = new Adam(List.of(a, b), 0.1);
        a.sum().backward();
        opt.step();
        assertThat(b.toDoubleArray()).containsExactly(3);
        assertThat(a.toDoubleArray()).containsExactly(new double[] {0.9, 1.9}, within(1e-6));
    }

    @Test
    void invalidArguments() {
        Tensor p = Parameter.of(Tensor.zeros(2));
        assertThatThrownBy(() -> new Sgd(List.of(p), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new Sgd(List.of(p), 0.1, 0, 0, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> new Adam(List.of(p), 0.1, 1.0, 0.999, 1e-8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta");
        assertThatThrownBy(() -> new Sgd(List.of(p, p), 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("params[1]");
        assertThatThrownBy(() -> new Sgd(List.of(Tensor.zeros(2)), 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requires grad");
        assertThatThrownBy(() -> new Sgd(List.of(), 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
