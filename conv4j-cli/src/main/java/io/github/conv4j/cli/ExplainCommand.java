package io.github.conv4j.cli;

import io.github.conv4j.kernel.AlgorithmSelector;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.ConvSpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conv4j explain}: the shapes of a convolution and which kernel computes it, and why. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Show a convolution's shapes, FLOPs and the algorithm conv4j picks for it.",
        footer = {
            "",
            "DESCRIPTOR: n batch, c input channels, h/w input size, o output channels, k kernel (3 or 1x7),",
            "s stride, p padding (1, 1x2, t_b_l_r or same), d dilation, g groups (gdw = depthwise).",
            "",
            "Examples:",
            "  conv4j explain n8c64h56w56o64k3p1",
            "  conv4j explain c32h112k3p1gdw"
        })
public final class ExplainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTOR", description = "Convolution descriptors.")
    java.util.List<String> descriptors;

    /** Creates the command (picocli instantiates it). */
    public ExplainCommand() {}

    /** Prints one block per descriptor. */
    @Override
    public void run() {
        CommandContext ctx = new CommandContext(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        for (String d : descriptors) {
            ConvGeometry g = ctx.parse(() -> ConvSpec.parse(d));
            out.println(g.descriptor());
            out.println("  input   " + Arrays.toString(g.inputShape()));
            out.println("  weight  " + Arrays.toString(g.weightShape()));
            out.println("  output  " + Arrays.toString(g.outputShape()));
            out.println("  padding top " + g.padTop() + ", bottom " + g.padBottom() + ", left " + g.padLeft()
                    + ", right " + g.padRight());
            out.printf(Locale.ROOT, "  FLOPs   %.3f G (direct method)%n", g.flops() / 1e9);
            String explained = AlgorithmSelector.explain(g);
            out.println("  runs    " + explained.substring(explained.indexOf("-> ") + 3));
        }
        out.flush();
    }
}
