package io.github.conv4j.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Elementwise arithmetic with broadcasting and its gradients; the "how" behind Tensor's arithmetic methods. */
final class Elementwise {
    private Elementwise() {}

    /** The gradient of a unary function, given input x, output y and upstream gradient g. */
    interface UnaryGradient {
        double apply(double x, double y, double g);
    }

    static Tensor unary(Tensor x, String name, DoubleUnaryOperator f, UnaryGradient df) {
        int n = x.numel();
        Storage in = x.storage();
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        Storage o = out.storage();
        if (in.floats != null) {
            float[] a = in.floats;
            float[] r = o.floats;
            for (int i = 0; i < n; i++) {
                r[i] = (float) f.applyAsDouble(a[i]);
            }
        } else {
            double[] a = in.doubles;
            double[] r = o.doubles;
            for (int i = 0; i < n; i++) {
                r[i] = f.applyAsDouble(a[i]);
            }
        }
        if (Tensor.needsGrad(x)) {
            out.setGradFn(new GradFn(name, x) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    double[] gx = new double[n];
                    Storage gs = g.storage();
                    for (int i = 0; i < n; i++) {
                        gx[i] = df.apply(in.get(i), o.get(i), gs.get(i));
                    }
                    return new Tensor[] {Tensor.fromDoubles(gx, x.dtype(), x.shape())};
                }
            });
        }
        return out;
    }

    /** The partial derivatives of a binary function at (a, b), times the upstream gradient g. */
    interface BinaryGradient {
        double apply(double a, double b, double g);
    }

    static Tensor binary(
            Tensor a, Tensor b, String name, DoubleBinaryOperator f, BinaryGradient da, BinaryGradient db) {
        int[] shape = Broadcast.shape(name, a.shape(), b.shape());
        DType dtype = DType.promote(a.dtype(), b.dtype());
        Tensor out = Tensor.empty(dtype, shape);
        int n = out.numel();
        Storage as = a.storage();
        Storage bs = b.storage();
        Storage os = out.storage();
        boolean same = Arrays.equals(a.shape(), shape) && Arrays.equals(b.shape(), shape);
        int[] ma = same ? null : Broadcast.indexMap(a.shape(), shape);
        int[] mb = same ? null : Broadcast.indexMap(b.shape(), shape);
        if (same && as.floats != null && bs.floats != null) {
            float[] x = as.floats;
            float[] y = bs.floats;
            float[] r = os.floats;
            for (int i = 0; i < n; i++) {
                r[i] = (float) f.applyAsDouble(x[i], y[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                os.set(i, f.applyAsDouble(as.get(same ? i : ma[i]), bs.get(same ? i : mb[i])));
            }
        }
        if (Tensor.needsGrad(a) || Tensor.needsGrad(b)) {
            out.setGradFn(new GradFn(name, a, b) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Storage gs = g.storage();
                    Tensor ga = null;
                    Tensor gb = null;
                    if (a.requiresGrad()) {
                        double[] r = new double[n];
                        for (int i = 0; i < n; i++) {
                            r[i] = da.apply(as.get(same ? i : ma[i]), bs.get(same ? i : mb[i]), gs.get(i));
                        }
                        ga = Broadcast.reduceTo(Tensor.fromDoubles(r, a.dtype(), shape), a.shape());
                    }
                    if (b.requiresGrad()) {
                        double[] r = new double[n];
                        for (int i = 0; i < n; i++) {
                            r[i] = db.apply(as.get(same ? i : ma[i]), bs.get(same ? i : mb[i]), gs.get(i));
                        }
                        gb = Broadcast.reduceTo(Tensor.fromDoubles(r, b.dtype(), shape), b.shape());
                    }
                    return new Tensor[] {ga, gb};
                }
            });
        }
        return out;
    }
}
