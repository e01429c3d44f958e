package io.github.conv4j.cli;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Boundary;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conv4j convolve2d}: SciPy's {@code scipy.signal.convolve2d} on {@code .npy} files. */
@Command(
        name = "convolve2d",
        mixinStandardHelpOptions = true,
        description = "True 2-D convolution (kernel rotated 180 degrees) of every (H,W) plane, like SciPy.",
        footer = {
            "",
            "Examples:",
            "  conv4j convolve2d image.npy kernel.npy -o full.npy",
            "  conv4j convolve2d image.npy kernel.npy --mode same --boundary symm -o same.npy"
        })
public final class Convolve2dCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT.npy", description = "Input, (..., H, W).")
    Path input;

    @Parameters(index = "1", paramLabel = "KERNEL.npy", description = "Kernel, (kH, kW).")
    Path kernel;

    @Option(names = "--mode", paramLabel = "MODE", description = "full, same or valid (default: ${DEFAULT-VALUE}).")
    String mode = "full";

    @Option(names = "--boundary", paramLabel = "B", description = "fill, wrap or symm (default: ${DEFAULT-VALUE}).")
    String boundary = "fill";

    @Option(names = "--fill-value", paramLabel = "V", description = "Border value for --boundary fill.")
    double fillValue;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.npy",
            description = "Output tensor.")
    Path output;

    /** Creates the command (picocli instantiates it). */
    public Convolve2dCommand() {}

    /** Runs the convolution. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        TensorFiles.requireNpyOutput(context, output);
        ConvolveMode m = context.parse(() -> ConvolveMode.parse(mode));
        Boundary b = context.parse(() -> Boundary.parse(boundary));
        AtomicOutput.checkWritable(output, parent.force);
        Tensor x = TensorFiles.read(input);
        Tensor k = TensorFiles.read(kernel);
        Tensor y = Functional.convolve2d(x, k, m, b, fillValue);
        TensorFiles.write(output, y, parent.force);
        Report.wrote(parent, spec, output, y.shape());
    }
}
