package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * {@code matmul} of two matrices and the fully connected layer {@code linear}, accumulating in double. Backward is
 * built from the same product: {@code dA = dY·Bᵀ}, {@code dB = Aᵀ·dY}.
 */
final class LinearOps {
    private LinearOps() {}

    static Tensor matmul(Tensor a, Tensor b) {
        String op = "matmul";
        Checks.notNull(op, "a", a);
        Checks.notNull(op, "b", b);
        Checks.rank(op, "a", a, 2);
        Checks.rank(op, "b", b, 2);
        Checks.sameDtype(op, a, "a", b, "b");
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException(op + ": a " + Shapes.format(a.shape()) + " and b "
                    + Shapes.format(b.shape()) + " cannot be multiplied (a.size(1) must equal b.size(0))");
        }
        Tensor y = product(a, false, b, false);
        if (GradFn.isNeeded(a, b)) {
            new GradFn("MmBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor ga = a.requiresGrad() ? product(g, false, b, true) : null;
                    Tensor gb = b.requiresGrad() ? product(a, true, g, false) : null;
                    return new Tensor[] {ga, gb};
                }
            }.attachTo(y);
        }
        return y;
    }

    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        String op = "linear";
        Checks.notNull(op, "input", input);
        Checks.notNull(op, "weight", weight);
        Checks.rank(op, "input", input, 1, 2);
        Checks.rank(op, "weight", weight, 2);
        Checks.sameDtype(op, input, "input", weight, "weight");
        Checks.sameDtype(op, input, "input", bias, "bias");
        if (input.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape()) + " has "
                    + input.size(-1) + " features but weight " + Shapes.format(weight.shape()) + " expects "
                    + weight.size(1) + " (weight is (out_features, in_features))");
        }
        Checks.bias(op, bias, weight.size(0), weight);
        boolean vector = input.dim() == 1;
        Tensor x = vector ? input.reshape(1, input.size(0)) : input;
        int n = x.size(0);
        int out = weight.size(0);
        Tensor y = product(x, false, weight, true);
        if (bias != null) {
            double[] yd = y.toDoubleArray();
            double[] bd = bias.toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    yd[i * out + o] += bd[o];
                }
            }
            y = Tensor.fromDoubles(yd, x.dtype(), n, out);
        }
        if (GradFn.isNeeded(x, weight, bias)) {
            new GradFn("AddmmBackward0", x, weight, bias) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = x.requiresGrad() ? product(g, false, weight, false) : null;
                    Tensor gw = weight.requiresGrad() ? product(g, true, x, false) : null;
                    Tensor gb = bias != null && bias.requiresGrad() ? g.sum(0, false) : null;
                    return new Tensor[] {gx, gw, gb};
                }
            }.attachTo(y);
        }
        return vector ? y.reshape(out) : y;
    }

    /** {@code op(a)·op(b)} where {@code op} optionally transposes; plain loops, double accumulation. */
    private static Tensor product(Tensor a, boolean ta, Tensor b, boolean tb) {
        double[] ad = a.toDoubleArray();
        double[] bd = b.toDoubleArray();
        int m = ta ? a.size(1) : a.size(0);
        int k = ta ? a.size(0) : a.size(1);
        int n = tb ? b.size(0) : b.size(1);
        int aCols = a.size(1);
        int bCols = b.size(1);
        double[] c = new double[m * n];
        double[] row = new double[k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                row[p] = ta ? ad[p * aCols + i] : ad[i * aCols + p];
            }
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += row[p] * (tb ? bd[j * bCols + p] : bd[p * bCols + j]);
                }
                c[i * n + j] = acc;
            }
        }
        return Tensor.fromDoubles(c, a.dtype(), m, n);
    }
}
