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
    static final Algorithm[] FAST = {Algorithm.IM2COL, Algorithm.WINOGRAD};

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
        return Stream.concat(general, threeByThree)
                .flatMap(c -> Stream.of(FAST).map(a -> Arguments.of(a, c)))
                .filter(a -> supported((Algorithm) a.get()[0], (RandomConvCase) a.get()[1]));
    }

    static boolean supported(Algorithm a, RandomConvCase c) {
        try {
            io.github.conv4j.kernel.AlgorithmSelector.choose(
                    io.github.conv4j.spec.ConvGeometry.forConv2d(
                            c.input().shape(), c.weight().shape(), c.options()),
                    a,
                    DType.FLOAT32);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Winograd's transforms add a constant factor to the rounding error; 4× the direct bound holds it. */
    static int slack(Algorithm a) {
        return a == Algorithm.WINOGRAD ? 4 : 1;
    }

    @ParameterizedTest
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
        ErrorBound.assertWithin(y, ry, scale.detach(), terms, "output");
        ErrorBound.assertWithin(x.grad(), rx.grad(), ax.grad(), gradTerms, "grad_input");
        ErrorBound.assertWithin(w.grad(), rw.grad(), aw.grad(), gradTerms, "grad_weight");
    }

    @ParameterizedTest
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
                .hasMessageContaining("needs a 3×3 kernel, stride 1 and dilation 1");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fastKernelsRefuseFloat64(Algorithm algorithm, RandomConvCase c) {
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
