package io.github.conv4j.tensor;

/**
 * One recorded operation of the autograd graph: it knows its inputs and how to turn the gradient of its output into
 * gradients of those inputs (a vector-Jacobian product).
 *
 * <p>Operations implement this when they create a tensor that requires a gradient. The gradients returned by
 * {@link #backward(Tensor)} must have the shapes of {@link #inputs()}; an entry may be {@code null} when that input
 * does not require a gradient.
 *
 * <pre>{@code
 * // y = 2 * x
 * GradFn fn = new GradFn("MulScalarBackward", x) {
 *     protected Tensor[] backward(Tensor gradOutput) { return new Tensor[] {gradOutput.mul(2)}; }
 * };
 * }</pre>
 */
public abstract class GradFn {
    private final String name;
    private final Tensor[] inputs;
    private final int[] savedVersions;

    /**
     * Records an operation on the given inputs and remembers their data versions, so that an in-place change before
     * {@code backward} is detected.
     *
     * @param name the name shown in {@link Tensor#toString()}, PyTorch style ({@code "AddBackward0"})
     * @param inputs the tensors the operation read
     */
    protected GradFn(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = inputs.clone();
        this.savedVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            savedVersions[i] = inputs[i] == null ? 0 : inputs[i].storage().version();
        }
    }

    /**
     * Returns the name of this operation.
     *
     * @return the PyTorch-style name, e.g. {@code "ConvolutionBackward0"}
     */
    public final String name() {
        return name;
    }

    /**
     * Returns the inputs this operation read.
     *
     * @return a copy of the input array (entries may be {@code null} for optional inputs)
     */
    public final Tensor[] inputs() {
        return inputs.clone();
    }

    final Tensor input(int i) {
        return inputs[i];
    }

    final int inputCount() {
        return inputs.length;
    }

    final void checkVersions() {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && inputs[i].storage().version() != savedVersions[i]) {
                throw new IllegalStateException("one of the tensors needed for gradient computation ("
                        + name + " input " + i + ", shape " + Shapes.format(inputs[i].shape())
                        + ") has been modified by an in-place operation");
            }
        }
    }

    /**
     * Tells whether an operation on these inputs must record its backward: gradients are enabled on this thread and
     * at least one input requires a gradient.
     *
     * @param inputs the operation's inputs (nulls ignored)
     * @return whether to attach a {@code GradFn} to the result
     */
    public static boolean isNeeded(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (Tensor.needsGrad(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes this operation the creator of {@code output}, so that {@code backward} flows through it. Custom
     * differentiable operations (PyTorch's {@code autograd.Function}) call this on their result.
     *
     * @param output a freshly computed tensor, not yet part of any graph
     * @return {@code output}
     * @throws IllegalStateException if {@code output} already has a creator or is a leaf that requires grad
     */
    public final Tensor attachTo(Tensor output) {
        if (output.gradFn() != null || output.requiresGrad()) {
            throw new IllegalStateException("attachTo: output already belongs to the autograd graph");
        }
        output.setGradFn(this);
        return output;
    }

    /**
     * Computes the gradients of the inputs from the gradient of the output.
     *
     * @param gradOutput the gradient of the loss with respect to this operation's output (its shape)
     * @return one gradient per input, in the order of {@link #inputs()}; {@code null} where not needed
     */
    protected abstract Tensor[] backward(Tensor gradOutput);
}
