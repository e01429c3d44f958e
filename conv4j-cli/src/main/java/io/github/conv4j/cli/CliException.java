package io.github.conv4j.cli;

/**
 * A failure the command reports as one line, with the exit code to return: {@link #RUNTIME} for a run that could
 * not finish (missing input, existing output, unwritable folder), {@link #USAGE} for arguments that make no sense.
 *
 * <pre>{@code
 * throw new CliException(CliException.RUNTIME, "output exists: out.png (use --force to overwrite)");
 * }</pre>
 */
public final class CliException extends RuntimeException {
    /** Serialisation version, as RuntimeException is Serializable. */
    private static final long serialVersionUID = 1L;

    /** Exit code of a run that failed. */
    public static final int RUNTIME = 1;

    /** Exit code of a command line that is wrong. */
    public static final int USAGE = 2;

    /** The process exit code, {@link #RUNTIME} or {@link #USAGE}. */
    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode {@link #RUNTIME} or {@link #USAGE}
     * @param message the one-line message, without the {@code conv4j: error:} prefix
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * Creates the exception with the failure that caused it (shown with {@code --verbose}).
     *
     * @param exitCode {@link #RUNTIME} or {@link #USAGE}
     * @param message the one-line message
     * @param cause the underlying failure
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * The process exit code for this failure.
     *
     * @return 1 or 2
     */
    public int exitCode() {
        return exitCode;
    }
}
