package io.github.conv4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top {@code conv4j} command. Its options are inherited, so they work before or after the subcommand
 * ({@code conv4j --force filter ...} and {@code conv4j filter ... --force}); picocli stores them here either way.
 */
@Command(
        name = "conv4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Fast pure-Java 2-D convolution: filters, edges and the seed examples.",
        subcommands = {
            DemoCommand.class,
            InfoCommand.class,
            FilterCommand.class,
            EdgesCommand.class,
            Conv2dCommand.class,
            ConvTranspose2dCommand.class,
            Convolve2dCommand.class,
            PoolCommand.class,
            BenchCommand.class,
            ExplainCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  conv4j demo -o /tmp/conv4j-demo",
            "  conv4j filter photo.png --kernel sobel-x --normalize signed -o sobel-x.png",
            "  conv4j edges photo.png -o edges.png --force",
            "  conv4j info",
            "  conv4j explain n8c64h56w56o64k3p1",
            "  conv4j bench --threads 1 conv:n1c64h56w56o64k3p1 filter:h2160w3840:k3"
        })
public final class Conv4jCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--force", scope = ScopeType.INHERIT, description = "Overwrite existing output files.")
    boolean force;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    /** Creates the command (picocli instantiates it). */
    public Conv4jCommand() {}

    /**
     * Sets the worker thread count, validated here so that a bad value is a usage error.
     *
     * @param n {@code >= 1}
     */
    @Option(
            names = "--threads",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "Worker threads (default: available processors).")
    void setThreads(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        }
        threads = n;
        io.github.conv4j.kernel.parallel.Parallel.setThreads(n);
    }

    /**
     * The thread count in effect.
     *
     * @return {@code >= 1}
     */
    public int threads() {
        return threads;
    }

    /**
     * Without a subcommand there is nothing to do: a usage error.
     */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (try 'conv4j --help')");
    }
}
