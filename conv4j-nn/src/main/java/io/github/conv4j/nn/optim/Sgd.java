package io.github.conv4j.nn.optim;

import io.github.conv4j.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} rule. For gradient {@code g} of parameter
 * {@code p}: {@code g += weightDecay·p}; with momentum, {@code b = g} on the first step and
 * {@code b = momentum·b + (1 − dampening)·g} afterwards, then {@code g = g + momentum·b} (Nesterov) or {@code g = b};
 * finally {@code p −= lr·g}.
 *
 * <pre>{@code
 * Sgd opt = new Sgd(net.parameters(), 0.1);                       // plain SGD
 * Sgd mom = new Sgd(net.parameters(), 0.01, 0.9, 0, 5e-4, true);  // Nesterov momentum, weight decay
 * }</pre>
 */
public final class Sgd extends Optimizer {
    private final double lr;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final double[][] buffers;

    /**
     * Plain SGD: {@code p −= lr·grad}.
     *
     * @param params the parameters
     * @param lr the learning rate, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /**
     * SGD with every PyTorch option.
     *
     * @param params the parameters
     * @param lr the learning rate, {@code >= 0}
     * @param momentum the momentum factor, {@code >= 0}
     * @param dampening the dampening of the momentum, {@code >= 0}
     * @param weightDecay the L2 penalty, {@code >= 0}
     * @param nesterov whether to use Nesterov momentum (needs {@code momentum > 0} and {@code dampening = 0})
     * @throws IllegalArgumentException if an argument is invalid
     */
    public Sgd(
            List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params);
        checkNonNegative("learning rate", lr);
        checkNonNegative("momentum value", momentum);
        checkNonNegative("dampening value", dampening);
        checkNonNegative("weight_decay value", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new double[params.size()][];
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        for (int i = 0; i < p.length; i++) {
            g[i] += weightDecay * p[i];
        }
        if (momentum != 0) {
            double[] b = buffers[index];
            if (b == null) {
                b = g.clone();
                buffers[index] = b;
            } else {
                for (int i = 0; i < p.length; i++) {
                    b[i] = momentum * b[i] + (1 - dampening) * g[i];
                }
            }
            for (int i = 0; i < p.length; i++) {
                g[i] = nesterov ? g[i] + momentum * b[i] : b[i];
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] -= lr * g[i];
        }
    }
}
