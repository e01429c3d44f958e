package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;

/**
 * Average pooling, PyTorch's {@code nn.AvgPool2d}; no parameters.
 *
 * <pre>{@code
 * AvgPool2d pool = new AvgPool2d(Pool2dOptions.of(2)); // kernel 2, stride 2
 * }</pre>
 */
public final class AvgPool2d extends Module {
    private final Pool2dOptions options;

    /**
     * Creates the layer.
     *
     * @param options kernel, stride (default: kernel), padding, ceil mode, countIncludePad, divisorOverride
     * @throws IllegalArgumentException if {@code options} is null
     */
    public AvgPool2d(Pool2dOptions options) {
        LayerChecks.notNull("AvgPool2d", "options", options);
        this.options = options;
    }

    /**
     * Pools the input.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @return the pooled tensor
     * @throws IllegalArgumentException if the options do not fit the input
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, options);
    }

    /**
     * Returns the pooling options.
     *
     * @return the options
     */
    public Pool2dOptions options() {
        return options;
    }

    @Override
    protected String describe() {
        return "AvgPool2d(" + options + ")";
    }
}
