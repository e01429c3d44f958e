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
 */
final class KernelTrainer {
    private KernelTrainer() {}

    /**
     * What was learned.
     *
     * @param kernel {@code (kH, kW)}, no autograd history
     * @param bias the learned bias, or {@code NaN} without one
     * @param losses the loss before each optimizer step (empty for the closed form)
     * @param finalLoss the mean squared error of the returned kernel
     */
    record Result(Tensor kernel, double bias, double[] losses, double finalLoss) {}

    /** The hyper-parameters of a gradient run. */
    record Settings(String optimizer, double lr, int epochs, long seed, boolean bias) {}

    static Result train(LearnProblem p, IntPair k, PaddingMode mode, Settings s, Progress progress) {
        Conv2dOptions options = Conv2dOptions.defaults().padding(p.padding()).paddingMode(mode);
        Conv2d conv = new Conv2d(1, 1, k, options, s.bias(), s.seed());
        Optimizer opt =
                s.optimizer().equals("adam") ? new Adam(conv.parameters(), s.lr()) : new Sgd(conv.parameters(), s.lr());
        MseLoss mse = new MseLoss();
        Tensor x = p.input().reshape(1, 1, p.input().size(0), p.input().size(1));
        Tensor y = p.target().reshape(1, 1, p.target().size(0), p.target().size(1));
        double[] losses = new double[s.epochs()];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            Tensor loss = mse.forward(conv.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            losses[epoch] = loss.item();
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
        double finalLoss = mse.forward(conv.forward(x), y).item();
        Tensor kernel = conv.weight().detach().reshape(k.h(), k.w());
        double bias = s.bias() ? conv.bias().detach().item() : Double.NaN;
        return new Result(kernel, bias, losses, finalLoss);
    }

    /**
     * Least squares in one shot. A same-size target is turned into a valid problem by padding the input exactly as
     * the convolution would, so both cases have the same answer as the gradient run.
     */
    static Result closedForm(LearnProblem p, IntPair k, PaddingMode mode, boolean bias) {
        Tensor x = p.input();
        if (p.same()) {
            int[] ph = p.padding().resolve(x.size(0), k.h(), 1, 1, true);
            int[] pw = p.padding().resolve(x.size(1), k.w(), 1, 1, false);
            x = Functional.pad(x, ph[0], ph[1], pw[0], pw[1], mode, 0);
        }
        KernelFit.Result fit = KernelFit.fitKernel(x, p.target(), k.h(), k.w(), bias, 0);
        double b = bias ? fit.bias().item() : Double.NaN;
        double rms = fit.rmsResidual();
        return new Result(fit.kernel2d().detach(), b, new double[0], rms * rms);
    }
}
