package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code conv2d(..., out)}: the same bits as the allocating call on every kernel, with {@code out} filled with NaN
 * beforehand so that a kernel that adds to (rather than overwrites) its output, or skips an element, fails; and the
 * contract around it (checks before any write, no autograd, version bump).
 */
class Conv2dOutTest {

    /** The forced-algorithm problems, plus shapes large enough for the wide register and tiled paths. */
    static Stream<Arguments> cases() {
        Stream<Arguments> large = Stream.of(
                        problem(1, 1, 1, 67, 203, 3, 3, Padding.same(), 1),
                        problem(2, 1, 1, 41, 150, 5, 5, Padding.same(), 1),
                        problem(3, 1, 1, 33, 97, 1, 2, Padding.same(), 1),
                        problem(4, 1, 1, 80, 90, 15, 15, Padding.same(), 1),
                        problem(5, 2, 32, 20, 20, 3, 3, Padding.of(1), 1),
                        problem(6, 1, 24, 30, 26, 3, 3, Padding.of(1), 24),
                        problem(7, 2, 16, 9, 11, 1, 1, Padding.valid(), 1),
                        problem(8, 1, 5, 40, 44, 7, 7, Padding.of(3), 1))
                .flatMap(c -> Stream.of(ForcedAlgorithmTest.FAST).map(a -> Arguments.of(a, c)))
                .filter(a -> ForcedAlgorithmTest.supported((Algorithm) a.get()[0], (RandomConvCase) a.get()[1]));
        return Stream.concat(ForcedAlgorithmTest.cases(), large);
    }

    private static RandomConvCase problem(
            long seed, int n, int c, int h, int w, int kh, int kw, Padding padding, int groups) {
        int o = groups == c ? c : 1 + (int) (seed % 3) * 8;
        return new RandomConvCase(
                seed,
                Tensor.randn(seed, n, c, h, w),
                Tensor.randn(seed + 1, o, c / groups, kh, kw),
                seed % 2 == 0 ? Tensor.randn(seed + 2, o) : null,
                Conv2dOptions.defaults().padding(padding).groups(groups));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void writesTheAllocatingCallsBitsIntoOut(Algorithm algorithm, RandomConvCase c) {
        Conv2dOptions o = c.options().algorithm(algorithm);
        Tensor expected = Functional.conv2d(c.input(), c.weight(), c.bias(), o);
        Tensor out = Tensor.full(Double.NaN, expected.shape());
        float[] inputBefore = c.input().toFloatArray();

        Tensor returned = Functional.conv2d(c.input(), c.weight(), c.bias(), o, out);

        assertThat(returned).isSameAs(out);
        assertThat(out.contentEquals(expected)).as("%s %s", algorithm, c).isTrue();
        assertThat(c.input().toFloatArray()).isEqualTo(inputBefore);
    }

    @Test
    void unbatchedFloat64AndPaddingModesWork() {
        Tensor x = Tensor.randn(11, 2, 9, 8);
        Tensor w = Tensor.randn(12, 3, 2, 3, 3);
        Conv2dOptions o = Conv2dOptions.defaults().padding(1).paddingMode(PaddingMode.REFLECT);
        Tensor out = Tensor.full(7, 3, 9, 8);
        Functional.conv2d(x, w, null, o, out);
        assertThat(out.contentEquals(Functional.conv2d(x, w, null, o))).isTrue();

        Tensor x64 = x.to(DType.FLOAT64);
        Tensor w64 = w.to(DType.FLOAT64);
        Tensor out64 = Tensor.empty(DType.FLOAT64, 3, 9, 8);
        Functional.conv2d(x64, w64, null, o, out64);
        assertThat(out64.contentEquals(Functional.conv2d(x64, w64, null, o))).isTrue();
    }

    @Test
    void badArgumentsLeaveOutUnchanged() {
        Tensor x = Tensor.randn(1, 1, 2, 6, 6);
        Tensor w = Tensor.randn(2, 3, 2, 3, 3);
        Conv2dOptions o = Conv2dOptions.defaults();
        Tensor out = Tensor.full(5, 1, 3, 4, 4);
        float[] before = out.toFloatArray();

        assertThatThrownBy(() -> Functional.conv2d(x, w, null, o, Tensor.zeros(1, 3, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d: out must have the result's size [1, 3, 4, 4] (input of size [1, 2, 6, 6],"
                        + " weight of size [3, 2, 3, 3]), but got out of size [1, 3, 4, 5]");
        assertThatThrownBy(() -> Functional.conv2d(x, w, null, o, Tensor.empty(DType.FLOAT64, 1, 3, 4, 4)))
                .hasMessageContaining("input is float32 but out is float64");
        assertThatThrownBy(() -> Functional.conv2d(x, w, null, o, null)).hasMessage("conv2d: out must not be null");
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.randn(3, 3, 5, 3, 3), null, o, out))
                .hasMessageContaining("expected input[1, 2, 6, 6] to have 5 channels");
        assertThatThrownBy(() -> Functional.conv2d(x, w, null, o.algorithm(Algorithm.DEPTHWISE), out))
                .hasMessageContaining("algorithm DEPTHWISE cannot compute");
        Tensor self = Tensor.randn(4, 1, 3, 4, 4);
        assertThatThrownBy(() -> Functional.conv2d(
                        self,
                        Tensor.randn(5, 3, 3, 1, 1),
                        null,
                        o,
                        self.reshape(48).reshape(1, 3, 4, 4)))
                .hasMessage("conv2d: out must not share memory with input (it is read while out is written)");
        Tensor wrapped = Tensor.wrap(self.floatArray(), 1, 3, 4, 4);
        assertThatThrownBy(() -> Functional.conv2d(self, Tensor.randn(5, 3, 3, 1, 1), null, o, wrapped))
                .hasMessageContaining("share memory with input");
        Tensor needsGrad = w.copy().requiresGrad(true);
        assertThatThrownBy(() -> Functional.conv2d(x, needsGrad, null, o, out))
                .hasMessage("conv2d: out does not record gradients, but weight requires grad; call conv2d without"
                        + " out, or inside a NoGrad scope");
        Tensor outNeedsGrad = Tensor.zeros(1, 3, 4, 4).requiresGrad(true);
        assertThatThrownBy(() -> Functional.conv2d(x, w, null, o, outNeedsGrad))
                .hasMessageContaining("out requires grad");
        assertThat(out.toFloatArray()).isEqualTo(before);

        try (NoGrad ignored = NoGrad.enter()) {
            Functional.conv2d(x, needsGrad, null, o, out);
        }
        assertThat(Arrays.equals(out.toFloatArray(), before)).isFalse();
    }

    @Test
    void aGradientSavedFromOutIsRefusedOnceOutIsOverwritten() {
        Tensor x = Tensor.randn(21, 1, 2, 6, 6);
        Tensor w = Tensor.randn(22, 3, 2, 3, 3);
        Tensor out = Functional.conv2d(x, w, null, Conv2dOptions.defaults());
        Tensor scale = Tensor.randn(23, out.shape()).requiresGrad(true);
        Tensor loss = scale.mul(out).sum();
        Functional.conv2d(x, w.mul(2), null, Conv2dOptions.defaults(), out);
        assertThatThrownBy(loss::backward).hasMessageContaining("modified by an in-place operation");
    }
}
