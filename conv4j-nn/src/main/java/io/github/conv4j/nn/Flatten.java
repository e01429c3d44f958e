package io.github.conv4j.nn;

import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Merges a range of dimensions into one, PyTorch's {@code nn.Flatten} (by default everything but the batch
 * dimension: {@code (N, C, H, W) -> (N, C·H·W)}). Shares data with the input.
 *
 * <pre>{@code
 * new Flatten().forward(Tensor.zeros(8, 16, 4, 4)).shape(); // [8, 256]
 * }</pre>
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens dimensions 1 to the last, like {@code nn.Flatten()}. */
    public Flatten() {
        this(1, -1);
    }

    /**
     * Flattens dimensions {@code startDim..endDim} inclusive; negative values count from the end.
     *
     * @param startDim the first dimension merged
     * @param endDim the last dimension merged
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /**
     * Flattens the input.
     *
     * @param input a tensor with enough dimensions for the range
     * @return the reshaped tensor
     * @throws IllegalArgumentException if the range is outside the input's dimensions or empty
     */
    @Override
    public Tensor forward(Tensor input) {
        int rank = input.dim();
        int s = Shapes.normalizeDim("startDim", startDim, rank);
        int e = Shapes.normalizeDim("endDim", endDim, rank);
        if (s > e) {
            throw new IllegalArgumentException("Flatten: startDim (" + startDim + ") must not come after endDim ("
                    + endDim + ") for input " + Shapes.format(input.shape()));
        }
        int[] shape = input.shape();
        int[] out = new int[rank - (e - s)];
        int merged = 1;
        for (int d = s; d <= e; d++) {
            merged *= shape[d];
        }
        System.arraycopy(shape, 0, out, 0, s);
        out[s] = merged;
        System.arraycopy(shape, e + 1, out, s + 1, rank - e - 1);
        return Arrays.equals(out, shape) ? input : input.reshape(out);
    }
}
