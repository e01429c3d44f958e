package io.github.conv4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/** The one line a tensor subcommand prints on success, unless {@code --quiet}. */
final class Report {
    private Report() {}

    static void wrote(Conv4jCommand parent, CommandSpec spec, Path output, int[] shape) {
        if (!parent.quiet) {
            spec.commandLine().getOut().printf("wrote %s %s%n", output, Arrays.toString(shape));
            spec.commandLine().getOut().flush();
        }
    }
}
