package io.github.conv4j.ops;

/**
 * How a loss combines its per-element values, PyTorch's {@code reduction} argument.
 *
 * <pre>{@code
 * Tensor loss = Functional.mseLoss(prediction, target, Reduction.SUM);
 * }</pre>
 */
public enum Reduction {
    /** The per-element losses, in the shape of the input (per sample for cross-entropy). */
    NONE,
    /** Their mean (PyTorch's default). */
    MEAN,
    /** Their sum. */
    SUM
}
