package io.github.conv4j.ops;

import io.github.conv4j.spec.Boundary;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of every differentiable op of the core, on seeded random configurations. */
class GradientCheckTest {

    static Stream<RandomConvCase> convCases() {
        return RandomConvCase.cases(60, 5000, DType.FLOAT64);
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void conv2dInputWeightAndBias(RandomConvCase c) {
        if (c.bias() == null) {
            GradCheck.check(c.seed(), t -> Functional.conv2d(t[0], t[1], null, c.options()), c.input(), c.weight());
        } else {
            GradCheck.check(
                    c.seed(), t -> Functional.conv2d(t[0], t[1], t[2], c.options()), c.input(), c.weight(), c.bias());
        }
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void convTranspose2d(RandomConvCase c) {
        SplittableRandom r = new SplittableRandom(c.seed());
        int groups = c.options().groups();
        int cin = c.weight().size(0);
        Tensor weight = Tensor.randn(
                r.nextLong(),
                cin,
                c.input().size(1) / groups,
                c.weight().size(2),
                c.weight().size(3));
        int sh = c.options().stride().h();
        int dh = c.options().dilation().h();
        ConvTranspose2dOptions o = ConvTranspose2dOptions.defaults()
                .stride(c.options().stride())
                .dilation(c.options().dilation())
                .groups(groups)
                .padding(IntPair.of(r.nextInt(2), r.nextInt(2)))
                .outputPadding(IntPair.of(r.nextInt(Math.max(sh, dh)), 0));
        Tensor x = Tensor.randn(r.nextLong(), 2, cin, 2 + r.nextInt(4), 2 + r.nextInt(4));
        Tensor bias = Tensor.randn(r.nextLong(), weight.size(1) * groups);
        try {
            io.github.conv4j.spec.OutputShapes.convTranspose2d(x.shape(), weight.shape(), o);
        } catch (IllegalArgumentException tooSmall) {
            return;
        }
        GradCheck.check(c.seed(), t -> Functional.convTranspose2d(t[0], t[1], t[2], o), x, weight, bias);
    }

    @Test
    void padInEveryMode() {
        for (PaddingMode mode : PaddingMode.values()) {
            for (int seed = 0; seed < 5; seed++) {
                SplittableRandom r = new SplittableRandom(seed);
                Tensor x = Tensor.randn(seed, 2, 1 + r.nextInt(4), 1 + r.nextInt(4));
                int t = r.nextInt(6) - 1;
                int b = r.nextInt(6);
                int l = r.nextInt(6);
                int rt = r.nextInt(6) - 1;
                GradCheck.check(seed, in -> Functional.pad(in[0], Math.max(t, 0), b, l, Math.max(rt, 0), mode, 0.5), x);
            }
        }
    }

    @Test
    void poolingAwayFromTies() {
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int k = 1 + r.nextInt(3);
            Pool2dOptions o = Pool2dOptions.of(k)
                    .stride(1 + r.nextInt(3))
                    .padding(r.nextInt(k / 2 + 1))
                    .ceilMode(r.nextBoolean())
                    .countIncludePad(r.nextBoolean());
            Tensor x = Tensor.randn(seed, 2, 2, 3 + r.nextInt(5), 3 + r.nextInt(5));
            GradCheck.check(seed, in -> Functional.maxPool2d(in[0], o), x);
            GradCheck.check(seed, in -> Functional.avgPool2d(in[0], o), x);
            int outH = 1 + r.nextInt(4);
            int outW = 1 + r.nextInt(4);
            GradCheck.check(seed, in -> Functional.adaptiveAvgPool2d(in[0], outH, 2), x);
            GradCheck.check(seed, in -> Functional.adaptiveMaxPool2d(in[0], 2, outW), x);
        }
    }

    @Test
    void unfoldFoldAndConvolve2d() {
        for (int seed = 0; seed < 10; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = Tensor.randn(seed, 1, 2, 5 + r.nextInt(3), 5 + r.nextInt(3));
            IntPair k = IntPair.of(1 + r.nextInt(3), 1 + r.nextInt(3));
            IntPair d = IntPair.of(1 + r.nextInt(2));
            IntPair p = IntPair.of(r.nextInt(2));
            IntPair s = IntPair.of(1 + r.nextInt(2));
            GradCheck.check(seed, in -> Functional.unfold(in[0], k, d, p, s), x);
            Tensor cols = Functional.unfold(x, k, d, p, s);
            IntPair size = IntPair.of(x.size(2), x.size(3));
            GradCheck.check(seed, in -> Functional.fold(in[0], size, k, d, p, s), cols);
            Tensor kernel = Tensor.randn(seed + 9, 1 + r.nextInt(3), 1 + r.nextInt(3));
            for (ConvolveMode mode : ConvolveMode.values()) {
                for (Boundary boundary : Boundary.values()) {
                    GradCheck.check(seed, in -> Functional.convolve2d(in[0], in[1], mode, boundary, 0.25), x, kernel);
                }
            }
        }
    }

    @Test
    void elementwiseAndReductions() {
        Tensor a = Tensor.uniform(1, 0.5, 2, 3, 4);
        Tensor b = Tensor.uniform(2, 0.5, 2, 4);
        GradCheck.check(1, t -> t[0].add(t[1]).mul(t[0]).div(t[1]).sub(t[1]), a, b);
        GradCheck.check(2, t -> t[0].exp().log().sqrt().tanh().sigmoid().pow(3).neg(), a);
        GradCheck.check(3, t -> t[0].sum(1, true).mul(t[0].mean(0, false)), a);
        GradCheck.check(4, t -> t[0].permute(1, 0).reshape(2, 6).transpose(0, 1).relu(), a.sub(1));
    }
}
