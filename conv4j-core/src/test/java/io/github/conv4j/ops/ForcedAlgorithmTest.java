package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast convolution kernel, forced through the options, against the float64 reference on seeded random
 * problems: forward, input gradient and weight gradient, within {@link ErrorBound}; and bit-identical results for any
 * thread count.
 */
class ForcedAlgorithmTest {
    static final Algorithm[] FAST = {
        Algorithm.IM2COL,
        Algorithm.WINOGRAD,
        Algorithm.DIRECT,
        Algorithm.DEPTHWISE,
        Algorithm.SEPARABLE,
        Algorithm.FFT,
        Algorithm.AUTO
    };

    /** Random problems, and the same problems made 3×3, stride 1, undilated so that Winograd applies too. */
    static Stream<Arguments> cases() {
        Stream<RandomConvCase> general = RandomConvCase.cases(60, 9000, DType.FLOAT32);
        Stream<RandomConvCase> threeByThree = RandomConvCase.cases(40, 9500, DType.FLOAT32)
                .map(c -> new RandomConvCase(
                        c.seed(),
                        c.input(),
                        Tensor.randn(
                                c.seed() + 5, c.weight().size(0), c.weight().size(1), 3, 3),
                        c.bias(),
                        c.options().stride(1).dilation(1)));
        Stream<RandomConvCase> depthwise = RandomConvCase.cases(40, 9800, DType.FLOAT32)
                .map(c -> {
                    int ch = c.input().size(1);
                    int mult = 1 + (int) (c.seed() % 2);
                    return new RandomConvCase(
                            c.seed(),
                            c.input(),
                            Tensor.randn(
                                    c.seed() + 6,
                                    ch * mult,
                                    1,
                                    c.weight().size(2),
                                    c.weight().size(3)),
                            c.bias() == null ? null : Tensor.randn(c.seed() + 8, ch * mult),
                            c.options().groups(ch));
                });
        Stream<RandomConvCase> separable = RandomConvCase.cases(30, 9900, DType.FLOAT32)
                .map(c -> {
                    Tensor col = Tensor.randn(c.seed() + 6, c.weight().size(2), 1);
                    Tensor row = Tensor.randn(c.seed() + 7, 1, c.weight().size(3));
                    Tensor k = col.mul(row)
                            .reshape(1, 1, c.weight().size(2), c.weight().size(3));
                    return new RandomConvCase(
                            c.seed(),
                            c.input()
                                    .slice(
                                            io.github.conv4j.tensor.Slice.all(),
                                            io.github.conv4j.tensor.Slice.range(0, 1)),
                            k,
                            null,
                            c.options().groups(1));
                });
        return Stream.of(general, threeByThree, depthwise, separable)
                .flatMap(s -> s)
                .flatMap(c -> Stream.of(FAST).map(a -> Arguments.of(a, c)))
                .filter(a -> supported((Algorithm) a.get()[0], (RandomConvCase) a.get()[1]));
    }

