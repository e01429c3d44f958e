package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.tensor.Tensor;

/**
 * Inverted dropout, PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with probability
 * {@code p} and the rest scaled by {@code 1/(1−p)}; in evaluation mode it is the identity. Each training-mode call
 * draws a fresh mask from the layer's seed and a call counter, so a whole training run is reproducible.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.5, 11);
 * drop.eval().forward(x); // returns x itself
 * }</pre>
 */
public final class Dropout extends Module {
    private final double p;
    private final long seed;
    private long calls;

    /**
     * Creates the layer.
     *
     * @param p the drop probability in {@code [0, 1]}
     * @param seed the seed of the masks
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.seed = seed;
    }

    /**
     * Applies dropout in training mode, the identity in evaluation mode.
     *
     * @param input any tensor
     * @return the masked tensor, or {@code input} itself in evaluation mode
     */
    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining()) {
            return input;
        }
        return Functional.dropout(input, p, true, Init.biasSeed(seed + calls++));
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
