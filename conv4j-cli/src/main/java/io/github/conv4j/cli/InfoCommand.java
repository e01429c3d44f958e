package io.github.conv4j.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j info}: what this JVM gives conv4j — versions, the Vector API and its SIMD width, cores, threads.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show the conv4j and Java versions, SIMD support and thread count.",
        footer = {"", "Examples:", "  conv4j info", "  conv4j info --threads 4"})
public final class InfoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    /** Creates the command (picocli instantiates it). */
    public InfoCommand() {}

    /** Prints the report. */
    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("conv4j      " + VersionProvider.version());
        out.println("java        " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.vm.name") + ")");
        Optional<Integer> lanes = simdLanes();
        out.println("vector API  " + (lanes.isPresent() ? "jdk.incubator.vector present" : "absent (scalar code)"));
        lanes.ifPresent(n -> out.println("SIMD width  " + n + " floats (" + (n * 32) + " bits)"));
        out.println("processors  " + Runtime.getRuntime().availableProcessors());
        out.println("threads     " + parent.threads());
        out.flush();
    }

    /**
     * The preferred float vector length, read only when the incubator module is in the boot layer: touching
     * {@code FloatVector} without it would fail with a linkage error.
     */
    static Optional<Integer> simdLanes() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SimdWidth.preferredFloatLanes());
    }
}
