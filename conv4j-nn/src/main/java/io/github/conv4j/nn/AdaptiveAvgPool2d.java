package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.tensor.Tensor;

/**
 * Adaptive average pooling to a fixed output size, PyTorch's {@code nn.AdaptiveAvgPool2d}; no parameters.
 *
 * <pre>{@code
 * AdaptiveAvgPool2d gap = new AdaptiveAvgPool2d(1, 1); // global average pooling
 * }</pre>
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /**
     * Creates the layer.
     *
     * @param outH output height, {@code >= 1}
     * @param outW output width, {@code >= 1}
     * @throws IllegalArgumentException if a size is not positive
     */
    public AdaptiveAvgPool2d(int outH, int outW) {
        LayerChecks.positive("AdaptiveAvgPool2d", "output_size[0]", outH);
        LayerChecks.positive("AdaptiveAvgPool2d", "output_size[1]", outW);
        this.outH = outH;
        this.outW = outW;
    }

    /**
     * Pools every plane to {@code (outH, outW)}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @return {@code (N, C, outH, outW)}
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.adaptiveAvgPool2d(input, outH, outW);
    }

    @Override
    protected String describe() {
        return "AdaptiveAvgPool2d(output_size=(" + outH + ", " + outW + "))";
    }
}
