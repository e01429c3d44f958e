package io.github.conv4j.nn.optim;

import io.github.conv4j.tensor.Tensor;
import java.util.List;

/**
 * AdamW with PyTorch's {@code torch.optim.AdamW} rule: Adam whose weight decay is decoupled from the gradient,
 * {@code p *= 1 − lr·weightDecay} before the Adam update (which then sees the raw gradient).
 *
 * <pre>{@code
 * AdamW opt = new AdamW(net.parameters(), 1e-3); // weight decay 0.01, PyTorch's default
 * }</pre>
 */
public final class AdamW extends Adam {
    /**
     * AdamW with PyTorch's defaults {@code betas = (0.9, 0.999)}, {@code eps = 1e-8}, {@code weightDecay = 0.01}.
     *
     * @param params the parameters
     * @param lr the learning rate
     * @throws IllegalArgumentException if an argument is invalid
     */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * AdamW with every option.
     *
     * @param params the parameters
     * @param lr the learning rate, {@code >= 0}
     * @param beta1 the first-moment decay in {@code [0, 1)}
     * @param beta2 the second-moment decay in {@code [0, 1)}
     * @param eps the denominator term, {@code >= 0}
     * @param weightDecay the decoupled decay, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
