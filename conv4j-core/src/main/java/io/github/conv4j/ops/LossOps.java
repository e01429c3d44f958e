package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;

/** The mean-squared-error and cross-entropy losses, computed in double and differentiable. */
final class LossOps {
    private LossOps() {}

    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        String op = "mseLoss";
        Checks.notNull(op, "input", input);
        Checks.notNull(op, "target", target);
        checkReduction(op, reduction);
        if (!Arrays.equals(input.shape(), target.shape())) {
            // PyTorch broadcasts here with a warning, which is almost always a bug in the caller: refuse it.
            throw new IllegalArgumentException(op + ": input " + Shapes.format(input.shape()) + " and target "
                    + Shapes.format(target.shape()) + " must have the same shape");
        }
        Checks.sameDtype(op, input, "input", target, "target");
        double[] x = input.toDoubleArray();
        double[] t = target.toDoubleArray();
        int n = x.length;
        double[] sq = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - t[i];
            sq[i] = d * d;
            total += sq[i];
        }
        Tensor out = reduction == Reduction.NONE
                ? Tensor.fromDoubles(sq, input.dtype(), input.shape())
                : Tensor.fromDoubles(new double[] {reduction == Reduction.SUM ? total : total / n}, input.dtype());
        if (GradFn.isNeeded(input, target)) {
            new GradFn("MseLossBackward0", input, target) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    double[] gd = g.toDoubleArray();
                    double[] gx = new double[n];
                    for (int i = 0; i < n; i++) {
                        double gi = reduction == Reduction.NONE ? gd[i] : gd[0];
                        double scale = reduction == Reduction.MEAN ? 2.0 / n : 2.0;
                        gx[i] = scale * gi * (x[i] - t[i]);
                    }
                    Tensor gInput = input.requiresGrad() ? Tensor.fromDoubles(gx, input.dtype(), input.shape()) : null;
                    Tensor gTarget = null;
                    if (target.requiresGrad()) {
                        double[] gt = new double[n];
                        for (int i = 0; i < n; i++) {
                            gt[i] = -gx[i];
                        }
                        gTarget = Tensor.fromDoubles(gt, target.dtype(), target.shape());
                    }
                    return new Tensor[] {gInput, gTarget};
                }
            }.attachTo(out);
        }
        return out;
    }

    static Tensor crossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        String op = "crossEntropy";
        Checks.notNull(op, "targets", targets);
        if (targets.dim() != 1) {
            throw new IllegalArgumentException(op + ": targets must be a 1-D tensor of class indices, got shape "
                    + Shapes.format(targets.shape()));
        }
        double[] values = targets.toDoubleArray();
        int[] classes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        op + ": targets[" + i + "] = " + values[i] + " is not an integer class index");
            }
            classes[i] = (int) values[i];
        }
        return crossEntropy(logits, classes, reduction);
    }

    static Tensor crossEntropy(Tensor logits, int[] targets, Reduction reduction) {
        String op = "crossEntropy";
        Checks.notNull(op, "logits", logits);
        if (targets == null) {
            throw new IllegalArgumentException(op + ": targets must not be null");
        }
        checkReduction(op, reduction);
        Checks.rank(op, "logits", logits, 2);
        int n = logits.size(0);
        int c = logits.size(1);
        if (targets.length != n) {
            throw new IllegalArgumentException(op + ": logits " + Shapes.format(logits.shape()) + " has " + n
                    + " samples but targets has " + targets.length);
        }
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= c) {
                throw new IllegalArgumentException(op + ": targets[" + i + "] = " + targets[i] + " is out of range for "
                        + c + " classes (logits " + Shapes.format(logits.shape()) + ")");
            }
        }
        int[] t = targets.clone();
        double[] x = logits.toDoubleArray();
        double[] prob = new double[x.length];
        double[] perSample = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, x[i * c + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(x[i * c + k] - max);
            }
            double logSum = max + Math.log(sum);
            for (int k = 0; k < c; k++) {
                prob[i * c + k] = Math.exp(x[i * c + k] - logSum);
            }
            perSample[i] = logSum - x[i * c + t[i]];
            total += perSample[i];
        }
        Tensor out = reduction == Reduction.NONE
                ? Tensor.fromDoubles(perSample, logits.dtype(), n)
                : Tensor.fromDoubles(new double[] {reduction == Reduction.SUM ? total : total / n}, logits.dtype());
        if (GradFn.isNeeded(logits)) {
            new GradFn("NllLossBackward0", logits) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    double[] gd = g.toDoubleArray();
                    double[] gx = new double[x.length];
                    for (int i = 0; i < n; i++) {
                        double gi = reduction == Reduction.NONE ? gd[i] : gd[0];
                        if (reduction == Reduction.MEAN) {
                            gi /= n;
                        }
                        for (int k = 0; k < c; k++) {
                            gx[i * c + k] = gi * (prob[i * c + k] - (k == t[i] ? 1 : 0));
                        }
                    }
                    return new Tensor[] {Tensor.fromDoubles(gx, logits.dtype(), logits.shape())};
                }
            }.attachTo(out);
        }
        return out;
    }

    private static void checkReduction(String op, Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(op + ": reduction must not be null (NONE, MEAN or SUM)");
        }
    }
}
