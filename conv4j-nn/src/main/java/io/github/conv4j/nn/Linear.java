package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.tensor.Tensor;

/**
 * A fully connected layer, PyTorch's {@code nn.Linear}: {@code y = x·Wᵀ + b} with weight {@code (out, in)} and bias
 * {@code (out)}, both initialised {@code U(±1/√in)} from a seed.
 *
 * <pre>{@code
 * Linear fc = new Linear(120, 10, true, 5);
 * Tensor logits = fc.forward(features); // (N, 120) -> (N, 10)
 * }</pre>
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Creates the layer.
     *
     * @param inFeatures input features, {@code >= 1}
     * @param outFeatures output features, {@code >= 1}
     * @param bias whether to learn a bias
     * @param seed the seed of the initial weights
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, long seed) {
        LayerChecks.positive("Linear", "in_features", inFeatures);
        LayerChecks.positive("Linear", "out_features", outFeatures);
        this.weight =
                registerParameter("weight", Parameter.of(Init.uniformFanIn(seed, inFeatures, outFeatures, inFeatures)));
        this.bias = bias
                ? registerParameter(
                        "bias", Parameter.of(Init.uniformFanIn(Init.biasSeed(seed), inFeatures, outFeatures)))
                : null;
    }

    /**
     * Applies the layer.
     *
     * @param input {@code (N, in)} or {@code (in)}
     * @return {@code (N, out)} or {@code (out)}
     * @throws IllegalArgumentException if the feature count differs
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.linear(input, weight, bias);
    }

    /**
     * Returns the live weight.
     *
     * @return {@code (out, in)}
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * Returns the live bias.
     *
     * @return {@code (out)} or {@code null}
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "Linear(in_features=" + weight.size(1) + ", out_features=" + weight.size(0) + ", bias="
                + (bias != null ? "True" : "False") + ")";
    }
}
