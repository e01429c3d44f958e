package io.github.conv4j.cli;

import io.github.conv4j.nn.Conv2d;
import io.github.conv4j.nn.KernelFit;
import io.github.conv4j.nn.MseLoss;
import io.github.conv4j.nn.optim.Adam;
import io.github.conv4j.nn.optim.Optimizer;
import io.github.conv4j.nn.optim.Sgd;
import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Tensor;

/**
 * Finds the kernel of {@code conv4j learn}, by gradient descent on a one-filter {@link Conv2d} (mean squared error)
 * or in closed form with {@link KernelFit}.
 *
 * <p>Photos are smooth, so their neighbouring pixels are nearly equal and the least-squares problem is badly
 * conditioned (condition number ~10⁴ on the demo picture): gradient descent finds a kernel with a tiny loss that is
 * still far from the true one. Because convolutions commute, {@code y = k ⋆ x} implies {@code L ⋆ y = k ⋆ (L ⋆ x)} for
 * any filter {@code L}; training on Laplacian-filtered ("whitened") copies flattens the image spectrum (condition
 * number ~6) and has the same exact solution. Both copies are also scaled by one factor so that the largest curvature
 * is at most 2, which makes a fixed SGD learning rate safe whatever the image's contrast.
 */
final class KernelTrainer {
    private static final Tensor LAPLACIAN = Tensor.of(new float[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}});

    private KernelTrainer() {}

    /**
     * What was learned.
     *
     * @param kernel {@code (kH, kW)}, no autograd history
     * @param bias the learned bias, or {@code NaN} without one
     * @param losses the training loss before each optimizer step (empty for the closed form)
     * @param finalLoss the mean squared error of the result on the original input and target
     */
    record Result(Tensor kernel, double bias, double[] losses, double finalLoss) {}

    /** The hyper-parameters of a gradient run. */
    record Settings(String optimizer, double lr, int epochs, long seed, boolean bias, boolean whiten) {}

    static Result train(LearnProblem p, IntPair k, PaddingMode mode, Settings s, Progress progress) {
        Tensor x = batched(validInput(p, k, mode));
        Tensor y = batched(p.target());
        boolean whiten = s.whiten() && y.size(2) >= 3 && y.size(3) >= 3;
        Tensor xt = whiten ? Functional.conv2d(x, LAPLACIAN.reshape(1, 1, 3, 3)) : x;
        Tensor yt = whiten ? Functional.conv2d(y, LAPLACIAN.reshape(1, 1, 3, 3)) : y;
        double meanSquare = xt.pow(2).mean().item();
        double scale = meanSquare > 0 ? 1 / Math.sqrt(meanSquare * k.h() * k.w()) : 1;
        xt = xt.mul(scale);
        yt = yt.mul(scale);
        // A constant offset vanishes under the Laplacian, so a bias is fitted afterwards on the original pair.
        boolean trainBias = s.bias() && !whiten;
        Conv2d conv = new Conv2d(1, 1, k, Conv2dOptions.defaults(), trainBias, s.seed());
        Optimizer opt =
                s.optimizer().equals("adam") ? new Adam(conv.parameters(), s.lr()) : new Sgd(conv.parameters(), s.lr());
        MseLoss mse = new MseLoss();
        double[] losses = new double[s.epochs()];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            Tensor loss = mse.forward(conv.forward(xt), yt);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            // Reported in the units of the target, not of the scaled copies.
            losses[epoch] = loss.item() / (scale * scale);
            progress.update(epoch + 1, losses[epoch]);
            if (!Double.isFinite(losses[epoch])) {
                progress.finish();
                throw new CliException(
                        CliException.RUNTIME,
                        "training diverged at epoch " + (epoch + 1) + " (loss " + losses[epoch]
                                + "); try a smaller --lr than " + s.lr());
            }
        }
        progress.finish();
        Tensor kernel = conv.weight().detach().reshape(k.h(), k.w());
        Tensor fitted = Functional.conv2d(x, kernel.reshape(1, 1, k.h(), k.w()));
        double bias = Double.NaN;
        if (trainBias) {
            bias = conv.bias().detach().item();
        } else if (s.bias()) {
            bias = y.sub(fitted).mean().item();
        }
        Tensor prediction = s.bias() ? fitted.add(bias) : fitted;
        double finalLoss = y.sub(prediction).pow(2).mean().item();
        return new Result(kernel, bias, losses, finalLoss);
    }

    /** Least squares in one shot, on the same valid problem as the gradient run. */
    static Result closedForm(LearnProblem p, IntPair k, PaddingMode mode, boolean bias) {
        KernelFit.Result fit = KernelFit.fitKernel(validInput(p, k, mode), p.target(), k.h(), k.w(), bias, 0);
        double b = bias ? fit.bias().item() : Double.NaN;
        double rms = fit.rmsResidual();
        return new Result(fit.kernel2d().detach(), b, new double[0], rms * rms);
    }

    /**
     * A same-size target becomes a valid problem by padding the input once, exactly as the convolution would: the
     * answer is unchanged and no epoch pays for padding again.
     */
    private static Tensor validInput(LearnProblem p, IntPair k, PaddingMode mode) {
        Tensor x = p.input();
        if (!p.same()) {
            return x;
        }
        int[] ph = p.padding().resolve(x.size(0), k.h(), 1, 1, true);
        int[] pw = p.padding().resolve(x.size(1), k.w(), 1, 1, false);
        return Functional.pad(x, ph[0], ph[1], pw[0], pw[1], mode, 0);
    }

    private static Tensor batched(Tensor t) {
        return t.reshape(1, 1, t.size(0), t.size(1));
    }
}
