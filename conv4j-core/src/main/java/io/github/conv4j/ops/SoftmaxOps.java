package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * {@code softmax} and {@code logSoftmax} along one dimension. Both subtract the slice's maximum before
 * exponentiating, so large logits do not overflow, and compute in double.
 */
final class SoftmaxOps {
    private SoftmaxOps() {}

    /** The tensor seen as {@code (outer, n, inner)} around the reduced dimension. */
    private record Layout(int outer, int n, int inner) {
        static Layout of(Tensor x, int dim) {
            int[] s = x.shape();
            int outer = 1;
            int inner = 1;
            for (int d = 0; d < dim; d++) {
                outer *= s[d];
            }
            for (int d = dim + 1; d < s.length; d++) {
                inner *= s[d];
            }
            return new Layout(outer, s[dim], inner);
        }

        int index(int o, int k, int i) {
            return (o * n + k) * inner + i;
        }
    }

    static Tensor softmax(Tensor input, int dim, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        Checks.notNull(op, "input", input);
        if (input.dim() == 0) {
            throw new IllegalArgumentException(
                    op + ": input must have at least one dimension, got shape " + Shapes.format(input.shape()));
        }
        int d = Shapes.normalizeDim("dim", dim, input.dim());
        Layout l = Layout.of(input, d);
        double[] x = input.toDoubleArray();
        double[] y = new double[x.length];
        for (int o = 0; o < l.outer(); o++) {
            for (int i = 0; i < l.inner(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < l.n(); k++) {
                    max = Math.max(max, x[l.index(o, k, i)]);
                }
                // An all -inf slice would give inf - inf = NaN; PyTorch gives NaN too, so no special case.
                double sum = 0;
                for (int k = 0; k < l.n(); k++) {
                    sum += Math.exp(x[l.index(o, k, i)] - max);
                }
                double logSum = max + Math.log(sum);
                for (int k = 0; k < l.n(); k++) {
                    int at = l.index(o, k, i);
                    y[at] = log ? x[at] - logSum : Math.exp(x[at] - logSum);
                }
            }
        }
        Tensor out = Tensor.fromDoubles(y, input.dtype(), input.shape());
        if (GradFn.isNeeded(input)) {
            new GradFn(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {
                        Tensor.fromDoubles(gradient(l, y, g.toDoubleArray(), log), input.dtype(), input.shape())
                    };
                }
            }.attachTo(out);
        }
        return out;
    }

    /**
     * Softmax: {@code dx = y ⊙ (g − Σ g⊙y)}; log-softmax: {@code dx = g − softmax ⊙ Σ g}. Uses the double-precision
     * forward result, so the gradient does not inherit float32 rounding of the output.
     */
    private static double[] gradient(Layout l, double[] y, double[] g, boolean log) {
        double[] gx = new double[y.length];
        for (int o = 0; o < l.outer(); o++) {
            for (int i = 0; i < l.inner(); i++) {
                double dot = 0;
                for (int k = 0; k < l.n(); k++) {
                    int at = l.index(o, k, i);
                    dot += log ? g[at] : g[at] * y[at];
                }
                for (int k = 0; k < l.n(); k++) {
                    int at = l.index(o, k, i);
                    gx[at] = log ? g[at] - Math.exp(y[at]) * dot : y[at] * (g[at] - dot);
                }
            }
        }
        return gx;
    }
}
