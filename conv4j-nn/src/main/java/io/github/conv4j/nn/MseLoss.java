package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.ops.Reduction;
import io.github.conv4j.tensor.Tensor;

/**
 * The mean-squared-error loss, PyTorch's {@code nn.MSELoss}: {@code mean((input − target)²)} by default, or the sum.
 *
 * <pre>{@code
 * MseLoss loss = new MseLoss();
 * Tensor l = loss.forward(conv.forward(x), y);
 * l.backward();
 * }</pre>
 */
public final class MseLoss {
    private final Reduction reduction;

    /** The mean over all elements, PyTorch's default. */
    public MseLoss() {
        this(Reduction.MEAN);
    }

    /**
     * A loss with the given reduction.
     *
     * @param reduction {@code MEAN}, {@code SUM} or {@code NONE}
     * @throws IllegalArgumentException if {@code reduction} is null
     */
    public MseLoss(Reduction reduction) {
        LayerChecks.notNull("MseLoss", "reduction", reduction);
        this.reduction = reduction;
    }

    /**
     * Computes the loss.
     *
     * @param input the prediction
     * @param target the target, same shape and dtype
     * @return a 0-dimensional tensor (or per-element for {@code NONE})
     * @throws IllegalArgumentException if the shapes or dtypes differ
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction);
    }
}
