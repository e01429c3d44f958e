package io.github.conv4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvSpec;
import io.github.conv4j.tensor.DType;
import org.junit.jupiter.api.Test;

class AlgorithmSelectorTest {

    @Test
    void explainsWhatRunsAndWhy() {
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n1c64h56w56o64k3p1")))
                .isEqualTo("n1c64h56w56o64k3p1 -> WINOGRAD: 3×3, stride 1, undilated with 64→64 channels per group and"
                        + " 784 2×2 output tiles: Winograd F(4×4, 3×3) needs 4× fewer multiplies");
        // Too few tiles to pay for the weight transform, too few channels, or a stride: im2col.
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n1c512h7w7o512k3p1")))
                .startsWith("n1c512h7w7o512k3p1 -> IM2COL: ");
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n8c512h7w7o512k3p1")))
                .endsWith("128 2×2 output tiles: Winograd F(2×2, 3×3) needs 2.25× fewer multiplies");
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n1c8h56w56o64k3p1")))
                .startsWith("n1c8h56w56o64k3p1 -> IM2COL: ");
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n1c64h56w56o64k3s2p1")))
                .startsWith("n1c64h56w56o64k3s2p1 -> IM2COL: general convolution");
        // The 3-channel stem reads its input in place when the Vector API is there.
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("n1c3h224w224o64k7s2p3")))
                .startsWith(
                        io.github.conv4j.kernel.simd.Simd.available()
                                ? "n1c3h224w224o64k7s2p3 -> IM2COL: 3 input channels per group: implicit im2col"
                                : "n1c3h224w224o64k7s2p3 -> IM2COL: general convolution");
        assertThat(AlgorithmSelector.explain(ConvSpec.parse("c1h6w8k1x2")))
                .isEqualTo("n1c1h6w8o1k1x2 -> REFERENCE: 84 multiply-adds: too small to repay packing a GEMM (< 2048)");
    }

    @Test
    void rankOneKernelsRunSeparableBeforeFftAndThreeByThreeStaysOnTheDirectLoops() {
        float[] big = new float[31 * 31];
        float[] random = new float[31 * 31];
        for (int i = 0; i < 31; i++) {
            for (int j = 0; j < 31; j++) {
                big[i * 31 + j] =
                        (float) (Math.exp(-(i - 15) * (i - 15) / 50.0) * Math.exp(-(j - 15) * (j - 15) / 50.0));
                random[i * 31 + j] = (float) Math.sin(7 * i + 3 * j * j);
            }
        }
        var g = ConvSpec.parse("c1h512w512k31psame");
        assertThat(AlgorithmSelector.choose(g, Algorithm.AUTO, DType.FLOAT32, big, false)
                        .algorithm())
                .isEqualTo(Algorithm.SEPARABLE);
        assertThat(AlgorithmSelector.choose(g, Algorithm.AUTO, DType.FLOAT32, random, false)
                        .algorithm())
                .isEqualTo(Algorithm.FFT);
        float[] sobel = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
        assertThat(AlgorithmSelector.choose(ConvSpec.parse("c1h64w64k3p1"), Algorithm.AUTO, DType.FLOAT32, sobel, false)
                        .algorithm())
                .isIn(Algorithm.DIRECT, Algorithm.DEPTHWISE);
    }

    @Test
    void weightGradientsRunOnWinogradWhereItPays() {
        var layer = ConvSpec.parse("n8c64h56w56o64k3p1");
        assertThat(AlgorithmSelector.weightGradient(layer, Algorithm.WINOGRAD)).isEqualTo(Algorithm.WINOGRAD);
        assertThat(AlgorithmSelector.weightGradient(layer, Algorithm.IM2COL)).isEqualTo(Algorithm.IM2COL);
        assertThat(AlgorithmSelector.weightGradient(layer, Algorithm.AUTO))
                .isEqualTo(ConvTuning.WINOGRAD_WEIGHT_GRADIENT ? Algorithm.WINOGRAD : Algorithm.IM2COL);
        // Too few channels or tiles, strided, dilated or not 3×3: im2col, even when Winograd is forced.
        assertThat(AlgorithmSelector.weightGradient(ConvSpec.parse("n8c8h56w56o64k3p1"), Algorithm.AUTO))
                .isEqualTo(Algorithm.IM2COL);
        assertThat(AlgorithmSelector.weightGradient(ConvSpec.parse("n1c64h7w7o64k3p1"), Algorithm.AUTO))
                .isEqualTo(Algorithm.IM2COL);
        for (String spec : new String[] {"n8c64h56w56o64k3s2p1", "n8c64h56w56o64k3p2d2", "n8c64h56w56o64k5p2"}) {
            assertThat(AlgorithmSelector.weightGradient(ConvSpec.parse(spec), Algorithm.WINOGRAD))
                    .as(spec)
                    .isEqualTo(Algorithm.IM2COL);
        }
    }

    @Test
    void float64AlwaysRunsTheReference() {
        assertThat(AlgorithmSelector.choose(ConvSpec.parse("n8c64h56w56o64k3p1"), Algorithm.AUTO, DType.FLOAT64)
                        .algorithm())
                .isEqualTo(Algorithm.REFERENCE);
    }

    @Test
    void forcedAlgorithmsAreHonouredOrRefused() {
        assertThat(AlgorithmSelector.choose(ConvSpec.parse("c1h6w8k1x2"), Algorithm.IM2COL, DType.FLOAT32))
                .isEqualTo(new Choice(Algorithm.IM2COL, "forced by the options"));
        assertThatThrownBy(() -> AlgorithmSelector.choose(ConvSpec.parse("c8h8k5"), Algorithm.WINOGRAD, DType.FLOAT32))
                .hasMessageContaining("needs a 3×3 kernel");
    }
}
