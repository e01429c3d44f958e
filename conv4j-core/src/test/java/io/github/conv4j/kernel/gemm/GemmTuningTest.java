package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The register block chosen per JDK, vector width and execution width ({@link GemmTuning#defaultVectorKernel}). */
class GemmTuningTest {
    @Test
    void sixteenFloatVectorsRunSixByTwoExceptOnJdk17AtHalfWidth() {
        assertThat(GemmTuning.defaultVectorKernel(17, 16, false)).isEqualTo("4x3");
        assertThat(GemmTuning.defaultVectorKernel(17, 16, true)).isEqualTo("6x2");
        assertThat(GemmTuning.defaultVectorKernel(25, 16, false)).isEqualTo("6x2");
        assertThat(GemmTuning.defaultVectorKernel(25, 16, true)).isEqualTo("6x2");
    }

    @Test
    void eightFloatVectorsIgnoreTheExecutionWidth() {
        for (boolean full : new boolean[] {false, true}) {
            assertThat(GemmTuning.defaultVectorKernel(17, 8, full)).isEqualTo("4x3");
            assertThat(GemmTuning.defaultVectorKernel(25, 8, full)).isEqualTo("4x2");
            assertThat(GemmTuning.defaultVectorKernel(21, 8, full)).isEqualTo("4x2");
        }
    }
}
