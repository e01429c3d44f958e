package io.github.conv4j.ops;

import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Inverted dropout: each element is zeroed with probability {@code p} and the survivors are scaled by
 * {@code 1/(1−p)}, so the expected value is unchanged and evaluation needs no rescaling. The mask comes from a seed,
 * so a run is reproducible; the gradient uses the same mask.
 */
final class DropoutOp {
    private DropoutOp() {}

    static Tensor dropout(Tensor input, double p, boolean training, long seed) {
        String op = "dropout";
        Checks.notNull(op, "input", input);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": p must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return input;
        }
        int n = input.numel();
        double[] mask = new double[n];
        if (p < 1) {
            double scale = 1 / (1 - p);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                mask[i] = random.nextDouble() < p ? 0 : scale;
            }
        }
        double[] x = input.toDoubleArray();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i] * mask[i];
        }
        Tensor out = Tensor.fromDoubles(y, input.dtype(), input.shape());
        if (GradFn.isNeeded(input)) {
            new GradFn("NativeDropoutBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    double[] gd = g.toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        gd[i] *= mask[i];
                    }
                    return new Tensor[] {Tensor.fromDoubles(gd, input.dtype(), input.shape())};
                }
            }.attachTo(out);
        }
        return out;
    }
}
