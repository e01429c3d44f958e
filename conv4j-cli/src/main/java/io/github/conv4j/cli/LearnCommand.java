package io.github.conv4j.cli;

import io.github.conv4j.image.ImageReadOptions;
import io.github.conv4j.image.LossCurve;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j learn}: recovers the single-channel kernel that maps an input image to a target image, by gradient
 * descent (Adam or SGD on the mean squared error) or in closed form (least squares).
 */
@Command(
        name = "learn",
        mixinStandardHelpOptions = true,
        description = "Learn the kernel that maps an input image to a target image (both converted to gray).",
        footer = {
            "",
            "Geometry, read off the sizes: a target as large as the input is a 'same' convolution (padded with",
            "  --padding-mode); a target kH-1 rows and kW-1 columns smaller is a 'valid' one; anything else is refused.",
            "The target must be linear in the input: use a raw .npy (conv4j filter ... --gray -o t.npy) or a clipped",
            "  blur PNG, not a signed-map PNG. Images are converted to gray (BT.601) in [0, 1]; .npy must be 2-D.",
            "Training runs on Laplacian-filtered copies of both images (same exact kernel, far better conditioned on",
            "  smooth photos); --no-whiten trains on the images as they are. The progress line and the curve show that",
            "  training loss; 'final loss' is the plain MSE of the result on the original pair.",
            "Defaults: adam with lr 0.05, sgd with lr 0.5; 300 epochs. Large images are slow: downscale them first.",
            "",
            "Examples:",
            "  conv4j filter photo.png -k sobel-x --gray -o sobel.npy",
            "  conv4j learn --input photo.png --target sobel.npy --kernel-size 3x3 -o kernel.npy --curve loss.png",
            "  conv4j learn --input photo.png --target sobel.npy --kernel-size 3 --closed-form",
            "  conv4j learn --input x.npy --target y.npy --kernel-size 1x2 --optimizer sgd --lr 0.05 --epochs 500 --bias"
        })
public final class LearnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Option(names = "--input", required = true, paramLabel = "IN", description = "Input image or 2-D .npy.")
    Path input;

    @Option(names = "--target", required = true, paramLabel = "OUT", description = "Target image or 2-D .npy.")
    Path target;

    @Option(names = "--kernel-size", required = true, paramLabel = "KHxKW", description = "Kernel size: K or KHxKW.")
    String kernelSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Gradient steps (default: ${DEFAULT-VALUE}).")
    int epochs = 300;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: 0.05 adam, 0.5 sgd).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "OPT", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer = "adam";

    @Option(names = "--closed-form", description = "Solve by least squares in one shot instead of training.")
    boolean closedForm;

    @Option(names = "--bias", description = "Learn a bias as well.")
    boolean bias;

    @Option(names = "--no-whiten", description = "Train on the images as they are, not on Laplacian-filtered copies.")
    boolean noWhiten;

    @Option(
            names = "--padding-mode",
            paramLabel = "MODE",
            description = "For a same-size target: zeros, reflect, symmetric, replicate, circular (default: "
                    + "${DEFAULT-VALUE}).")
    String paddingMode = "reflect";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initial kernel (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "KERNEL.npy",
            description = "Write the learned (kH, kW) kernel.")
    Path output;

    @Option(names = "--curve", paramLabel = "LOSS.png", description = "Write the loss curve (log scale).")
    Path curve;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            description = "Refuse larger images before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageReadOptions.DEFAULT_MAX_PIXELS;

    /** Creates the command (picocli instantiates it). */
    public LearnCommand() {}

    /** Reads the images, learns the kernel, prints it and writes the requested files. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        IntPair k = context.parse(() -> IntPair.parse("--kernel-size", kernelSize));
        if (k.h() < 1 || k.w() < 1) {
            throw context.usage("--kernel-size must be positive, got '" + kernelSize + "'");
        }
        PaddingMode mode = context.parse(() -> PaddingMode.parse(paddingMode));
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw context.usage("--optimizer must be adam or sgd, got '" + optimizer + "'");
        }
        if (epochs < 1) {
            throw context.usage("--epochs must be >= 1, got " + epochs);
        }
        double rate = lr != null ? lr : optimizer.equals("adam") ? 0.05 : 0.5;
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw context.usage("--lr must be a positive number, got " + rate);
        }
        if (closedForm && curve != null) {
            throw context.usage("--curve needs a training run; --closed-form has no loss curve");
        }
        checkOutputs(context);
        Tensor x = LearnProblem.readGray(input, maxPixels);
        Tensor y = LearnProblem.readGray(target, maxPixels);
        LearnProblem problem = context.parse(() -> LearnProblem.of(x, y, k));
        KernelTrainer.Result result;
        if (closedForm) {
            result = KernelTrainer.closedForm(problem, k, mode, bias);
        } else {
            Progress progress =
                    new Progress(spec.commandLine().getErr(), System.console() != null, parent.quiet, epochs);
            KernelTrainer.Settings settings =
                    new KernelTrainer.Settings(optimizer, rate, epochs, seed, bias, !noWhiten);
            result = KernelTrainer.train(problem, k, mode, settings, progress);
        }
        report(problem, k, mode, rate, result);
        if (output != null) {
            TensorFiles.write(output, result.kernel(), parent.force);
        }
        if (curve != null) {
            LossCurve plot = LossCurve.of(result.losses())
                    .withLogY(true)
                    .withTitle("conv4j learn: " + k.h() + "x" + k.w() + " kernel, " + optimizer + " lr " + rate);
            AtomicOutput.write(curve, parent.force, plot::writePng);
        }
        if (!parent.quiet) {
            PrintWriter out = spec.commandLine().getOut();
            if (output != null) {
                out.printf("wrote %s%n", output);
            }
            if (curve != null) {
                out.printf("wrote %s%n", curve);
            }
            out.flush();
        }
    }

    /** Fails before any training when an output would be refused, so minutes of work are not thrown away. */
    private void checkOutputs(CommandContext context) {
        if (output != null) {
            TensorFiles.requireNpyOutput(context, output);
        }
        if (curve != null && !curve.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw context.usage("--curve must end in .png, got '" + curve + "'");
        }
        if (output != null
                && curve != null
                && output.toAbsolutePath()
                        .normalize()
                        .equals(curve.toAbsolutePath().normalize())) {
            throw context.usage("-o and --curve name the same file: " + output);
        }
        if (output != null) {
            AtomicOutput.checkWritable(output, parent.force);
        }
        if (curve != null) {
            AtomicOutput.checkWritable(curve, parent.force);
        }
    }

    private void report(LearnProblem p, IntPair k, PaddingMode mode, double rate, KernelTrainer.Result r) {
        if (parent.quiet) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        String geometry = p.same() ? "same, " + mode.name().toLowerCase(Locale.ROOT) + " padding" : "valid";
        String how = closedForm
                ? "closed form (least squares)"
                : String.format(Locale.ROOT, "%s, lr %s, %d epochs", optimizer, rate, epochs);
        out.printf(
                "%dx%d kernel, %s, input %dx%d, %s%n",
                k.h(), k.w(), geometry, p.input().size(0), p.input().size(1), how);
        out.println(r.kernel());
        if (bias) {
            out.printf(Locale.ROOT, "bias %.6g%n", r.bias());
        }
        if (closedForm) {
            out.printf(Locale.ROOT, "residual (RMS) %.6g%n", Math.sqrt(r.finalLoss()));
        } else {
            out.printf(Locale.ROOT, "final loss (MSE) %.6g%n", r.finalLoss());
        }
        out.flush();
    }
}
