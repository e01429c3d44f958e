package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;

/**
 * Creates learnable parameters. A parameter is simply a leaf {@link Tensor} that requires a gradient, not a wrapper
 * type: {@code Tensor} is final, and a wrapper would force {@code .tensor()} calls into every forward computation,
 * while a plain leaf works directly with {@link io.github.conv4j.ops.Functional}, {@code backward()} and
 * {@code grad()}. What makes a tensor a module's parameter is its registration under a name
 * ({@link Module#registerParameter(String, Tensor)}).
 *
 * <pre>{@code
 * Tensor weight = Parameter.of(Tensor.rand(42, 1, 2)); // leaf, requiresGrad() == true
 * }</pre>
 */
public final class Parameter {
    private Parameter() {}

    /**
     * Makes a learnable leaf from initial values: a copy of {@code init}, detached from any graph, that requires a
     * gradient ({@code nn.Parameter(init)}).
     *
     * @param init the initial values (not retained)
     * @return a new leaf tensor with {@code requiresGrad() == true}
     * @throws IllegalArgumentException if {@code init} is null
     */
    public static Tensor of(Tensor init) {
        if (init == null) {
            throw new IllegalArgumentException("Parameter.of: init must not be null");
        }
        return init.copy().requiresGrad(true);
    }
}
