package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    private static final Tensor MAP = Tensor.wrap(new float[] {-2, 0, 1, 4}, 2, 2);

    @Test
    void absScalesByTheLargestMagnitude() {
        assertThat(Normalization.ABS.apply(MAP, false).toFloatArray()).containsExactly(0.5f, 0f, 0.25f, 1f);
    }

    @Test
    void clipKeepsTheUnitInterval() {
        assertThat(Normalization.CLIP.apply(MAP, false).toFloatArray()).containsExactly(0f, 0f, 1f, 1f);
    }

    @Test
    void minmaxStretchesToFullRange() {
        Tensor y = Normalization.MINMAX.apply(MAP, false);
        assertThat(y.shape()).containsExactly(1, 2, 2);
        assertThat(y.toFloatArray()).containsExactly(0f, 2 / 6f, 3 / 6f, 1f);
        assertThat(Normalization.MINMAX.apply(Tensor.full(3, 2, 2), false).toFloatArray())
                .containsOnly(0f);
    }

    @Test
    void signedIsBlueWhiteRed() {
        Tensor rgb = Normalization.SIGNED.apply(Tensor.wrap(new float[] {-1, 0, 1}, 1, 3), false);
        assertThat(rgb.shape()).containsExactly(3, 1, 3);
        // Channel-major: R of (-1, 0, +1), then G, then B.
        assertThat(rgb.toFloatArray()).containsExactly(0, 1, 1, 0, 1, 0, 1, 1, 0);
        assertThatThrownBy(() -> Normalization.SIGNED.apply(Tensor.zeros(2, 2, 2), false))
                .hasMessageContaining("one channel");
    }

    @Test
    void nonFiniteValuesAreAnErrorUnlessAllowed() {
        Tensor bad = Tensor.wrap(new float[] {Float.NaN, 1, Float.POSITIVE_INFINITY, -1}, 2, 2);
        assertThatThrownBy(() -> Normalization.ABS.apply(bad, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
        assertThat(Normalization.ABS.apply(bad, true).toFloatArray()).containsExactly(0f, 1f, 1f, 1f);
        assertThat(Normalization.MINMAX.apply(bad, true).toFloatArray()).containsExactly(0f, 1f, 1f, 0f);
    }

    @Test
    void parsesNames() {
        assertThat(Normalization.parse("MinMax")).isEqualTo(Normalization.MINMAX);
        assertThatThrownBy(() -> Normalization.parse("log")).hasMessageContaining("abs, clip, minmax or signed");
    }

    @Test
    void gridTilesEveryChannel() {
        Tensor maps = Tensor.randn(1, 5, 4, 6);
        Tensor grid = FeatureGrid.render(maps, Normalization.SIGNED, false);
        // 5 maps -> 3 columns, 2 rows, 2-pixel gaps.
        assertThat(grid.shape()).containsExactly(3, 2 * 4 + 2, 3 * 6 + 4);
        assertThat(FeatureGrid.render(maps, Normalization.MINMAX, false).size(0))
                .isEqualTo(1);
    }
}
