package io.github.conv4j.nn.optim;

import io.github.conv4j.tensor.Tensor;
import java.util.List;

/**
 * Adam with PyTorch's {@code torch.optim.Adam} rule (coupled L2 weight decay, no amsgrad). At step {@code t}:
 * {@code g += weightDecay·p}; {@code m = β₁m + (1−β₁)g}; {@code v = β₂v + (1−β₂)g²};
 * {@code p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + eps)}.
 *
 * <pre>{@code
 * Adam opt = new Adam(net.parameters(), 1e-3);
 * }</pre>
 */
public class Adam extends Optimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final double[][] m;
    private final double[][] v;
    private final int[] steps;

    /**
     * Adam with PyTorch's defaults {@code betas = (0.9, 0.999)}, {@code eps = 1e-8}, no weight decay.
     *
     * @param params the parameters
     * @param lr the learning rate, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adam with every option.
     *
     * @param params the parameters
     * @param lr the learning rate, {@code >= 0}
     * @param beta1 the first-moment decay in {@code [0, 1)}
     * @param beta2 the second-moment decay in {@code [0, 1)}
     * @param eps the denominator term, {@code >= 0}
     * @param weightDecay the L2 penalty added to the gradient, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(
            List<Tensor> params,
            double lr,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            boolean decoupled) {
        super(params);
        checkNonNegative("learning rate", lr);
        checkNonNegative("epsilon value", eps);
        checkNonNegative("weight_decay value", weightDecay);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1 + " (must be in [0, 1))");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2 + " (must be in [0, 1))");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.steps = new int[params.size()];
    }

    @Override
    protected final void update(int index, double[] p, double[] g) {
        if (m[index] == null) {
            m[index] = new double[p.length];
            v[index] = new double[p.length];
        }
        // The step count is per parameter, as in PyTorch: one that had no gradient in a step was not stepped.
        int t = ++steps[index];
        double[] mi = m[index];
        double[] vi = v[index];
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        for (int i = 0; i < p.length; i++) {
            if (decoupled) {
                p[i] *= 1 - lr * weightDecay;
            } else {
                g[i] += weightDecay * p[i];
            }
            mi[i] = beta1 * mi[i] + (1 - beta1) * g[i];
            vi[i] = beta2 * vi[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= stepSize * mi[i] / (Math.sqrt(vi[i]) / sqrtBc2 + eps);
        }
    }
}
