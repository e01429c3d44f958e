package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/** Argument checks shared by the operations, with messages that name the argument and its shape. */
final class Checks {
    private Checks() {}

    static Tensor notNull(String op, String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + name + " must not be null");
        }
        return t;
    }

    static void sameDtype(String op, Tensor a, String aName, Tensor b, String bName) {
        if (b != null && a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(
                    op + ": " + aName + " is " + a.dtype().pythonName() + " but " + bName + " is "
                            + b.dtype().pythonName() + "; convert one with to(DType)");
        }
    }

    static void rank(String op, String name, Tensor t, int... allowed) {
        for (int r : allowed) {
            if (t.dim() == r) {
                return;
            }
        }
        throw new IllegalArgumentException(op + ": expected " + name + " with " + describe(allowed)
                + " dimensions, but got " + name + " of size " + Shapes.format(t.shape()));
    }

    private static String describe(int[] allowed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            if (i > 0) {
                sb.append(i == allowed.length - 1 ? " or " : ", ");
            }
            sb.append(allowed[i]);
        }
        return sb.toString();
    }

    static void bias(String op, Tensor bias, int channels, Tensor weight) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != channels)) {
            throw new IllegalArgumentException(op + ": bias must be 1-D with " + channels
                    + " elements (one per output channel of weight " + Shapes.format(weight.shape())
                    + "), but got bias of size " + Shapes.format(bias.shape()));
        }
    }

    /** Adds a batch dimension of one to an unbatched (3-D) input. */
    static Tensor batched(Tensor input) {
        return input.dim() == 3 ? input.reshape(1, input.size(0), input.size(1), input.size(2)) : input;
    }

    /** Removes the batch dimension added by {@link #batched(Tensor)}. */
    static Tensor unbatched(Tensor output, boolean wasUnbatched) {
        return wasUnbatched ? output.reshape(output.size(1), output.size(2), output.size(3)) : output;
    }

    /**
     * Checks an {@code out} argument before anything is written: the result's shape, the input's dtype, no shared
     * memory with an argument (which the kernels would read after overwriting it), and no argument that needs a
     * gradient (an output written in place records no backward, like PyTorch's {@code out=}).
     */
    static void output(String op, Tensor out, int[] shape, Tensor input, Tensor weight, Tensor bias) {
        if (!java.util.Arrays.equals(out.shape(), shape)) {
            throw new IllegalArgumentException(op + ": out must have the result's size " + Shapes.format(shape)
                    + " (input of size " + Shapes.format(input.shape()) + ", weight of size "
                    + Shapes.format(weight.shape()) + "), but got out of size " + Shapes.format(out.shape()));
        }
        sameDtype(op, input, "input", out, "out");
        String[] names = {"input", "weight", "bias"};
        Tensor[] args = {input, weight, bias};
        for (int i = 0; i < args.length; i++) {
            if (out.sharesStorageWith(args[i])) {
                throw new IllegalArgumentException(
                        op + ": out must not share memory with " + names[i] + " (it is read while out is written)");
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (GradFn.isNeeded(args[i])) {
                throw new IllegalArgumentException(op + ": out does not record gradients, but " + names[i]
                        + " requires grad; call " + op + " without out, or inside a NoGrad scope");
            }
        }
        if (NoGrad.isGradEnabled() && (out.requiresGrad() || out.gradFn() != null)) {
            throw new IllegalArgumentException(op + ": out requires grad (or is the result of a recorded operation)"
                    + " and cannot be overwritten; pass out.detach() or use a NoGrad scope");
        }
    }
}
