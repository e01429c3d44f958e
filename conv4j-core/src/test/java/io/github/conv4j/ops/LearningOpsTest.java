package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning ops added for {@code conv4j-nn}: linear algebra, softmax, dropout and losses. Values are compared with
 * PyTorch 1.13 in float64 (numbers printed once by {@code /usr/bin/python3} with {@code torch.nn.functional} and
 * pasted here); tolerance 1e-12, since both compute in double and differ only in summation order.
 */
class LearningOpsTest {
    private static final Tensor X = Tensor.fromDoubles(new double[] {1, 2, 3, -1, 0.5, 4}, DType.FLOAT64, 2, 3);

    static LongStream seeds() {
        return LongStream.range(0, 12).map(i -> 7000 + i);
    }

    @Test
    void softmaxAndLogSoftmaxMatchPyTorch() {
        assertThat(Functional.softmax(X, 1).toDoubleArray())
                .containsExactly(
                        new double[] {
                            0.09003057317038045, 0.2447284710547976, 0.6652409557748218,
                            0.00649794331566194, 0.0291217615374784, 0.9643802951468596
                        },
                        org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Functional.logSoftmax(X, 0).toDoubleArray())
                .containsExactly(
                        new double[] {
                            -0.1269280110429726, -0.20141327798275246, -1.3132616875182228,
                            -2.1269280110429727, -1.7014132779827524, -0.31326168751822286
                        },
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void logSoftmaxIsStableForHugeLogits() {
        Tensor y = Functional.logSoftmax(Tensor.of(1000f, 0f), 0);
        assertThat(y.toDoubleArray()).containsExactly(0, -1000);
    }

    @Test
    void lossesMatchPyTorch() {
        int[] t = {2, 0};
        org.assertj.core.data.Offset<Double> tol = org.assertj.core.data.Offset.offset(1e-12);
        assertThat(Functional.crossEntropy(X, t, Reduction.MEAN).item()).isCloseTo(2.7219377647845797, tol);
        assertThat(Functional.crossEntropy(X, t, Reduction.SUM).item()).isCloseTo(5.443875529569159, tol);
        assertThat(Functional.crossEntropy(X, t, Reduction.NONE).toDoubleArray())
                .containsExactly(new double[] {0.4076059644443804, 5.036269565124779}, tol);
        Tensor classes = Tensor.fromDoubles(new double[] {2, 0}, DType.FLOAT64, 2);
        assertThat(Functional.crossEntropy(X, classes, Reduction.MEAN).item()).isCloseTo(2.7219377647845797, tol);
        Tensor target = Tensor.fromDoubles(new double[] {0.5, 2, 1, 0, 0, 3}, DType.FLOAT64, 2, 3);
        assertThat(Functional.mseLoss(X, target, Reduction.MEAN).item()).isCloseTo(1.0833333333333333, tol);
        assertThat(Functional.mseLoss(X, target, Reduction.SUM).item()).isCloseTo(6.5, tol);
    }

    @Test
    void maxSplitsTheGradientAmongTies() {
        // PyTorch 1.13: a = tensor([1., 3., 3., 2.]); a.max().backward() gives [0, 0.5, 0.5, 0].
        Tensor a = Tensor.of(1f, 3f, 3f, 2f).requiresGrad(true);
        a.max().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(0, 0.5, 0.5, 0);
        Tensor b = Tensor.of(4f, 1f, 4f, 4f).requiresGrad(true);
        b.min().mul(3).backward();
        assertThat(b.grad().toDoubleArray()).containsExactly(0, 3, 0, 0);
    }

    @Test
    void matmulAndLinear() {
        Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new float[][] {{5}, {6}});
        assertThat(Functional.matmul(a, b).toDoubleArray()).containsExactly(17, 39);
        Tensor w = Tensor.of(new float[][] {{1, 0}, {0, -1}, {1, 1}});
        Tensor bias = Tensor.of(0.5f, 0f, -1f);
        assertThat(Functional.linear(a, w, bias).toDoubleArray()).containsExactly(1.5, -2, 2, 3.5, -4, 6);
        assertThat(Functional.linear(Tensor.of(1f, 2f), w, null).shape()).containsExactly(3);
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEval() {
        Tensor x = Tensor.ones(10_000);
        Tensor y = Functional.dropout(x, 0.25, true, 5);
        double[] v = y.toDoubleArray();
        long zeros = java.util.Arrays.stream(v).filter(e -> e == 0).count();
        // 10 000 Bernoulli(0.25) draws: standard deviation ~43, so ±300 never fails by chance.
        assertThat(zeros).isBetween(2200L, 2800L);
        assertThat(java.util.Arrays.stream(v).filter(e -> e != 0)).allMatch(e -> Math.abs(e - 4.0 / 3) < 1e-6);
        assertThat(Functional.dropout(x, 0.25, true, 5).contentEquals(y)).isTrue();
        assertThat(Functional.dropout(x, 0.25, false, 5)).isSameAs(x);
        assertThat(Functional.dropout(x, 1, true, 5).sum().item()).isZero();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gradients(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(4);
        int in = 1 + r.nextInt(5);
        int out = 1 + r.nextInt(5);
        Tensor x = Tensor.randn(r.nextLong(), n, in);
        Tensor w = Tensor.randn(r.nextLong(), out, in);
        Tensor b = Tensor.randn(r.nextLong(), out);
        Tensor m = Tensor.randn(r.nextLong(), in, out);
        GradCheck.check(seed, t -> Functional.linear(t[0], t[1], t[2]), x, w, b);
        GradCheck.check(seed, t -> Functional.matmul(t[0], t[1]), x, m);
        Tensor logits = Tensor.randn(r.nextLong(), n, out, 3).mul(3);
        int dim = r.nextInt(3) - 1;
        GradCheck.check(seed, t -> Functional.softmax(t[0], dim), logits);
        GradCheck.check(seed, t -> Functional.logSoftmax(t[0], dim), logits);
        GradCheck.check(seed, t -> Functional.dropout(t[0], 0.3, true, seed), logits);
        int[] classes = IntStream.range(0, n).map(i -> r.nextInt(out)).toArray();
        Tensor scores = Tensor.randn(r.nextLong(), n, out).mul(2);
        for (Reduction red : Reduction.values()) {
            GradCheck.check(seed, t -> Functional.crossEntropy(t[0], classes, red), scores);
            GradCheck.check(seed, t -> Functional.mseLoss(t[0], t[1], red), x, Tensor.randn(r.nextLong(), n, in));
        }
        GradCheck.check(seed, t -> t[0].max().add(t[0].min()), x);
    }

    @Test
    void invalidArgumentsNameTheArgumentAndShapes() {
        assertThatThrownBy(() -> Functional.matmul(Tensor.zeros(2, 3), Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}, Reduction.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targets[1] = 3");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(2, 3), Tensor.of(0.5f, 1f), Reduction.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> Functional.mseLoss(Tensor.zeros(2, 3), Tensor.zeros(3, 2), Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target [3, 2]");
        assertThatThrownBy(() -> Functional.dropout(Tensor.zeros(2), 1.5, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p must be in [0, 1]");
        assertThatThrownBy(() -> Functional.softmax(Tensor.zeros(2, 3), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
