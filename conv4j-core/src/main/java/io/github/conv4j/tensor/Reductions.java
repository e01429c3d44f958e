package io.github.conv4j.tensor;

/** Sums and extremes; sums accumulate in double and round once, so float32 results are as exact as they can be. */
final class Reductions {
    private Reductions() {}

    static Tensor sumAll(Tensor x) {
        Storage s = x.storage();
        double acc = 0;
        for (int i = 0; i < x.numel(); i++) {
            acc += s.get(i);
        }
        Tensor out = Tensor.fromDoubles(new double[] {acc}, x.dtype());
        if (Tensor.needsGrad(x)) {
            int[] shape = x.shape();
            out.setGradFn(new GradFn("SumBackward0", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = Tensor.empty(x.dtype(), shape);
                    gx.copyFrom(g);
                    return new Tensor[] {gx};
                }
            });
        }
        return out;
    }

    static Tensor sumDim(Tensor x, int dim, boolean keepDim) {
        int[] shape = x.shape();
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int n = shape[dim];
        int inner = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        double[] acc = new double[outer * inner];
        Storage s = x.storage();
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[o * inner + i] += s.get(base + i);
                }
            }
        }
        int[] kept = shape.clone();
        kept[dim] = 1;
        int[] outShape = keepDim ? kept : remove(shape, dim);
        Tensor out = Tensor.fromDoubles(acc, x.dtype(), outShape);
        if (Tensor.needsGrad(x)) {
            out.setGradFn(new GradFn("SumBackward1", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = Tensor.empty(x.dtype(), shape);
                    gx.copyFrom(g.reshape(kept));
                    return new Tensor[] {gx};
                }
            });
        }
        return out;
    }

    private static int[] remove(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != dim) {
                out[j++] = shape[d];
            }
        }
        return out;
    }

    static Tensor extreme(Tensor x, boolean max) {
        String op = max ? "max" : "min";
        if (x.numel() == 0) {
            throw new IllegalArgumentException(
                    op + "(): expected a non-empty tensor, got shape " + Shapes.format(x.shape()));
        }
        Storage s = x.storage();
        int best = 0;
        for (int i = 0; i < x.numel(); i++) {
            double v = s.get(i);
            if (Double.isNaN(v)) {
                best = i;
                break;
            }
            if (max ? v > s.get(best) : v < s.get(best)) {
                best = i;
            }
        }
        double value = s.get(best);
        Tensor out = Tensor.fromDoubles(new double[] {value}, x.dtype());
        if (Tensor.needsGrad(x)) {
            out.setGradFn(new GradFn(max ? "MaxBackward1" : "MinBackward1", x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    // PyTorch splits the gradient evenly among all elements equal to the extreme (NaN included,
                    // since a NaN result compares equal to every NaN input under this rule), so that the
                    // gradient is the same whichever tie a scan happens to meet first.
                    boolean nan = Double.isNaN(value);
                    int ties = 0;
                    for (int i = 0; i < x.numel(); i++) {
                        double v = s.get(i);
                        if (nan ? Double.isNaN(v) : v == value) {
                            ties++;
                        }
                    }
                    double share = g.item() / ties;
                    Tensor gx = Tensor.empty(x.dtype(), x.shape());
                    for (int i = 0; i < x.numel(); i++) {
                        double v = s.get(i);
                        if (nan ? Double.isNaN(v) : v == value) {
                            gx.storage().set(i, share);
                        }
                    }
                    return new Tensor[] {gx};
                }
            });
        }
        return out;
    }
}
