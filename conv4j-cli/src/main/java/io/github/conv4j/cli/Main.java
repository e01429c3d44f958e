package io.github.conv4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code conv4j} command. Every failure is one line on stderr, {@code conv4j: error: ...}, with
 * exit code 2 for a wrong command line and 1 for a run that failed; {@code --verbose} adds the stack trace.
 *
 * <pre>{@code
 * int code = Main.run(new String[] {"demo", "-o", "/tmp/demo"}, System.out, System.err);
 * }</pre>
 */
public final class Main {
    private static final String PREFIX = "conv4j: error: ";

    private Main() {}

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command in-process (what the tests call).
     *
     * @param args the command line
     * @param out where results go
     * @param err where errors go
     * @return the exit code: 0 success, 1 runtime failure, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Conv4jCommand top = new Conv4jCommand();
        CommandLine cli = new CommandLine(top);
        // Wide enough that the examples in the footers stay on one line each.
        cli.setUsageHelpWidth(110);
        cli.setOut(o);
        cli.setErr(e);
        cli.setParameterExceptionHandler((ex, a) -> usageError(ex, top, e));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> runtimeError(ex, top, e));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
        return code;
    }

    private static int usageError(ParameterException ex, Conv4jCommand top, PrintWriter err) {
        if (top.verbose) {
            ex.printStackTrace(err);
        }
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println(PREFIX + oneLine(ex.getMessage()) + " (see '" + command + " --help')");
        return CliException.USAGE;
    }

    private static int runtimeError(Exception ex, Conv4jCommand top, PrintWriter err) {
        if (top.verbose) {
            ex.printStackTrace(err);
        }
        int code = ex instanceof CliException c ? c.exitCode() : CliException.RUNTIME;
        err.println(PREFIX + oneLine(describe(ex)));
        return code;
    }

    private static String describe(Exception ex) {
        if (ex instanceof CliException || ex instanceof IllegalArgumentException) {
            // The core's messages name the argument and the rule broken: show them as they are.
            return String.valueOf(ex.getMessage());
        }
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ex.getMessage();
        }
        if (ex instanceof IOException) {
            return "I/O error: " + ex.getMessage();
        }
        return "internal error: " + ex + " (rerun with --verbose for the stack trace)";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
