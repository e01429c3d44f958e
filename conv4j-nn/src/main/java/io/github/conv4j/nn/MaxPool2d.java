package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;

/**
 * Max pooling, PyTorch's {@code nn.MaxPool2d}; no parameters.
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(Pool2dOptions.of(2)); // kernel 2, stride 2
 * }</pre>
 */
public final class MaxPool2d extends Module {
    private final Pool2dOptions options;

    /**
     * Creates the layer.
     *
     * @param options kernel, stride (default: kernel), padding, dilation, ceil mode
     * @throws IllegalArgumentException if {@code options} is null
     */
    public MaxPool2d(Pool2dOptions options) {
        LayerChecks.notNull("MaxPool2d", "options", options);
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
        return Functional.maxPool2d(input, options);
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
        return "MaxPool2d(" + options + ")";
    }
}
