package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;

/**
 * The rectified linear unit {@code max(x, 0)}, PyTorch's {@code nn.ReLU}; no parameters.
 *
 * <pre>{@code
 * new ReLU().forward(Tensor.of(-1f, 2f)); // tensor([0., 2.])
 * }</pre>
 */
public final class ReLU extends Module {
    /** Creates the layer. */
    public ReLU() {}

    /**
     * Applies {@code max(x, 0)} elementwise.
     *
     * @param input any tensor
     * @return a tensor of the same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
