package io.github.conv4j.cli;

import io.github.conv4j.cli.bench.Timing;
import io.github.conv4j.cli.bench.Workload;
import io.github.conv4j.spec.Algorithm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j bench}: times workloads (see {@link Workload}) and prints the median, the best sample and GFLOP/s;
 * {@code --json} prints one JSON object per workload for scripts such as {@code bench/compare.py}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time convolution, pooling and filter workloads on this machine.",
        footer = {
            "",
            "Workloads:",
            "  conv:DESCRIPTOR       conv2d forward, e.g. conv:n8c64h56w56o64k3p1 (n batch, c/o channels, h/w size,",
            "                        k kernel, s stride, p padding, d dilation, g groups or gdw)",
            "  conv-bwd:DESCRIPTOR   input and weight gradients of that convolution",
            "  maxpool:n8c64h112w112k3s2p1, avgpool:n8c64h112w112k2",
            "  filter:h2160w3840:k3  one gray image, same-size output; k3, k5, k1x2, kN, sobel, gauss5",
            "  filter-into:h2160w3840:k3  the same, written into one output allocated once (conv2d's out)",
            "",
            "Examples:",
            "  conv4j bench conv:n1c64h56w56o64k3p1",
            "  conv4j bench --threads 1 --samples 21 filter:h2160w3840:k3 maxpool:n8c64h112w112k3s2p1",
            "  conv4j bench --json conv-bwd:n8c64h56w56o64k3p1",
            "  conv4j bench --algorithm IM2COL conv:n8c64h56w56o64k3p1"
        })
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "WORKLOAD", description = "Workloads to time.")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--samples", description = "Timed calls per workload (default: ${DEFAULT-VALUE}).")
    int samples = 15;

    @Option(names = "--warmup-ms", description = "Warm-up time per workload in ms (default: ${DEFAULT-VALUE}).")
    long warmupMs = 1000;

    @Option(
            names = "--algorithm",
            paramLabel = "NAME",
            description = "Force the convolution algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Algorithm algorithm = Algorithm.AUTO;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    /** Creates the command (picocli instantiates it). */
    public BenchCommand() {}

    /** Parses every workload first (so a typo fails before anything runs), then times them in order. */
    @Override
    public void run() {
        CommandContext ctx = new CommandContext(spec.commandLine());
        if (samples < 1) {
            throw ctx.usage("--samples must be >= 1, got " + samples);
        }
        List<Workload> parsed = new ArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        for (String w : workloads) {
            Workload workload = ctx.parse(() -> Workload.parse(w).withAlgorithm(algorithm));
            parsed.add(workload);
            calls.add(ctx.parse(workload::prepare));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf(Locale.ROOT, "%-40s %10s %10s %9s%n", "workload", "median ms", "best ms", "GFLOP/s");
        }
        for (int i = 0; i < parsed.size(); i++) {
            Workload w = parsed.get(i);
            Timing t = Timing.measure(calls.get(i), warmupMs, samples);
            double gflops = w.flops() == 0 ? Double.NaN : w.flops() / t.medianMs() / 1e6;
            if (json) {
                out.printf(
                        Locale.ROOT,
                        "{\"workload\": \"%s\", \"median_ms\": %.4f, \"best_ms\": %.4f, \"gflops\": %s, \"samples\": %d}%n",
                        w,
                        t.medianMs(),
                        t.minMs(),
                        Double.isNaN(gflops) ? "null" : String.format(Locale.ROOT, "%.2f", gflops),
                        samples);
            } else {
                out.printf(
                        Locale.ROOT,
                        "%-40s %10.3f %10.3f %9s%n",
                        w,
                        t.medianMs(),
                        t.minMs(),
                        Double.isNaN(gflops) ? "-" : String.format(Locale.ROOT, "%.1f", gflops));
            }
            out.flush();
        }
    }
}
