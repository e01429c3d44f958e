package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FiltersTest {
    @Test
    void everyChannelGetsTheSameKernel() {
        Tensor image = Tensor.randn(5, 3, 6, 7);
        Tensor k = Tensor.randn(6, 2, 3);
        Tensor y = Filters.correlate(image, k, Conv2dOptions.defaults());
        assertThat(y.shape()).containsExactly(3, 5, 5);
        float[] all = image.toFloatArray();
        float[] out = y.toFloatArray();
        for (int c = 0; c < 3; c++) {
            Tensor plane = Tensor.wrap(java.util.Arrays.copyOfRange(all, c * 42, (c + 1) * 42), 6, 7);
            float[] expected = Functional.corr2d(plane, k).toFloatArray();
            assertThat(java.util.Arrays.copyOfRange(out, c * 25, (c + 1) * 25)).containsExactly(expected);
        }
        assertThat(Filters.correlate(Tensor.randn(1, 6, 7), k, Conv2dOptions.defaults())
                        .shape())
                .containsExactly(5, 5);
    }

    @Test
    void filteringIntoAnOutputGivesTheAllocatingCallsBits() {
        Tensor frame = Tensor.rand(7, 3, 37, 45);
        Tensor k = Kernels.gaussian(1.2);
        Tensor out = Tensor.full(Double.NaN, 3, 37, 45);
        assertThat(Filters.correlate(frame, k, Filters.sameReflect(), out)).isSameAs(out);
        assertThat(out.contentEquals(Filters.correlate(frame, k, Filters.sameReflect())))
                .isTrue();

        Tensor gray = Tensor.rand(8, 40, 50);
        Tensor edges = Tensor.full(Double.NaN, 38, 48);
        Filters.convolve(gray, Kernels.sobelX(), Conv2dOptions.defaults(), edges);
        assertThat(edges.contentEquals(Filters.convolve(gray, Kernels.sobelX(), Conv2dOptions.defaults())))
                .isTrue();

        Tensor untouched = Tensor.full(3, 40, 50);
        assertThatThrownBy(() -> Filters.correlate(gray, k, Conv2dOptions.defaults(), untouched))
                .hasMessage("out must have the filtered image's size [" + (40 - k.size(0) + 1) + ", "
                        + (50 - k.size(1) + 1) + "] (image [40, 50], kernel " + java.util.Arrays.toString(k.shape())
                        + "), got [40, 50]");
        assertThatThrownBy(() -> Filters.correlate(gray, k, Filters.sameReflect(), gray))
                .hasMessageContaining("out must not share memory with input");
        assertThatThrownBy(() -> Filters.correlate(gray, k, Filters.sameReflect(), null))
                .hasMessage("out must not be null");
        assertThat(untouched.toFloatArray()).containsOnly(3f);
    }

    @Test
    void convolveFlipsTheKernel() {
        Tensor image = Tensor.randn(2, 1, 5, 5);
        Tensor k = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor a = Filters.convolve(image, k, Conv2dOptions.defaults());
        Tensor b = Filters.correlate(image, Tensor.of(new float[][] {{4, 3}, {2, 1}}), Conv2dOptions.defaults());
        assertThat(a.contentEquals(b)).isTrue();
    }

    @Test
    void separableBlurMatchesTheTwoDimensionalGaussian() {
        Tensor image = Tensor.rand(3, 2, 20, 24);
        Tensor fast = Filters.gaussianBlur(image, 1.5);
        Tensor direct = Filters.correlate(image, Kernels.gaussian(1.5), Filters.sameReflect());
        assertThat(fast.shape()).containsExactly(2, 20, 24);
        assertThat(fast.allClose(direct, 1e-4, 1e-5)).isTrue();
    }

    @Test
    void sobelMagnitudeFindsAVerticalStep() {
        float[] data = new float[8 * 8];
        for (int i = 0; i < 8; i++) {
            for (int j = 4; j < 8; j++) {
                data[i * 8 + j] = 1;
            }
        }
        Tensor edges = Filters.sobelMagnitude(Tensor.wrap(data, 1, 8, 8));
        assertThat(edges.get(0, 4, 3)).isEqualTo(4.0);
        assertThat(edges.get(0, 4, 4)).isEqualTo(4.0);
        assertThat(edges.get(0, 4, 0)).isZero();
        assertThat(edges.get(0, 4, 7)).isZero();
        assertThat(Filters.scharrMagnitude(Tensor.wrap(data, 1, 8, 8)).get(0, 4, 3))
                .isEqualTo(16.0);
        // Flat image: the Laplacian is zero, sharpening leaves it alone.
        Tensor flat = Tensor.full(0.5, 1, 5, 5);
        assertThat(Filters.laplacian(flat).abs().max().item()).isZero();
        assertThat(Filters.sharpen(flat).allClose(flat)).isTrue();
    }

    @Test
    void grayUsesBt601Weights() {
        Tensor rgb = Tensor.wrap(new float[] {1, 0, 0, 0, 1, 1, 1, 1}, 4, 1, 2);
        Tensor gray = Filters.toGray(rgb);
        assertThat(gray.shape()).containsExactly(1, 1, 2);
        assertThat(gray.get(0, 0, 0)).isCloseTo(0.299 + 0.114, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gray.get(0, 0, 1)).isCloseTo(0.114, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> Filters.toGray(Tensor.zeros(5, 2, 2))).hasMessageContaining("C in 1..4");
        assertThatThrownBy(() -> Filters.correlate(Tensor.zeros(2, 2), Tensor.zeros(3), Conv2dOptions.defaults()))
                .hasMessageContaining("kernel must be 2-D");
    }
}
