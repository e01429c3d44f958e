package io.github.conv4j.nn.optim;

import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The common part of the optimizers: the parameter list, {@link #zeroGrad()} and a {@link #step()} that updates
 * every parameter with a gradient in place, under {@link NoGrad}. The per-parameter rule is computed in double on a
 * copy of the values and written back once, so a step is deterministic and float32 parameters are rounded once.
 *
 * <pre>{@code
 * Optimizer opt = new Sgd(net.parameters(), 0.1);
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public abstract class Optimizer {
    private final List<Tensor> params;

    /**
     * Takes the parameters to update.
     *
     * @param params leaf tensors that require grad, without duplicates
     * @throws IllegalArgumentException if the list is null, empty, or holds a null, duplicate or non-leaf tensor
     */
    protected Optimizer(List<Tensor> params) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null || !p.isLeaf() || !p.requiresGrad()) {
                throw new IllegalArgumentException("params[" + i + "] must be a leaf tensor that requires grad");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("params[" + i + "] appears more than once in the parameter list");
            }
        }
        this.params = new ArrayList<>(params);
    }

    /**
     * Returns the parameters, in the order given.
     *
     * @return an unmodifiable list
     */
    public final List<Tensor> parameters() {
        return Collections.unmodifiableList(params);
    }

    /** Clears every parameter's gradient ({@code optimizer.zero_grad()}). */
    public final void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /** Updates every parameter that has a gradient; parameters without one are skipped, as in PyTorch. */
    public final void step() {
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() == null) {
                    continue;
                }
                double[] values = p.toDoubleArray();
                update(i, values, p.grad().toDoubleArray());
                p.data().copyFrom(Tensor.fromDoubles(values, p.dtype(), p.shape()));
            }
        }
    }

    /**
     * Applies the rule to one parameter.
     *
     * @param index the parameter's position, to find its state
     * @param param its values, updated in place
     * @param grad its gradient (a copy that may be modified)
     */
    protected abstract void update(int index, double[] param, double[] grad);

    static void checkNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be >= 0)");
        }
    }
}
