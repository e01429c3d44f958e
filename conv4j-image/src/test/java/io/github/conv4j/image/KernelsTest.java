package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelsTest {
    @Test
    void fixedKernelsHaveTheirTextbookValues() {
        assertThat(Kernels.edge().toFloatArray()).containsExactly(1, -1);
        assertThat(Kernels.sobelX().toFloatArray()).containsExactly(-1, 0, 1, -2, 0, 2, -1, 0, 1);
        assertThat(Kernels.sobelY().contentEquals(Kernels.sobelX().t().copy())).isTrue();
        assertThat(Kernels.scharrX().toFloatArray()).containsExactly(-3, 0, 3, -10, 0, 10, -3, 0, 3);
        assertThat(Kernels.scharrY().contentEquals(Kernels.scharrX().t().copy()))
                .isTrue();
        assertThat(Kernels.prewittY().contentEquals(Kernels.prewittX().t().copy()))
                .isTrue();
        assertThat(Kernels.laplacian().toFloatArray()).containsExactly(0, 1, 0, 1, -4, 1, 0, 1, 0);
        assertThat(Kernels.laplacian8().sum().item()).isZero();
        assertThat(Kernels.sharpen().sum().item()).isEqualTo(1.0);
        assertThat(Kernels.emboss().sum().item()).isEqualTo(1.0);
    }

    @Test
    void derivativeIsTheAlternatingBinomialRow() {
        assertThat(Kernels.derivative(0).toFloatArray()).containsExactly(1);
        assertThat(Kernels.derivative(1).toFloatArray()).containsExactly(1, -1);
        assertThat(Kernels.derivative(2).toFloatArray()).containsExactly(1, -2, 1);
        assertThat(Kernels.derivative(4).toFloatArray()).containsExactly(1, -4, 6, -4, 1);
        assertThat(Kernels.derivative(5).shape()).containsExactly(1, 6);
        assertThat(Kernels.derivativeY(3).shape()).containsExactly(4, 1);
        assertThat(Kernels.derivativeY(3).toFloatArray()).containsExactly(1, -3, 3, -1);
        // A d-th difference annihilates polynomials of degree < d: the coefficients sum to zero.
        assertThat(Kernels.derivative(7).sum().item()).isZero();
        assertThatThrownBy(() -> Kernels.derivative(-1)).hasMessageContaining("derivative order");
    }

    @Test
    void gaussianIsNormalisedSymmetricAndSizedFromSigma() {
        assertThat(Kernels.gaussianSize(1.0)).isEqualTo(7);
        assertThat(Kernels.gaussianSize(1.5)).isEqualTo(11);
        Tensor g = Kernels.gaussian(1.0);
        assertThat(g.shape()).containsExactly(7, 7);
        assertThat(g.sum().item()).isCloseTo(1.0, offset(1e-5));
        assertThat(g.contentEquals(g.t().copy())).isTrue();
        float[] row = Kernels.gaussian1d(2.0, 5).toFloatArray();
        assertThat(row[0]).isEqualTo(row[4]);
        assertThat(row[2]).isGreaterThan(row[1]);
        assertThatThrownBy(() -> Kernels.gaussian(0)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> Kernels.gaussian(1, 4)).hasMessageContaining("odd");
    }

    @Test
    void boxAndIntegral() {
        assertThat(Kernels.box(2).toFloatArray()).containsExactly(0.25f, 0.25f, 0.25f, 0.25f);
        assertThat(Kernels.integral(3).toFloatArray()).containsExactly(1, 1, 1);
        assertThatThrownBy(() -> Kernels.box(0)).hasMessageContaining("box size");
    }

    @Test
    void parsesNamesParametersAndInlineMatrices() {
        assertThat(Kernels.parse("sobel-x").contentEquals(Kernels.sobelX())).isTrue();
        assertThat(Kernels.parse("Laplacian8").contentEquals(Kernels.laplacian8()))
                .isTrue();
        assertThat(Kernels.parse("gaussian:1.5:5").shape()).containsExactly(5, 5);
        assertThat(Kernels.parse("gaussian:1").shape()).containsExactly(7, 7);
        assertThat(Kernels.parse("box:3").shape()).containsExactly(3, 3);
        assertThat(Kernels.parse("deriv:2").toFloatArray()).containsExactly(1, -2, 1);
        assertThat(Kernels.parse("deriv-y:1").shape()).containsExactly(2, 1);
        Tensor inline = Kernels.parse("1,-1;2,-2");
        assertThat(inline.shape()).containsExactly(2, 2);
        assertThat(inline.toFloatArray()).containsExactly(1, -1, 2, -2);
        assertThat(Kernels.parse("-0.5, 0.5").toFloatArray()).containsExactly(-0.5f, 0.5f);
        assertThat(Kernels.catalogue()).containsKeys("edge", "sobel-x", "gaussian:1", "deriv:2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "gaussian", "gaussian:x", "box:1:2", "1,2;3", "1,a", "deriv:z", ""})
    void refusesMalformedDescriptions(String text) {
        assertThatThrownBy(() -> Kernels.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kernel");
    }
}
