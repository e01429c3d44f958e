/**
 * The {@code conv4j} command line (picocli): {@link io.github.conv4j.cli.Main} is the entry point,
 * {@link io.github.conv4j.cli.Conv4jCommand} holds the global options, one class per subcommand, and
 * {@link io.github.conv4j.cli.AtomicOutput} writes every output file.
 */
package io.github.conv4j.cli;
