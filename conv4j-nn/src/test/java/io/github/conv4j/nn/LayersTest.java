package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Layer construction, PyTorch-style initialisation, shapes, modes and argument errors. */
class LayersTest {
    @Test
    void conv2dInitialisationFollowsPyTorchBounds() {
        Conv2d conv = new Conv2d(4, 8, IntPair.of(3), Conv2dOptions.defaults().groups(2), true, 9);
        assertThat(conv.weight().shape()).containsExactly(8, 2, 3, 3);
        double bound = 1 / Math.sqrt(2 * 3 * 3);
        double[] w = conv.weight().toDoubleArray();
        assertThat(Arrays.stream(w).allMatch(v -> Math.abs(v) <= bound)).isTrue();
        // 144 uniform draws: the largest magnitude lands within 10% of the bound with overwhelming probability.
        assertThat(Arrays.stream(w).map(Math::abs).max().orElseThrow()).isGreaterThan(0.9 * bound);
        assertThat(Arrays.stream(conv.bias().toDoubleArray()).allMatch(v -> Math.abs(v) <= bound))
                .isTrue();
        assertThat(new Conv2d(4, 8, IntPair.of(3), Conv2dOptions.defaults().groups(2), true, 9)
                        .weight()
                        .contentEquals(conv.weight()))
                .isTrue();
        Linear fc = new Linear(25, 4, true, 3);
        assertThat(Arrays.stream(fc.weight().toDoubleArray()).allMatch(v -> Math.abs(v) <= 0.2))
                .isTrue();
    }

    @Test
    void conv2dSupportsPaddingModesSameAndDilation() {
        Conv2d same = new Conv2d(
                2,
                3,
                IntPair.of(3),
                Conv2dOptions.defaults().padding(Padding.same()).dilation(2).paddingMode(PaddingMode.REFLECT),
                false,
                1);
        assertThat(same.forward(Tensor.randn(1, 2, 2, 9, 7)).shape()).containsExactly(2, 3, 9, 7);
        assertThat(same.bias()).isNull();
        assertThat(same.namedParameters().keySet()).containsExactly("weight");
    }

    @Test
    void convTransposeAndPoolingShapes() {
        ConvTranspose2d up = new ConvTranspose2d(
                4,
                2,
                IntPair.of(3),
                ConvTranspose2dOptions.defaults().stride(2).padding(1).outputPadding(1),
                true,
                5);
        assertThat(up.weight().shape()).containsExactly(4, 2, 3, 3);
        assertThat(up.forward(Tensor.randn(2, 1, 4, 5, 6)).shape()).containsExactly(1, 2, 10, 12);
        Tensor x = Tensor.randn(4, 2, 3, 8, 8);
        assertThat(new MaxPool2d(Pool2dOptions.of(2)).forward(x).shape()).containsExactly(2, 3, 4, 4);
        assertThat(new AvgPool2d(Pool2dOptions.of(3).stride(1).padding(1))
                        .forward(x)
                        .shape())
                .containsExactly(2, 3, 8, 8);
        assertThat(new AdaptiveAvgPool2d(1, 1).forward(x).shape()).containsExactly(2, 3, 1, 1);
        assertThat(new Flatten().forward(x).shape()).containsExactly(2, 192);
        assertThat(new Flatten(0, 1).forward(x).shape()).containsExactly(6, 8, 8);
        assertThat(new ReLU().forward(Tensor.of(-1f, 2f)).toDoubleArray()).containsExactly(0, 2);
    }

    @Test
    void dropoutFollowsTrainingMode() {
        Dropout drop = new Dropout(0.5, 3);
        Sequential net = new Sequential(new ReLU(), drop);
        Tensor x = Tensor.ones(1000);
        Tensor a = net.forward(x);
        Tensor b = net.forward(x);
        assertThat(a.toDoubleArray()).contains(0.0, 2.0);
        assertThat(a.contentEquals(b)).as("each call draws a fresh mask").isFalse();
        net.eval();
        assertThat(drop.isTraining()).isFalse();
        assertThat(net.forward(x).contentEquals(x)).isTrue();
        net.train();
        assertThat(drop.isTraining()).isTrue();
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential net = new Sequential(new Linear(3, 2, true, 1), new ReLU(), new Linear(2, 1, true, 2));
        net.forward(Tensor.ones(4, 3)).sum().backward();
        assertThat(net.parameters()).allMatch(p -> p.grad() != null);
        net.zeroGrad();
        assertThat(net.parameters()).allMatch(p -> p.grad() == null);
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(net.toString()).contains("(0): Linear(in_features=3, out_features=2, bias=True)");
    }

    @Test
    void invalidArgumentsNameTheArgument() {
        assertThatThrownBy(() ->
                        new Conv2d(3, 4, IntPair.of(3), Conv2dOptions.defaults().groups(2), true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in_channels (3) must be divisible by groups (2)");
        assertThatThrownBy(() -> new Conv2d(0, 4, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in_channels");
        assertThatThrownBy(() -> new Linear(3, 0, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out_features");
        assertThatThrownBy(() -> new Dropout(-0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p must be in [0, 1]");
        assertThatThrownBy(() -> new Conv2d(2, 4, 3, 0).forward(Tensor.zeros(1, 3, 5, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 3, 5, 5]");
        assertThatThrownBy(() -> new Linear(3, 2, true, 0).forward(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> new Sequential(new ReLU(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1");
    }
}
