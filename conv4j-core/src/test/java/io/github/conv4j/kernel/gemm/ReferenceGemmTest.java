package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The oracle itself, checked by hand: a wrong oracle would make every Sgemm test meaningless. */
class ReferenceGemmTest {
    // A = [[1, 2, 3], [4, 5, 6]] (2 x 3), B = [[7, 8], [9, 10], [11, 12]] (3 x 2), A * B = [[58, 64], [139, 154]].
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] A_T = {1, 4, 2, 5, 3, 6};
    private static final float[] B = {7, 8, 9, 10, 11, 12};
    private static final float[] B_T = {7, 9, 11, 8, 10, 12};

    @Test
    void allFourTranspositionsGiveTheSameProduct() {
        assertThat(product(false, false, A, 3, B, 2)).containsExactly(58, 64, 139, 154);
        assertThat(product(true, false, A_T, 2, B, 2)).containsExactly(58, 64, 139, 154);
        assertThat(product(false, true, A, 3, B_T, 3)).containsExactly(58, 64, 139, 154);
        assertThat(product(true, true, A_T, 2, B_T, 3)).containsExactly(58, 64, 139, 154);
    }

    @Test
    void alphaBetaOffsetsAndLeadingDimensions() {
        // A stored from index 1 with lda 4 (one padding float per row), C from index 2 with ldc 3.
        float[] a = {-1, 1, 2, 3, -1, 4, 5, 6, -1};
        float[] c = {-9, -9, 1, 1, -9, 1, 1, -9};
        ReferenceGemm.multiply(false, false, 2, 2, 3, 2f, a, 1, 4, B, 0, 2, 0.5f, c, 2, 3);
        assertThat(c).containsExactly(-9, -9, 116.5f, 128.5f, -9, 278.5f, 308.5f, -9);
    }

    @Test
    void followsBlasForZeroAlphaZeroBetaAndEmptyDepth() {
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1, 2, 3, 4};
        ReferenceGemm.multiply(false, false, 2, 2, 3, 0f, nan, 0, 3, nan, 0, 2, -1f, c, 0, 2);
        assertThat(c).containsExactly(-1, -2, -3, -4);
        float[] garbage = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        ReferenceGemm.multiply(false, false, 2, 2, 3, 1f, A, 0, 3, B, 0, 2, 0f, garbage, 0, 2);
        assertThat(garbage).containsExactly(58, 64, 139, 154);
        ReferenceGemm.multiply(false, false, 2, 2, 0, 1f, nan, 0, 1, nan, 0, 2, 0f, garbage, 0, 2);
        assertThat(garbage).containsExactly(0, 0, 0, 0);
    }

    @Test
    void validatesLikeSgemm() {
        assertThatThrownBy(() ->
                        ReferenceGemm.multiply(false, false, 2, 2, 3, 1f, A, 0, 2, B, 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lda (2)");
    }

    private static float[] product(boolean transA, boolean transB, float[] a, int lda, float[] b, int ldb) {
        float[] c = new float[4];
        ReferenceGemm.multiply(transA, transB, 2, 2, 3, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, 2);
        return c;
    }
}
