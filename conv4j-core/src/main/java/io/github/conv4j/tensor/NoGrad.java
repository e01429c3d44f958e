package io.github.conv4j.tensor;

/**
 * A scope in which operations record no autograd graph, like PyTorch's {@code torch.no_grad()}. Scopes nest and are
 * per thread.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     weight.subInPlace(weight.grad().mul(lr));
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {}

    /**
     * Enters a no-grad scope; close it (try-with-resources) to leave.
     *
     * @return the scope
     */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /**
     * Tells whether operations on this thread currently record gradients.
     *
     * @return {@code false} inside a no-grad scope
     */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    /** Leaves the scope; closing twice has no further effect. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
