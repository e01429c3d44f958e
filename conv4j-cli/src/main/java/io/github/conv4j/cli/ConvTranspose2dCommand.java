package io.github.conv4j.cli;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conv4j conv-transpose2d}: PyTorch's {@code F.conv_transpose2d} on {@code .npy} files. */
@Command(
        name = "conv-transpose2d",
        mixinStandardHelpOptions = true,
        description = "Transposed convolution (the adjoint of conv2d) with (C_in, C_out/G, kH, kW) weights.",
        footer = {
            "",
            "Examples:",
            "  conv4j conv-transpose2d y.npy w.npy -o x.npy",
            "  conv4j conv-transpose2d y.npy w.npy --stride 2 --padding 1 --output-padding 1 -o up.npy"
        })
public final class ConvTranspose2dCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT.npy", description = "Input tensor.")
    Path input;

    @Parameters(index = "1", paramLabel = "WEIGHT.npy", description = "Weights, (C_in, C_out/groups, kH, kW).")
    Path weight;

    @Option(names = "--bias", paramLabel = "BIAS.npy", description = "Bias, (C_out).")
    Path bias;

    @Option(names = "--stride", paramLabel = "S", description = "S or SH,SW (default: ${DEFAULT-VALUE}).")
    String stride = "1";

    @Option(names = "--padding", paramLabel = "P", description = "P or PH,PW (default: ${DEFAULT-VALUE}).")
    String padding = "0";

    @Option(
            names = "--output-padding",
            paramLabel = "P",
            description = "P or PH,PW added to one side of the output (default: ${DEFAULT-VALUE}).")
    String outputPadding = "0";

    @Option(names = "--dilation", paramLabel = "D", description = "D or DH,DW (default: ${DEFAULT-VALUE}).")
    String dilation = "1";

    @Option(names = "--groups", paramLabel = "G", description = "Channel groups (default: ${DEFAULT-VALUE}).")
    int groups = 1;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.npy",
            description = "Output tensor.")
    Path output;

    /** Creates the command (picocli instantiates it). */
    public ConvTranspose2dCommand() {}

    /** Runs the transposed convolution. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        TensorFiles.requireNpyOutput(context, output);
        ConvTranspose2dOptions options = context.parse(() -> ConvTranspose2dOptions.defaults()
                .stride(IntPair.parse("stride", stride))
                .padding(IntPair.parse("padding", padding))
                .outputPadding(IntPair.parse("outputPadding", outputPadding))
                .dilation(IntPair.parse("dilation", dilation))
                .groups(groups));
        AtomicOutput.checkWritable(output, parent.force);
        Tensor x = TensorFiles.read(input);
        Tensor w = TensorFiles.read(weight);
        Tensor b = bias == null ? null : TensorFiles.read(bias);
        Tensor y = Functional.convTranspose2d(x, w, b, options);
        TensorFiles.write(output, y, parent.force);
        Report.wrote(parent, spec, output, y.shape());
    }
}
