package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** One test per bad-input rule: the exception type, a message naming argument, value, shapes and rule. */
class BadInputTest {
    final Tensor x = Tensor.randn(1, 1, 3, 5, 5);
    final Tensor before = x.copy();

    void assertInputUnchanged() {
        assertThat(x.contentEquals(before)).isTrue();
    }

    @Test
    void channelMismatchNamesGroupsWeightAndInput() {
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(4, 2, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d: Given groups=1, weight of size [4, 2, 3, 3], expected input[1, 3, 5, 5] to have 2"
                        + " channels, but got 3 channels instead");
        assertInputUnchanged();
    }

    @Test
    void kernelLargerThanPaddedInput() {
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(1, 3, 7, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kernel size can't be greater than actual input size")
                .hasMessageContaining("[1, 3, 5, 5]")
                .hasMessageContaining("[1, 3, 7, 3]");
    }

    @Test
    void groupsMustDivideChannels() {
        assertThatThrownBy(() -> Functional.conv2d(
                        x,
                        Tensor.zeros(4, 1, 3, 3),
                        null,
                        Conv2dOptions.defaults().groups(2)))
                .hasMessage("conv2d: in_channels (3) must be divisible by groups (2)");
        assertThatThrownBy(() -> Functional.conv2d(
                        Tensor.zeros(1, 4, 5, 5),
                        Tensor.zeros(3, 2, 3, 3),
                        null,
                        Conv2dOptions.defaults().groups(2)))
                .hasMessage("conv2d: out_channels (3) must be divisible by groups (2)");
        assertThatThrownBy(() -> Functional.conv2d(
                        x,
                        Tensor.zeros(4, 3, 3, 3),
                        null,
                        Conv2dOptions.defaults().groups(0)))
                .hasMessage("conv2d: groups must be >= 1, got 0");
    }

    @Test
    void strideDilationAndPaddingMustBeValid() {
        assertThatThrownBy(() -> Functional.conv2d(
                        x,
                        Tensor.zeros(1, 3, 3, 3),
                        null,
                        Conv2dOptions.defaults().stride(0, 1)))
                .hasMessage("conv2d: stride must be >= 1 in both dimensions, got (0, 1)");
        assertThatThrownBy(() -> Functional.conv2d(
                        x,
                        Tensor.zeros(1, 3, 3, 3),
                        null,
                        Conv2dOptions.defaults().dilation(-1)))
                .hasMessage("conv2d: dilation must be >= 1 in both dimensions, got (-1, -1)");
        assertThatThrownBy(() -> Padding.of(-1)).hasMessageContaining("padding: amounts must be >= 0");
    }

    @Test
    void strictModeRefusesIgnoredRows() {
        Conv2dOptions strict = Conv2dOptions.defaults().stride(2).strict(true);
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(1, 1, 6, 5), Tensor.zeros(1, 1, 3, 3), null, strict))
                .hasMessageContaining("strict mode: along height")
                .hasMessageContaining("not divisible by stride 2");
        assertThat(Functional.conv2d(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 3, 3), null, strict)
                        .shape())
                .containsExactly(1, 1, 2, 2);
    }

    @Test
    void ranksAndBiasAreChecked() {
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(5, 5), Tensor.zeros(1, 1, 3, 3)))
                .hasMessage("conv2d: expected input with 3 or 4 dimensions, but got input of size [5, 5]");
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(3, 3, 3)))
                .hasMessageContaining("weight must be 4-D");
        assertThatThrownBy(
                        () -> Functional.conv2d(x, Tensor.zeros(2, 3, 3, 3), Tensor.zeros(3), Conv2dOptions.defaults()))
                .hasMessageContaining("bias must be 1-D with 2 elements")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(2, 3, 3, 3).to(DType.FLOAT64)))
                .hasMessageContaining("input is float32 but weight is float64");
        assertThatThrownBy(() -> Functional.conv2d(null, Tensor.zeros(2, 3, 3, 3)))
                .hasMessage("conv2d: input must not be null");
    }

    @Test
    void corr2dRefusesALargerKernel() {
        assertThatThrownBy(() -> Functional.corr2d(Tensor.zeros(2, 2), Tensor.zeros(3, 3)))
                .hasMessageContaining("Kernel size can't be greater than actual input size");
    }

    @Test
    void transposedConvolutionChecks() {
        assertThatThrownBy(() -> Functional.convTranspose2d(
                        x, Tensor.zeros(2, 3, 3, 3), null, ConvTranspose2dOptions.defaults()))
                .hasMessageContaining("Given transposed=1, weight of size [2, 3, 3, 3], expected input[1, 3, 5, 5] to"
                        + " have 2 channels, but got 3 channels instead");
        assertThatThrownBy(() -> Functional.convTranspose2d(
                        x,
                        Tensor.zeros(3, 1, 3, 3),
                        null,
                        ConvTranspose2dOptions.defaults().stride(2).outputPadding(2)))
                .hasMessageContaining("output padding must be smaller than either stride or dilation");
    }

    @Test
    void poolingChecks() {
        assertThatThrownBy(() -> Functional.maxPool2d(x, Pool2dOptions.of(2).padding(2)))
                .hasMessageContaining("pad should be at most half of effective kernel size");
        assertThatThrownBy(() -> Functional.avgPool2d(x, Pool2dOptions.of(2).dilation(2)))
                .hasMessage("avgPool2d: dilation is not supported, got 2");
        assertThatThrownBy(() -> Functional.maxPool2d(Tensor.zeros(4, 4), Pool2dOptions.of(2)))
                .hasMessageContaining("expected 3-D or 4-D input");
        assertThatThrownBy(() -> Functional.maxPool2d(x, Pool2dOptions.of(7)))
                .hasMessageContaining("does not fit along height");
        assertThatThrownBy(() -> Functional.adaptiveAvgPool2d(x, 0, 1)).hasMessageContaining("outputSize must be >= 1");
    }

    @Test
    void padChecks() {
        assertThatThrownBy(() -> Functional.pad(Tensor.zeros(3), 1, 1, 1, 1, PaddingMode.REFLECT, 0))
                .hasMessageContaining("input must have at least 2 dimensions");
        assertThatThrownBy(() -> Functional.pad(Tensor.zeros(1, 0, 3), 1, 1, 0, 0, PaddingMode.REFLECT, 0))
                .hasMessageContaining("cannot pad an empty height in REFLECT mode");
        assertThatThrownBy(() -> Functional.pad(Tensor.zeros(2, 3), -3, -1, 0, 0, PaddingMode.ZEROS, 0))
                .hasMessageContaining("removes more than the 2 elements");
        assertThatThrownBy(() -> PaddingMode.parse("mirrorball")).hasMessageContaining("unknown mode 'mirrorball'");
    }

    @Test
    void unfoldFoldAndConvolveChecks() {
        assertThatThrownBy(() -> Functional.fold(
                        Tensor.zeros(1, 5, 4),
                        IntPair.of(3),
                        IntPair.of(2),
                        IntPair.of(1),
                        IntPair.of(0),
                        IntPair.of(1)))
                .hasMessageContaining("divisible by the product of kernel_size");
        assertThatThrownBy(() -> Functional.fold(
                        Tensor.zeros(1, 4, 5),
                        IntPair.of(3),
                        IntPair.of(2),
                        IntPair.of(1),
                        IntPair.of(0),
                        IntPair.of(1)))
                .hasMessageContaining("calculated number of sliding blocks 2 * 2 = 4");
        assertThatThrownBy(() -> Functional.convolve2d(Tensor.zeros(3, 4), Tensor.zeros(2, 5), ConvolveMode.VALID))
                .hasMessageContaining("in valid mode, either input or kernel must be at least as large");
        assertThatThrownBy(() -> Functional.convolutionMatrix(
                        new int[] {3, 5, 5},
                        Tensor.zeros(1, 3, 3, 3),
                        Conv2dOptions.defaults()
                                .padding(1)
                                .paddingMode(PaddingMode.CONSTANT)
                                .paddingValue(2)))
                .hasMessageContaining("affine, not linear");
    }

    @Test
    void sizesBeyondTheArrayLimitAreRefusedWithoutOverflow() {
        assertThatThrownBy(() -> Shapes.numel("input", 65536, 65536)).hasMessageContaining("beyond Java's array limit");
        assertThatThrownBy(() -> Tensor.zeros(50000, 50000)).hasMessageContaining("beyond Java's array limit");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative dimension -1");
    }

    @Test
    void nanPropagatesAndMaxPoolOfNanIsNan() {
        Tensor withNan = Tensor.arange(9).reshape(1, 1, 3, 3);
        withNan.fill(
                Double.NaN,
                io.github.conv4j.tensor.Slice.all(),
                io.github.conv4j.tensor.Slice.all(),
                io.github.conv4j.tensor.Slice.at(0),
                io.github.conv4j.tensor.Slice.at(0));
        Tensor pooled = Functional.maxPool2d(withNan, Pool2dOptions.of(2).stride(1));
        assertThat(pooled.toFloatArray()).containsExactly(Float.NaN, 5, 7, 8);
        Tensor conv = Functional.conv2d(withNan, Tensor.ones(1, 1, 2, 2));
        assertThat(conv.toFloatArray()).containsExactly(Float.NaN, 12, 20, 24);
        assertThat(withNan.max().item()).isNaN();
    }
}
