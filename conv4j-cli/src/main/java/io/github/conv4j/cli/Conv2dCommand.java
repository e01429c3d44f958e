package io.github.conv4j.cli;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conv4j conv2d}: PyTorch's {@code F.conv2d} on {@code .npy} files. */
@Command(
        name = "conv2d",
        mixinStandardHelpOptions = true,
        description = "Cross-correlate an (N,C,H,W) or (C,H,W) tensor with (O,C/G,kH,kW) weights, like F.conv2d.",
        footer = {
            "",
            "Examples:",
            "  conv4j conv2d x.npy w.npy -o y.npy",
            "  conv4j conv2d x.npy w.npy --bias b.npy --stride 2 --padding same --padding-mode reflect -o y.npy",
            "  conv4j conv2d x.npy w.npy --groups 3 --dilation 2 --padding 2 -o y.npy --force"
        })
public final class Conv2dCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT.npy", description = "Input tensor.")
    Path input;

    @Parameters(index = "1", paramLabel = "WEIGHT.npy", description = "Weights, (C_out, C_in/groups, kH, kW).")
    Path weight;

    @Option(names = "--bias", paramLabel = "BIAS.npy", description = "Bias, (C_out).")
    Path bias;

    @Option(names = "--stride", paramLabel = "S", description = "S or SH,SW (default: ${DEFAULT-VALUE}).")
    String stride = "1";

    @Option(
            names = "--padding",
            paramLabel = "P",
            description = "same, valid, P, PH,PW or T,B,L,R (default: ${DEFAULT-VALUE}).")
    String padding = "0";

    @Option(names = "--dilation", paramLabel = "D", description = "D or DH,DW (default: ${DEFAULT-VALUE}).")
    String dilation = "1";

    @Option(names = "--groups", paramLabel = "G", description = "Channel groups (default: ${DEFAULT-VALUE}).")
    int groups = 1;

    @Option(
            names = "--padding-mode",
            paramLabel = "MODE",
            description = "zeros, constant, reflect, symmetric, replicate, circular (default: ${DEFAULT-VALUE}).")
    String paddingMode = "zeros";

    @Option(names = "--padding-value", paramLabel = "V", description = "Constant for --padding-mode constant.")
    double paddingValue;

    @Option(names = "--strict", description = "Refuse geometries whose output-size division is not exact.")
    boolean strict;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.npy",
            description = "Output tensor.")
    Path output;

    /** Creates the command (picocli instantiates it). */
    public Conv2dCommand() {}

    /** Runs the convolution. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        TensorFiles.requireNpyOutput(context, output);
        Conv2dOptions options = context.parse(() -> Conv2dOptions.defaults()
                .stride(IntPair.parse("stride", stride))
                .padding(Padding.parse(padding))
                .dilation(IntPair.parse("dilation", dilation))
                .groups(groups)
                .paddingMode(PaddingMode.parse(paddingMode))
                .paddingValue(paddingValue)
                .strict(strict));
        AtomicOutput.checkWritable(output, parent.force);
        Tensor x = TensorFiles.read(input);
        Tensor w = TensorFiles.read(weight);
        Tensor b = bias == null ? null : TensorFiles.read(bias);
        Tensor y = Functional.conv2d(x, w, b, options);
        TensorFiles.write(output, y, parent.force);
        Report.wrote(parent, spec, output, y.shape());
    }
}