    static boolean supported(Algorithm a, RandomConvCase c) {
        try {
            io.github.conv4j.kernel.AlgorithmSelector.choose(
                    io.github.conv4j.spec.ConvGeometry.forConv2d(
                            c.input().shape(), c.weight().shape(), c.options()),
                    a,
                    DType.FLOAT32,
                    c.weight().floatArray(),
                    false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Winograd's transforms mix a whole tile's inputs, so an output's error scales with its tile's largest
     * {@code Σ|x||w|} (a normwise bound), by up to 11.5× the direct constant for F(4×4, 3×3) as measured in
     * {@code WinogradConvTest}: held to 16×. The FFT's error grows with log2 of the transform size and is spread over
     * all outputs, so it is held to 16× of the largest terms too (FFT sizes here stay below 2^8 per axis); AUTO may
     * run either. Separable passes round the factorised kernel and the intermediate row (2×).
     */
    static Tensor bound(Algorithm a, Tensor scale) {
        if (a != Algorithm.FFT && a != Algorithm.AUTO && a != Algorithm.WINOGRAD) {
            return scale;
        }
        // Rounding errors spread over many outputs in proportion to the largest terms, so a small output next to
        // large ones is held to the largest Σ|x||w|, not its own.
        return Tensor.full(scale.numel() == 0 ? 0 : scale.max().item(), scale.shape())
                .to(scale.dtype());
    }

    static int slack(Algorithm a) {
        return switch (a) {
            case WINOGRAD, FFT, AUTO -> 16;
            case SEPARABLE -> 2;
            default -> 1;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheReferenceForwardAndBackward(Algorithm algorithm, RandomConvCase c) {
        Conv2dOptions fast = c.options().algorithm(algorithm);
        Tensor x = c.input().copy().requiresGrad(true);
        Tensor w = c.weight().copy().requiresGrad(true);
        Tensor b = c.bias() == null ? null : c.bias().copy().requiresGrad(true);
        Tensor y = Functional.conv2d(x, w, b, fast);
        Tensor gy = Tensor.randn(c.seed() + 1, y.shape());
        y.backward(gy);

        Tensor rx = c.input().to(DType.FLOAT64).requiresGrad(true);
        Tensor rw = c.weight().to(DType.FLOAT64).requiresGrad(true);
        Tensor rb = c.bias() == null ? null : c.bias().to(DType.FLOAT64).requiresGrad(true);
        Tensor ry = Functional.conv2d(rx, rw, rb, c.options());
        ry.backward(gy.to(DType.FLOAT64));

        Tensor ax = rx.detach().abs().requiresGrad(true);
        Tensor aw = rw.detach().abs().requiresGrad(true);
        Tensor ab = rb == null ? null : rb.detach().abs().requiresGrad(true);
        Tensor scale = Functional.conv2d(
                ax, aw, ab, c.options().paddingValue(Math.abs(c.options().paddingValue())));
        scale.backward(gy.to(DType.FLOAT64).abs());

        int terms = slack(algorithm) * (w.size(1) * w.size(2) * w.size(3) + 1);
        int gradTerms = slack(algorithm) * (y.size(0) * y.size(2) * y.size(3) + w.size(0) * w.size(2) * w.size(3));
        ErrorBound.assertWithin(y, ry, bound(algorithm, scale.detach()), terms, algorithm + " " + c + " output");
        ErrorBound.assertWithin(
                x.grad(), rx.grad(), bound(algorithm, ax.grad()), gradTerms, algorithm + " " + c + " grad_input");
        ErrorBound.assertWithin(
                w.grad(), rw.grad(), bound(algorithm, aw.grad()), gradTerms, algorithm + " " + c + " grad_weight");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void identicalForAnyThreadCount(Algorithm algorithm, RandomConvCase c) {
        Conv2dOptions fast = c.options().algorithm(algorithm);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor one = Functional.conv2d(c.input(), c.weight(), c.bias(), fast);
            Parallel.setThreads(3);
            Tensor three = Functional.conv2d(c.input(), c.weight(), c.bias(), fast);
            assertThat(three.contentEquals(one)).isTrue();
        } finally {
            Parallel.setThreads(before);
        }
    }

    @org.junit.jupiter.api.Test
    void winogradRefusesOtherGeometries() {
        assertThatThrownBy(() -> Functional.conv2d(
                        Tensor.zeros(1, 1, 8, 8),
                        Tensor.zeros(1, 1, 3, 3),
                        null,
                        Conv2dOptions.defaults().stride(2).algorithm(Algorithm.WINOGRAD)))
                .hasMessageContaining("conv2d: algorithm WINOGRAD cannot compute n1c1h8w8o1k3s2")
                .hasMessageContaining("needs a 3×3 kernel and stride 1");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fastKernelsRefuseFloat64(Algorithm algorithm, RandomConvCase c) {
        if (algorithm == Algorithm.AUTO) {
            return; // AUTO runs float64 on the reference
        }
        assertThatThrownBy(() -> Functional.conv2d(
                        c.input().to(DType.FLOAT64),
                        c.weight().to(DType.FLOAT64),
                        null,
                        c.options().algorithm(algorithm)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algorithm " + algorithm + " cannot compute")
                .hasMessageContaining("float32 only");
    }
}
