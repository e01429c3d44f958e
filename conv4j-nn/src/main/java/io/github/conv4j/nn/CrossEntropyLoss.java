package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.ops.Reduction;
import io.github.conv4j.tensor.Tensor;

/**
 * The cross-entropy loss for class indices, PyTorch's {@code nn.CrossEntropyLoss}: log-softmax of the logits
 * followed by the negative log-likelihood of the target class, averaged over the batch by default.
 *
 * <pre>{@code
 * CrossEntropyLoss loss = new CrossEntropyLoss();
 * Tensor l = loss.forward(net.forward(images), labels); // logits (N, C), labels int[N]
 * }</pre>
 */
public final class CrossEntropyLoss {
    private final Reduction reduction;

    /** The mean over the batch, PyTorch's default. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /**
     * A loss with the given reduction.
     *
     * @param reduction {@code MEAN}, {@code SUM} or {@code NONE}
     * @throws IllegalArgumentException if {@code reduction} is null
     */
    public CrossEntropyLoss(Reduction reduction) {
        LayerChecks.notNull("CrossEntropyLoss", "reduction", reduction);
        this.reduction = reduction;
    }

    /**
     * Computes the loss.
     *
     * @param logits {@code (N, C)}
     * @param targets {@code N} class indices in {@code [0, C)}
     * @return a 0-dimensional tensor (or {@code (N)} for {@code NONE})
     * @throws IllegalArgumentException if a target is out of range or the counts differ
     */
    public Tensor forward(Tensor logits, int[] targets) {
        return Functional.crossEntropy(logits, targets, reduction);
    }

    /**
     * Computes the loss with the classes in a tensor.
     *
     * @param logits {@code (N, C)}
     * @param targets {@code (N)} integral class indices
     * @return the loss
     * @throws IllegalArgumentException if a target is not integral or out of range
     */
    public Tensor forward(Tensor logits, Tensor targets) {
        return Functional.crossEntropy(logits, targets, reduction);
    }
}
