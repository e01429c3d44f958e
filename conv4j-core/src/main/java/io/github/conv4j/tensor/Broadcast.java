package io.github.conv4j.tensor;

import java.util.Arrays;

/** NumPy/PyTorch broadcasting: shapes are aligned at the right and dimensions of size one stretch. */
final class Broadcast {
    private Broadcast() {}

    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": the size of tensor a (" + da + ") must match the size of"
                        + " tensor b (" + db + ") at non-singleton dimension " + i + "; shapes " + Arrays.toString(a)
                        + " and " + Arrays.toString(b) + " cannot be broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Maps every flat index of {@code outShape} to the flat index of {@code inShape} that broadcasting reads, so that
     * element loops stay simple.
     */
    static int[] indexMap(int[] inShape, int[] outShape) {
        int n = Shapes.numel("output", outShape);
        int[] map = new int[n];
        int rank = outShape.length;
        int[] inStrides = new int[rank];
        int[] s = Shapes.strides(inShape);
        for (int i = 0; i < rank; i++) {
            int j = i - (rank - inShape.length);
            inStrides[i] = j < 0 || inShape[j] == 1 ? 0 : s[j];
        }
        int[] idx = new int[rank];
        int src = 0;
        for (int k = 0; k < n; k++) {
            map[k] = src;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += inStrides[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                src -= inStrides[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** Sums a gradient of the broadcast shape back to the shape of the input that was broadcast. */
    static Tensor reduceTo(Tensor grad, int[] shape) {
        if (Arrays.equals(grad.shape(), shape)) {
            return grad;
        }
        int[] map = indexMap(shape, grad.shape());
        double[] out = new double[Shapes.numel("gradient", shape)];
        Storage g = grad.storage();
        for (int k = 0; k < map.length; k++) {
            out[map[k]] += g.get(k);
        }
        return Tensor.fromDoubles(out, grad.dtype(), shape);
    }
}
