package io.github.conv4j.cli;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conv4j pool max|avg}: PyTorch's {@code F.max_pool2d} / {@code F.avg_pool2d} on {@code .npy} files. */
@Command(
        name = "pool",
        mixinStandardHelpOptions = true,
        description = "Max or average pooling of an (N,C,H,W) or (C,H,W) tensor.",
        footer = {
            "",
            "Examples:",
            "  conv4j pool max x.npy --kernel 2 -o y.npy",
            "  conv4j pool max x.npy --kernel 2 --stride 1 -o y.npy",
            "  conv4j pool avg x.npy --kernel 3 --stride 2 --padding 1 --ceil-mode -o y.npy"
        })
public final class PoolCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(index = "0", paramLabel = "max|avg", description = "Which pooling.")
    String kind;

    @Parameters(index = "1", paramLabel = "INPUT.npy", description = "Input tensor.")
    Path input;

    @Option(
            names = {"-k", "--kernel"},
            required = true,
            paramLabel = "K",
            description = "Window, K or KH,KW.")
    String kernel;

    @Option(names = "--stride", paramLabel = "S", description = "S or SH,SW (default: the window).")
    String stride;

    @Option(names = "--padding", paramLabel = "P", description = "P or PH,PW (default: ${DEFAULT-VALUE}).")
    String padding = "0";

    @Option(names = "--dilation", paramLabel = "D", description = "D or DH,DW, max only (default: ${DEFAULT-VALUE}).")
    String dilation = "1";

    @Option(names = "--ceil-mode", description = "Round the output size up.")
    boolean ceilMode;

    @Option(
            names = "--count-include-pad",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "avg only: count padding in the divisor (PyTorch's default; --no-count-include-pad"
                    + " excludes it).")
    boolean countIncludePad = true;

    @Option(names = "--exclude-pad", description = "avg only: same as --no-count-include-pad.")
    boolean excludePad;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.npy",
            description = "Output tensor.")
    Path output;

    /** Creates the command (picocli instantiates it). */
    public PoolCommand() {}

    /** Runs the pooling. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        if (!kind.equals("max") && !kind.equals("avg")) {
            throw context.usage("pooling must be max or avg, got '" + kind + "'");
        }
        if (kind.equals("avg") && !dilation.equals("1")) {
            throw context.usage("--dilation applies to max pooling only");
        }
        TensorFiles.requireNpyOutput(context, output);
        Pool2dOptions options = context.parse(() -> {
            Pool2dOptions o = Pool2dOptions.of(IntPair.parse("kernel", kernel))
                    .padding(IntPair.parse("padding", padding))
                    .dilation(IntPair.parse("dilation", dilation))
                    .ceilMode(ceilMode)
                    .countIncludePad(countIncludePad && !excludePad);
            return stride == null ? o : o.stride(IntPair.parse("stride", stride));
        });
        AtomicOutput.checkWritable(output, parent.force);
        Tensor x = TensorFiles.read(input);
        Tensor y = kind.equals("max") ? Functional.maxPool2d(x, options) : Functional.avgPool2d(x, options);
        TensorFiles.write(output, y, parent.force);
        Report.wrote(parent, spec, output, y.shape());
    }
}
