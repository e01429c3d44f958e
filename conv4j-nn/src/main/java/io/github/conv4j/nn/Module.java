package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer and network, like {@code torch.nn.Module}: it owns named parameters and named child
 * modules in registration order, switches between training and evaluation, and maps one tensor to another.
 *
 * <p>Names follow PyTorch's {@code state_dict} keys: a parameter {@code weight} of the child registered as
 * {@code features}, inside which child {@code 0}, is {@code "features.0.weight"}.
 *
 * <pre>{@code
 * class Affine extends Module {
 *     private final Tensor scale = registerParameter("scale", Parameter.of(Tensor.ones(1)));
 *
 *     public Tensor forward(Tensor x) {
 *         return x.mul(scale);
 *     }
 * }
 * }</pre>
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module in training mode with no parameters. */
    protected Module() {}

    /**
     * Computes the module's output.
     *
     * @param input the input tensor
     * @return the output tensor
     * @throws IllegalArgumentException if the input's shape does not suit the module
     */
    public abstract Tensor forward(Tensor input);

    /**
     * Registers a learnable tensor under a name.
     *
     * @param name a non-empty name without dots, unique among this module's parameters and children
     * @param parameter a leaf tensor that requires grad (see {@link Parameter#of(Tensor)})
     * @return {@code parameter}, so that a field can be initialised in one line
     * @throws IllegalArgumentException if the name is invalid or taken, or the tensor is not a leaf requiring grad
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        if (parameter == null || !parameter.isLeaf() || !parameter.requiresGrad()) {
            throw new IllegalArgumentException(
                    "registerParameter: '" + name + "' must be a leaf tensor that requires grad (use Parameter.of)");
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a child module under a name; its parameters appear as {@code name + "." + childName}.
     *
     * @param name a non-empty name without dots, unique among this module's parameters and children
     * @param child the child module
     * @param <M> the child's type
     * @return {@code child}
     * @throws IllegalArgumentException if the name is invalid or taken, or {@code child} is null or this module
     */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        if (child == null || child == this) {
            throw new IllegalArgumentException("registerModule: child '" + name + "' must be another, non-null module");
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("name must be non-empty and contain no '.', got '" + name + "'");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(
                    "name '" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /**
     * Returns every parameter of this module and its descendants by qualified name, in registration order (own
     * parameters first, then each child's), like {@code named_parameters()}.
     *
     * @return an unmodifiable ordered map from name to the live parameter tensor
     */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out));
    }

    /**
     * Returns every parameter, in the order of {@link #namedParameters()}; pass it to an optimizer.
     *
     * @return a new list of the live parameter tensors
     */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Returns the direct children by name, in registration order.
     *
     * @return an unmodifiable ordered map
     */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Puts this module and all descendants into training mode (dropout active).
     *
     * @return this module
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Sets training mode on this module and all descendants ({@code module.train(mode)}).
     *
     * @param mode {@code true} for training, {@code false} for evaluation
     * @return this module
     */
    public final Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    /**
     * Puts this module and all descendants into evaluation mode (dropout is the identity).
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * Tells whether this module is in training mode.
     *
     * @return {@code true} after {@link #train()} (the default), {@code false} after {@link #eval()}
     */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter ({@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        namedParameters().values().forEach(Tensor::zeroGrad);
    }

    /** Shows the module's class and its children, one per line, like PyTorch's module printing. */
    @Override
    public String toString() {
        if (children.isEmpty()) {
            return describe();
        }
        StringBuilder sb = new StringBuilder(describe()).append("(\n");
        children.forEach((name, child) -> sb.append("  (")
                .append(name)
                .append("): ")
                .append(child.toString().replace("\n", "\n  "))
                .append('\n'));
        return sb.append(')').toString();
    }

    /**
     * A one-line description of this module without its children, e.g. {@code Conv2d(1, 6, kernel_size=(5, 5))}.
     *
     * @return the description; the simple class name unless overridden
     */
    protected String describe() {
        return getClass().getSimpleName() + "()";
    }
}
