package io.github.conv4j.cli;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns argument problems found while running (a kernel name that does not parse, a bad padding) into usage errors
 * (exit 2) rather than runtime failures (exit 1).
 *
 * @param commandLine the subcommand being run
 */
record CommandContext(CommandLine commandLine) {
    ParameterException usage(String message) {
        return new ParameterException(commandLine, message);
    }

    /** Evaluates a parse step; its {@link IllegalArgumentException} is a usage error with the same message. */
    <T> T parse(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
