package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/**
 * Fits a convolution kernel in closed form. A convolution is linear in its kernel: every output pixel is the dot
 * product of one unfolded input patch (a row of {@code unfold(x)ᵀ}) with the flattened kernel. Given input and output
 * images, the kernel is therefore the least-squares solution of {@code A·w = y} with {@code A} the patch matrix, found
 * from the normal equations {@code (AᵀA + ridge·I)·w = Aᵀy} by a Cholesky factorisation in double. The ridge term
 * (not applied to the bias) makes an ill-posed problem, e.g. a flat image, solvable.
 *
 * <pre>{@code
 * KernelFit.Result fit = KernelFit.fitKernel(x, y, 1, 2, false, 0); // x (6, 8), y (6, 7)
 * fit.kernel2d(); // tensor([[ 1., -1.]])
 * }</pre>
 */
public final class KernelFit {
    private KernelFit() {}

    /**
     * The fitted convolution.
     *
     * @param weight {@code (C_out, C_in, kH, kW)}, for use with {@code conv2d}
     * @param bias {@code (C_out)}, or {@code null} when fitted without bias
     * @param rmsResidual the root-mean-square error of the fit over all output pixels
     */
    public record Result(Tensor weight, Tensor bias, double rmsResidual) {
        /**
         * The single-channel kernel as a plain matrix.
         *
         * @return {@code (kH, kW)}
         * @throws IllegalStateException if the fit has more than one input or output channel
         */
        public Tensor kernel2d() {
            if (weight.size(0) != 1 || weight.size(1) != 1) {
                throw new IllegalStateException("kernel2d: the fit has " + weight.size(0) + " output and "
                        + weight.size(1) + " input channels; use weight()");
            }
            return weight.reshape(weight.size(2), weight.size(3));
        }
    }

    /**
     * Finds the kernel (and bias) minimising {@code Σ (conv2d(x, w) + b − y)² + ridge·‖w‖²}, for a valid (unpadded,
     * stride 1) cross-correlation.
     *
     * @param x the input: {@code (H, W)}, {@code (C_in, H, W)} or {@code (N, C_in, H, W)}
     * @param y the output: {@code (H − kh + 1, W − kw + 1)}, {@code (C_out, ...)} or {@code (N, C_out, ...)}; the same
     *     number of dimensions as {@code x}
     * @param kh kernel height, {@code >= 1}
     * @param kw kernel width, {@code >= 1}
     * @param bias whether to fit a bias per output channel
     * @param ridge the Tikhonov term, {@code >= 0}
     * @return the fitted weight {@code (C_out, C_in, kh, kw)}, bias and residual
     * @throws IllegalArgumentException if the shapes disagree, or the problem is singular and {@code ridge} is 0
     */
    public static Result fitKernel(Tensor x, Tensor y, int kh, int kw, boolean bias, double ridge) {
        String op = "fitKernel";
        if (x == null || y == null) {
            throw new IllegalArgumentException(op + ": x and y must not be null");
        }
        LayerChecks.positive(op, "kh", kh);
        LayerChecks.positive(op, "kw", kw);
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException(op + ": ridge must be finite and >= 0, got " + ridge);
        }
        if (x.dim() != y.dim() || x.dim() < 2 || x.dim() > 4) {
            throw new IllegalArgumentException(op + ": x " + Shapes.format(x.shape()) + " and y "
                    + Shapes.format(y.shape()) + " must both be (H, W), (C, H, W) or (N, C, H, W)");
        }
        Tensor x4 = toBatched(x);
        Tensor y4 = toBatched(y);
        int n = x4.size(0);
        int cin = x4.size(1);
        int cout = y4.size(1);
        int oh = x4.size(2) - kh + 1;
        int ow = x4.size(3) - kw + 1;
        if (y4.size(0) != n || oh < 1 || ow < 1 || y4.size(2) != oh || y4.size(3) != ow) {
            throw new IllegalArgumentException(op + ": for x " + Shapes.format(x.shape()) + " and a " + kh + "x" + kw
                    + " kernel, y must have " + n + " samples of size (" + oh + ", " + ow + "), got y "
                    + Shapes.format(y.shape()));
        }
        // cols: (N, C_in·kh·kw, L) with L = oh·ow; column order (c·kh + p)·kw + q matches OIHW flattening.
        double[] cols = Functional.unfold(
                        x4.to(DType.FLOAT64), IntPair.of(kh, kw), IntPair.of(1), IntPair.of(0), IntPair.of(1))
                .doubleArray();
        double[] target = y4.toDoubleArray();
        int taps = cin * kh * kw;
        int unknowns = taps + (bias ? 1 : 0);
        int l = oh * ow;
        double[] normal = new double[unknowns * unknowns];
        double[] rhs = new double[cout * unknowns];
        double[] row = new double[unknowns];
        for (int s = 0; s < n; s++) {
            for (int pos = 0; pos < l; pos++) {
                for (int t = 0; t < taps; t++) {
                    row[t] = cols[(s * taps + t) * l + pos];
                }
                if (bias) {
                    row[taps] = 1;
                }
                for (int a = 0; a < unknowns; a++) {
                    for (int b = 0; b <= a; b++) {
                        normal[a * unknowns + b] += row[a] * row[b];
                    }
                }
                for (int o = 0; o < cout; o++) {
                    double v = target[((s * cout + o) * l) + pos];
                    for (int a = 0; a < unknowns; a++) {
                        rhs[o * unknowns + a] += row[a] * v;
                    }
                }
            }
        }
        for (int a = 0; a < taps; a++) {
            normal[a * unknowns + a] += ridge;
        }
        double[] factor = Cholesky.factor(normal, unknowns, op);
        double[] w = new double[cout * taps];
        double[] b = bias ? new double[cout] : null;
        for (int o = 0; o < cout; o++) {
            double[] sol = new double[unknowns];
            System.arraycopy(rhs, o * unknowns, sol, 0, unknowns);
            Cholesky.solve(factor, unknowns, sol);
            System.arraycopy(sol, 0, w, o * taps, taps);
            if (bias) {
                b[o] = sol[taps];
            }
        }
        double sse = 0;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < cout; o++) {
                for (int pos = 0; pos < l; pos++) {
                    double pred = bias ? b[o] : 0;
                    for (int t = 0; t < taps; t++) {
                        pred += cols[(s * taps + t) * l + pos] * w[o * taps + t];
                    }
                    double d = pred - target[(s * cout + o) * l + pos];
                    sse += d * d;
                }
            }
        }
        DType dtype = x.dtype();
        return new Result(
                Tensor.fromDoubles(w, dtype, cout, cin, kh, kw),
                bias ? Tensor.fromDoubles(b, dtype, cout) : null,
                Math.sqrt(sse / ((double) n * cout * l)));
    }

    private static Tensor toBatched(Tensor t) {
        return switch (t.dim()) {
            case 2 -> t.reshape(1, 1, t.size(0), t.size(1));
            case 3 -> t.reshape(1, t.size(0), t.size(1), t.size(2));
            default -> t;
        };
    }
}
